from django.urls import path

from . import feeds, mail_link_views, own_comment, unsubscribe, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("articles/<slug:slug>/comments/<int:pk>/edit/", own_comment.edit, name="edit"),
    path("articles/<slug:slug>/comments/<int:pk>/delete/", own_comment.delete, name="delete"),
    # Beside the article's address, not under comments/ (robots.txt keeps crawlers out of the post address).
    path("articles/<slug:slug>/feed/", feeds.ArticleCommentsFeed(), name="feed"),
    path("articles/<slug:slug>/feed/atom/", feeds.ArticleCommentsAtomFeed(), name="feed-atom"),
    # A link in a moderator's mail (comments.mail_links): the signed token is the whole address.
    path("moderate/<str:token>/", mail_link_views.decide_from_mail, name="mail-link"),
    # The address in every mail to a reader (comments.reader_mail); the token is signed.
    path("mail/unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
