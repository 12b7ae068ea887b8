import sys
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import ngettext

from articles.wordpress_import import WordPressImportError, export_logins, import_export, parse_export


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
            help=(
                "Comments by this WordPress user (WPNAME: the login, as WordPress's Users screen shows it) become "
                "staff replies by this active staff account. Repeatable."
            ),
        )

    def handle(self, *args, **options):
        try:
            self.import_export(**options)
        except DatabaseError as error:
            try:
                pending = migrations_pending()
            except DatabaseError:
                raise CommandError(
                    f"Cannot reach the database ({error}). Check DATABASE_URL or SQLITE_PATH, then run "
                    "`manage.py migrate` if it is new. Nothing was written."
                ) from error
            if not pending:  # a migrated database that refused (SQLite's "database is locked"): said, not a traceback
                raise CommandError(
                    f"The database refused the import: {error}. Nothing was written. Run it again when no other "
                    "process is writing (--traceback shows where it stopped)."
                ) from error
            raise CommandError(
                "The database is not ready: its tables are missing or out of date. Run `manage.py migrate` "
                "(or `make run` once) first, then the import again. Nothing was written."
            ) from error

    def import_export(self, *, export, dry_run, attach_to_existing, map_user, **options):
        user_map = self.user_map(map_user)
        staff_replies = Counter()
        try:
            # The mapping is checked against what the import found before anything is committed.
            with transaction.atomic():
                report = import_export(
                    export,
                    dry_run=dry_run,
                    attach_to_existing=attach_to_existing,
                    overwrite_local_edits=options["overwrite_local_edits"],
                    user_map=user_map,
                    staff_replies=staff_replies,
                    progress=self.progress if sys.stdout.isatty() else None,
                )
                if user_map:
                    self.check_mapping(export, user_map, staff_replies)
        except (WordPressImportError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
        for login, user in user_map.items():
            count = staff_replies[login]
            self.stdout.write(
                f"--map-user {login}={user.username}: "
                + ngettext("%(count)d comment is a staff reply", "%(count)d comments are staff replies", count)
                % {"count": count}
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def check_mapping(self, export, user_map: dict, staff_replies: Counter) -> None:
        """A WPNAME that is no login in the export and matched no comment is a typo, most likely: it stops
        the import, as its comments would otherwise arrive as plain ones while the owner meant staff replies."""
        channel = parse_export(export)
        logins = sorted(set(export_logins(channel).values()))
        unknown = [login for login in user_map if login not in logins and not staff_replies[login]]
        if unknown:
            listed = ", ".join(logins) or "none"
            raise CommandError(
                f"--map-user {', '.join(unknown)}: no such WordPress login in this export (its logins: {listed}), "
                "and no comment by a registered user was posted under that name. Give the login as "
                "WordPress's Users screen shows it. Nothing was written."
            )

    def user_map(self, pairs: list[str]) -> dict:
        mapped = {}
        for pair in pairs:
            wordpress_login, sep, username = pair.partition("=")
            wordpress_login = wordpress_login.strip()
            if not (sep and wordpress_login and username):
                raise CommandError(
                    f"--map-user {pair}: give WPNAME=DJANGOUSER, with an active staff account's username."
                )
            user = self.staff_account(pair, username)
            if wordpress_login in mapped:
                raise CommandError(
                    f"--map-user {pair}: {wordpress_login} is already mapped (to {mapped[wordpress_login].username}); "
                    "give each WordPress login once."
                )
            mapped[wordpress_login] = user
        return mapped

    def staff_account(self, pair: str, username: str):
        """The active staff account `username`, or a refusal that says which of the three it is not."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            problem = f"no active staff account with the username “{username}” (no account has it)"
        elif not user.is_active:
            problem = f"the account “{username}” is inactive: make it active in the admin, or give another"
        elif not user.is_staff:
            problem = f"the account “{username}” is not staff: tick “Staff status” in the admin, or give another"
        else:
            return user
        raise CommandError(f"--map-user {pair}: {problem}. Nothing was written.")

    def progress(self, done: int, total: int) -> None:
        """A counter line on a terminal only: piped into a log, it would be noise."""
        self.stdout.write(f"\rImporting item {done} of {total}", ending="\n" if done == total else "")
        self.stdout.flush()


def migrations_pending() -> bool:
    """Whether the database lacks migrations this code has: a table the import reads may not exist yet."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
