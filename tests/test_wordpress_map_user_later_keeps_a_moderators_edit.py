"""A --map-user given on a later run makes an imported comment a staff reply without putting back
the export's text over a moderator's edit here: whose reply it is is not what the export says."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from comments.models import Comment
from tests.wordpress_export import FIXTURE

ADMIN_COMMENT = 214  # the fixture's comment by the admin (WordPress user 1, login "admin")
EDITED = "Edited here: a phone number taken out."


@pytest.mark.django_db
def test_mapping_the_user_later_keeps_the_edited_text_and_names_the_staff_account():
    User.objects.create_user("ed", "ed@example.net", first_name="Ed", last_name="Stone", is_staff=True)
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    Comment.objects.filter(imported_id=ADMIN_COMMENT).update(body=EDITED)

    call_command("import_wordpress", str(FIXTURE), "--map-user", "admin=ed", stdout=StringIO())
    reply = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert reply.is_staff_reply and reply.user.username == "ed" and reply.name == "Ed Stone"
    assert reply.body == EDITED

    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())  # and without the mapping again
    comment = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert not comment.is_staff_reply and comment.user is None and comment.name != "Ed Stone"
    assert comment.body == EDITED
