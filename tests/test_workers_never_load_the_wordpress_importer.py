"""The site's workers never load `import_wordpress`'s code: the comments app names its importer by its
dotted path (articles/wordpress_hooks.py), so markdownify, BeautifulSoup and defusedxml stay out of
every worker's memory (about 3 MB each), and only the command loads them."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTER_ONLY = ["markdownify", "bs4", "defusedxml", "articles.wordpress_import", "comments.wordpress_comments"]

# What a gunicorn worker loads: the settings, every app's ready(), the WSGI handler and the URLconf.
WORKER = f"""
import sys
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
get_wsgi_application()
get_resolver().url_patterns
print(",".join(name for name in {IMPORTER_ONLY!r} if name in sys.modules))
"""


def test_a_worker_loads_none_of_the_importers_code():
    env = {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", "DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"}
    loaded = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_the_import_still_finds_the_comments_importer():
    from django.utils.module_loading import import_string

    from articles.wordpress_hooks import ITEM_COMMENT_IMPORTERS

    assert [import_string(path).__module__ for path in ITEM_COMMENT_IMPORTERS] == ["comments.wordpress_comments"]
