from django.urls import path

from . import feeds, personal_data_views, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    # Beside the article's address, not under comments/ (robots.txt keeps crawlers out of the post address).
    path("articles/<slug:slug>/feed/", feeds.ArticleCommentsFeed(), name="feed"),
    path("articles/<slug:slug>/feed/atom/", feeds.ArticleCommentsAtomFeed(), name="feed-atom"),
    # A reader's own comments: a copy or their erasure, confirmed from a mailed link (personal_data.py).
    path("your-comments/", personal_data_views.ask, name="personal-data"),
    path("your-comments/sent/", personal_data_views.sent, name="personal-data-sent"),
    path("your-comments/copy/<str:token>/", personal_data_views.confirm, {"kind": "copy"}, name="personal-data-copy"),
    path(
        "your-comments/erase/<str:token>/",
        personal_data_views.confirm,
        {"kind": "erasure"},
        name="personal-data-erase",
    ),
]
