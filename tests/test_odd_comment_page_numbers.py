"""A comment page number that is not a page's own address ("01", one past the last) is answered,
but never kept: a script asking for thousands of them cannot push the real pages out of a
worker's memory and make every reader's page cost its queries again."""

from django.test import Client


def test_odd_comment_page_numbers_leave_the_real_page_kept(guide, make_comment, django_assert_max_num_queries):
    make_comment(guide, body="The only thread.")
    reader = Client()
    address = guide.get_absolute_url()
    assert "The only thread." in reader.get(f"{address}?comments-page=1").content.decode()
    for number in range(2, 602):  # more than the worker keeps (PAGE_CACHE_ENTRIES, 500)
        odd = reader.get(f"{address}?comments-page={number:04d}")
        assert odd.status_code == 200 and "The only thread." in odd.content.decode()  # the last page
    with django_assert_max_num_queries(0):
        again = reader.get(f"{address}?comments-page=1")
    assert "The only thread." in again.content.decode()
