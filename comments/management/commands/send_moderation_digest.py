from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand
from django.urls import reverse

from comments.models import DiscussionSettings
from comments.notifications import send_digest


class Command(BaseCommand):
    help = (
        "E-mail the moderators one list of the comments that wait. Run it from cron when the "
        "discussion settings say 'digest' (e.g. hourly); with another setting it sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scheme", default="https", help="Scheme of the queue link in the mail.")

    def handle(self, *args, scheme, **options):
        if DiscussionSettings.get_solo().notify_moderators != DiscussionSettings.Notify.DIGEST:
            self.stdout.write("Moderators are not told by digest (see Discussion settings); nothing sent.")
            return
        domain = Site.objects.get_current().domain
        listed = send_digest(queue_url=f"{scheme}://{domain}{reverse('admin:comments_comment_changelist')}")
        self.stdout.write(
            f"Digest sent: {listed} comment{'s' if listed != 1 else ''} waiting." if listed else "No comment waits."
        )
