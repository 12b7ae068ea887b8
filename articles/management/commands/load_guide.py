from django.core.management.base import BaseCommand, CommandError

from articles.guide_loader import GuideFileError, guide_files, load_guide, read_guide
from infusion_site.site_address import site_origin, sync_site_domain


class Command(BaseCommand):
    help = (
        "Load the guides kept as data files in articles/content/. Idempotent: a guide that "
        "is already there is left as it is, even if an editor changed it, unless --reset is given. "
        "The site's address (Sites) is set from SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite guides (and the site name) that differ from their data files.",
        )

    def handle(self, *args, reset=False, **options):
        files = guide_files()
        if not files:
            raise CommandError("No guide data files found in articles/content/.")
        for path in files:
            try:
                lines = load_guide(read_guide(path), reset=reset)
            except GuideFileError as error:
                raise CommandError(f"{error} Nothing was written.") from error
            for line in lines:
                self.stdout.write(line)
        if sync_site_domain():
            self.stdout.write(f"Site address set to {site_origin()}.")
