from django.apps import AppConfig

WORDPRESS_COMMENT_IMPORTER = "comments.wordpress_comments.import_item_comments"


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.page_cache import bump_comments_version, bump_content_version, register_personal_cookie
        from articles.wordpress_hooks import ITEM_COMMENT_IMPORTERS

        from . import remembered_author
        from .models import Comment, DiscussionSettings

        # The remembered details fill in the form, and its waiting comments show: a page of its own.
        register_personal_cookie(remembered_author.COOKIE_NAME)
        # The own-words cookie puts Edit and Delete under its comments: a page of its own.
        register_personal_cookie(remembered_author.OWN_COOKIE_NAME)
        # import_wordpress brings each post's comments in through this app (articles never imports comments),
        # by name: the site's workers never load the importer (articles/wordpress_hooks.py).
        if WORDPRESS_COMMENT_IMPORTER not in ITEM_COMMENT_IMPORTERS:
            ITEM_COMMENT_IMPORTERS.append(WORDPRESS_COMMENT_IMPORTER)

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
