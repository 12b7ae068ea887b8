"""The search page has one search form, the one holding the reader's words; every other page has the header's."""

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"q": "drip"}, {"q": "x" * 300}])
def test_the_search_page_has_one_search_form_holding_the_query(query):
    html = Client().get("/search/", query).content.decode()
    assert html.count('role="search"') == 1
    if query and len(query["q"]) < 200:
        assert 'value="drip"' in html


@pytest.mark.django_db
def test_other_pages_keep_the_header_search_box():
    html = Client().get("/").content.decode()
    assert html.count('role="search"') == 1 and 'id="site-search-q"' in html
