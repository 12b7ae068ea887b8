"""The WordPress exports the importer's tests read: the real one WordPress wrote
(../shared/fixtures beside the repository, used as it is, never edited) and small crafted ones."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "wordpress-export.xml"
GUIDE_SLUG = "what-is-ketamine-infusion-used-for"

WP = "{http://wordpress.org/export/1.2/}"
SOURCE = "http://127.0.0.1:8081"
GUIDE_POST_ID = "4"


class Report:
    """A stand-in for the import's report (articles.wordpress_import.ImportReport): its four methods."""

    def __init__(self):
        self.lines = []

    def created(self, kind, what, detail=""):
        self.lines.append(("created", kind, what, detail))

    def updated(self, kind, what, why):
        self.lines.append(("updated", kind, what, why))

    def skipped(self, kind, what, why):
        self.lines.append(("skipped", kind, what, why))

    def dropped(self, kind, what, why):
        self.lines.append(("dropped", kind, what, why))

    def of(self, outcome):
        return [line for line in self.lines if line[0] == outcome]


def export_item(post_id: str) -> ET.Element:
    root = ET.parse(FIXTURE).getroot()
    return next(item for item in root.iter("item") if item.findtext(f"{WP}post_id") == post_id)


HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>t</title><wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
"""


def item(post_id: int, slug: str, date: str = "2026-10-01 09:00:00") -> str:
    return f"""<item><title>Post {post_id}</title><link>https://old.example/{slug}/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Text of {slug}.</p>]]></content:encoded>
<excerpt:encoded></excerpt:encoded><wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"""


def export(*items: str, version: str = "1.2") -> str:
    return HEAD.format(version=version) + "".join(items) + "</channel></rss>\n"


def import_in_a_process(sqlite_path) -> subprocess.CompletedProcess:
    """`manage.py import_wordpress FIXTURE` as an owner runs it, on the SQLite file `sqlite_path`
    (the test settings, no DATABASE_URL): for what the command says before any database is ready."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {"SQLITE_PATH": str(sqlite_path), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(FIXTURE)],
        cwd=Path(__file__).resolve().parents[1],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
