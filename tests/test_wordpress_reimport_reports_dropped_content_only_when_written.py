"""What an import drops (tags, an embed, an empty "Table of Contents" heading...) is listed on the run that
writes the page, not again on every run that leaves it as it is."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.wordpress_export import FIXTURE, export


def run(path) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


def post(post_id: int, text: str) -> str:
    return f"""<item><title>Post {post_id}</title><link>https://old.example/p{post_id}/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[{text}]]></content:encoded>
<excerpt:encoded></excerpt:encoded><wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt>2026-10-01 09:00:00</wp:post_date_gmt><wp:post_name>p{post_id}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"""


@pytest.mark.django_db
def test_second_run_of_the_fixture_drops_nothing():
    assert "tag “crps”: the site has no tags" in run(FIXTURE)
    second = run(FIXTURE)
    assert "Dropped: 0" in second and "tag “" not in second


@pytest.mark.django_db
def test_only_the_item_written_lists_what_it_drops(tmp_path):
    path = tmp_path / "export.xml"
    video = '<p>Watch.</p><iframe src="https://video.example/1"></iframe>'
    path.write_text(export(post(1, video), post(2, video)))
    first = run(path)
    assert "<iframe> “Post 1”" in first and "<iframe> “Post 2”" in first
    path.write_text(export(post(1, video), post(2, video.replace("Watch.", "Watch this."))))
    second = run(path)
    assert "<iframe> “Post 2”" in second
    assert "Post 1”" not in second.split("Dropped:")[1]


def commented_post(body: str) -> str:
    comment = f"""<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
<wp:comment_author_email>ann@example.com</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>
<wp:comment_author_IP>203.0.113.7</wp:comment_author_IP><wp:comment_date_gmt>2026-10-02 09:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{body}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>"""
    return post(1, "<p>Text.</p>").replace("</item>", comment + "</item>")


@pytest.mark.django_db
def test_comment_lists_what_it_drops_only_when_written(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(commented_post("<table><tr><td>Dose</td></tr></table>")))
    assert "comment “WordPress comment 7 on “Post 1””: <table> is not kept" in run(path)
    assert "WordPress comment 7" not in run(path)
    path.write_text(export(commented_post("<table><tr><td>Dose, again</td></tr></table>")))
    assert "comment “WordPress comment 7 on “Post 1””: <table> is not kept" in run(path)
