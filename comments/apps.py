from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.page_cache import bump_comments_version, bump_content_version, register_personal_cookie
        from articles.wordpress_import import ITEM_COMMENT_IMPORTERS

        from . import remembered_author
        from .models import Comment, DiscussionSettings
        from .wordpress_comments import import_item_comments

        # The remembered details fill in the form, and its waiting comments show: a page of its own.
        register_personal_cookie(remembered_author.COOKIE_NAME)
        # The own-words cookie puts Edit and Delete under its comments: a page of its own.
        register_personal_cookie(remembered_author.OWN_COOKIE_NAME)
        # import_wordpress brings each post's comments in through this app (articles never imports comments).
        if import_item_comments not in ITEM_COMMENT_IMPORTERS:
            ITEM_COMMENT_IMPORTERS.append(import_item_comments)

        def comments_changed(sender, instance, created=False, **kwargs):
            # A new comment that waits (or is spam) changes no page but its author's, and no shared
            # cache holds theirs: it is asked for with their own cookie (part of its ETag) or a signed link
            # made for this post. Approving it later is a save that bumps.
            if created and instance.status != Comment.Status.APPROVED:
                return
            bump_comments_version(instance.article_id)

        post_save.connect(comments_changed, sender=Comment, dispatch_uid="comments-changed-save", weak=False)
        post_delete.connect(comments_changed, sender=Comment, dispatch_uid="comments-changed-delete", weak=False)

        def rules_changed(sender, created, **kwargs):
            if not created:  # django-solo creates the default row on first use: nothing changed then
                bump_content_version()

        # The rules change how every article's comments look: every page's ETag changes.
        post_save.connect(
            rules_changed, sender=DiscussionSettings, dispatch_uid="discussion-settings-saved", weak=False
        )
