from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

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
        if not listed:
            self.stdout.write("No comment waits.")
            return
        self.stdout.write(
            ngettext("Digest sent: %(count)d comment waiting.", "Digest sent: %(count)d comments waiting.", listed)
            % {"count": listed}
        )
