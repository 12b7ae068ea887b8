"""The admin lists what import_wordpress made, by WordPress site, to check an import."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.wordpress_export import FIXTURE


@pytest.mark.django_db
def test_admin_lists_imported_items_with_their_old_addresses(client, django_assert_max_num_queries):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    client.force_login(User.objects.create_superuser("owner", "owner@example.com", "x"))
    with django_assert_max_num_queries(15):
        page = client.get("/admin/articles/wordpressitem/?source=http://127.0.0.1:8081")
    assert page.status_code == 200
    text = page.content.decode()
    assert "/2026/10/01/what-is-ketamine-infusion-used-for/" in text
    assert "Chronic Pain" in text
    assert client.get("/admin/articles/wordpressitem/add/").status_code == 403
