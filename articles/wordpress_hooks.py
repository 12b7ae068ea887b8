"""Where the comments app tells `import_wordpress` how to bring a post's comments in, without loading either.

The import is a command an owner runs once or twice; the site's workers never run it, so they load
neither the importer (markdownify, BeautifulSoup, defusedxml: about 3 MB a worker) nor the comments'
importer. The comments app appends the dotted path of its importer here when it is ready
(comments/apps.py), as it registers its cookies; the import resolves the paths when it runs, so
articles never imports comments.
"""

# "module.function" paths of import_item_comments(item, article, *, source, user_map, report, dry_run,
# authors, staff_replies), called by articles.wordpress_import for each item: user_map is WordPress
# login -> staff account (--map-user), authors the channel's WordPress user id -> login
# (export_logins()), staff_replies a Counter of the comments each login made staff replies.
ITEM_COMMENT_IMPORTERS: list[str] = []
