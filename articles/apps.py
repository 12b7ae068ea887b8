from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from django.contrib.sites.models import Site
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from PIL import Image

        from .article_body import article_changed, crisis_help_changed, part_changed, person_changed, topic_changed
        from .context_processors import forget_footer_pages, forget_site_name
        from .editor_images import MAX_PIXELS
        from .models import FAQ, Article, CrisisHelp, Person, Reference, Section, SitePage, Takeaway, Topic
        from .page_cache import bump_content_version

        # Whoever opens an image (Django's ImageField, renditions), Pillow refuses one over twice this.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS

        # Any change to what an article body shows makes it again (which retires the cached pages).
        for signal in (post_save, post_delete):
            name = "save" if signal is post_save else "delete"
            signal.connect(article_changed, sender=Article, dispatch_uid=f"body-{name}-Article")
            for model in (Takeaway, Section, FAQ, Reference):
                signal.connect(part_changed, sender=model, dispatch_uid=f"body-{name}-{model.__name__}")
        # A person in use cannot be deleted (PROTECT): only an edit shows.
        post_save.connect(person_changed, sender=Person, dispatch_uid="body-save-Person")
        # Nor a topic an article is filed under (PROTECT): its name and address are in the body.
        post_save.connect(topic_changed, sender=Topic, dispatch_uid="body-save-Topic")
        # The crisis help is in the bodies of mental-health articles (a singleton: never deleted).
        post_save.connect(crisis_help_changed, sender=CrisisHelp, dispatch_uid="body-save-CrisisHelp")
        # Related articles' links are joined on read (article_body.article_html): only the pages go.
        m2m_changed.connect(
            bump_content_version, sender=Article.related_articles.through, dispatch_uid="body-related-articles"
        )

        # Every page shows the site's name: a rename retires them all.
        for signal in (post_save, post_delete):
            signal.connect(forget_site_name, sender=Site, dispatch_uid=f"site-name-{signal is post_save}")
            signal.connect(bump_content_version, sender=Site, dispatch_uid=f"site-pages-{signal is post_save}")

        # Every page's footer links the published site pages: any change to one retires them all.
        for signal in (post_save, post_delete):
            signal.connect(forget_footer_pages, sender=SitePage, dispatch_uid=f"footer-{signal is post_save}")
            signal.connect(bump_content_version, sender=SitePage, dispatch_uid=f"footer-pages-{signal is post_save}")
