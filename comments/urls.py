from django.urls import path

from . import feeds, mail_link_views, own_comment, personal_data_views, unsubscribe, views, wordpress_links

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("articles/<slug:slug>/comments/<int:pk>/edit/", own_comment.edit, name="edit"),
    path("articles/<slug:slug>/comments/<int:pk>/delete/", own_comment.delete, name="delete"),
    # Beside the article's address, not under comments/ (robots.txt keeps crawlers out of the post address).
    path("articles/<slug:slug>/feed/", feeds.ArticleCommentsFeed(), name="feed"),
    path("articles/<slug:slug>/feed/atom/", feeds.ArticleCommentsAtomFeed(), name="feed-atom"),
    # An old WordPress link to a comment, sent on by static/comments/wordpress-comment-link.js (wordpress_links).
    path(
        "articles/<slug:slug>/wordpress-comment/<str:wordpress_id>/",
        wordpress_links.imported_comment,
        name="wordpress-comment",
    ),
    # A link in a moderator's mail (comments.mail_links): the signed token is the whole address.
    path("moderate/<str:token>/", mail_link_views.decide_from_mail, name="mail-link"),
    # The address in every mail to a reader (comments.reader_mail); the token is signed.
    path("mail/unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
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
