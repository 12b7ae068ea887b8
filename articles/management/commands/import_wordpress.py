import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.wordpress_import import WordPressImportError, import_export


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools -> Export -> All content): posts as articles, pages as site pages, "
        "categories as topics, with their comments and old addresses. One transaction: on any error nothing "
        "is written. Run it again to take changes: nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file WordPress exported.")
        parser.add_argument("--dry-run", action="store_true", help="Do everything, print the summary, write nothing.")
        parser.add_argument(
            "--attach-to-existing",
            action="store_true",
            help="An item whose address is already a page here attaches to it (its comments too); its content is kept.",
        )
        parser.add_argument(
            "--overwrite-local-edits",
            action="store_true",
            help="A changed item whose page was edited here since the last import takes the export's version "
            "anyway (without it, the page is kept and reported as skipped).",
        )
        parser.add_argument(
            "--map-user",
            action="append",
            default=[],
            metavar="WPNAME=DJANGOUSER",
            help="Comments by this WordPress login become staff replies by this staff account. Repeatable.",
        )

    def handle(self, *args, export, dry_run, attach_to_existing, map_user, **options):
        try:
            report = import_export(
                export,
                dry_run=dry_run,
                attach_to_existing=attach_to_existing,
                overwrite_local_edits=options["overwrite_local_edits"],
                user_map=self.user_map(map_user),
                progress=self.progress if sys.stdout.isatty() else None,
            )
        except (WordPressImportError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def user_map(self, pairs: list[str]) -> dict:
        staff = get_user_model().objects.filter(is_staff=True, is_active=True)
        mapped = {}
        for pair in pairs:
            wordpress_login, sep, username = pair.partition("=")
            user = staff.filter(username=username).first() if sep and wordpress_login else None
            if user is None:
                raise CommandError(
                    f"--map-user {pair}: give WPNAME=DJANGOUSER, with an active staff account's username."
                )
            mapped[wordpress_login] = user
        return mapped

    def progress(self, done: int, total: int) -> None:
        """A counter line on a terminal only: piped into a log, it would be noise."""
        self.stdout.write(f"\rImporting item {done} of {total}", ending="\n" if done == total else "")
        self.stdout.flush()
