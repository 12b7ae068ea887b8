from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from comments.models import Comment


class Command(BaseCommand):
    help = "Clear the IP address and browser of comments older than --days (default 90). The comments stay."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="Keep the data of comments newer than this.")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_address__isnull=True, user_agent="")
        cleared = old.update(ip_address=None, user_agent="")
        message = ngettext(
            "Cleared the IP address of %(count)d comment older than %(days)d days.",
            "Cleared the IP address of %(count)d comments older than %(days)d days.",
            cleared,
        )
        self.stdout.write(message % {"count": cleared, "days": days})
