from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("topics/<slug:slug>/feed/", feeds.TopicArticlesFeed(), name="topic-feed"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicArticlesAtomFeed(), name="topic-feed-atom"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("search/", views.SearchView.as_view(), name="search"),
    # Last of all the site's addresses: anything mounted before it wins (SitePage.clean refuses its slugs).
    path("<slug:slug>/", views.site_page, name="site-page"),
]
