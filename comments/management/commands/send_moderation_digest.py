from django.core.management.base import BaseCommand

from comments.models import DiscussionSettings
from comments.notifications import send_digest


class Command(BaseCommand):
    help = (
        "E-mail the moderators one list of the comments that wait. Run it from cron when the "
        "discussion settings say 'digest' (e.g. hourly); with another setting it sends nothing. "
        "Its links start with the site's address, SITE_URL."
    )

    def handle(self, *args, **options):
        if DiscussionSettings.get_solo().notify_moderators != DiscussionSettings.Notify.DIGEST:
            self.stdout.write("Moderators are not told by digest (see Discussion settings); nothing sent.")
            return
        listed = send_digest()
        self.stdout.write(
            f"Digest sent: {listed} comment{'s' if listed != 1 else ''} waiting." if listed else "No comment waits."
        )
