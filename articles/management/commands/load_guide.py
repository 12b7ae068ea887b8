from django.core.management.base import BaseCommand, CommandError

from articles.guide_loader import GuideFileError, guide_files, load_guide, read_guide
from articles.site_page_loader import load_site_pages, read_site_pages
from infusion_site.site_address import site_origin, sync_site_domain


class Command(BaseCommand):
    help = (
        "Load the guides kept as data files in articles/content/. Idempotent: a guide that "
        "is already there is left as it is, even if an editor changed it, unless --reset is given. "
        "The same for the site pages (About, Editorial policy, Privacy, Contact) in articles/content/site_pages/. "
        "The site's address (Sites) is set from SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite guides, site pages and the site name that differ from their data files.",
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
        try:
            lines = load_site_pages(read_site_pages(), reset=reset)
        except GuideFileError as error:
            raise CommandError(f"{error} No site page was written.") from error
        for line in lines:
            self.stdout.write(line)
        if sync_site_domain():
            self.stdout.write(f"Site address set to {site_origin()}.")
