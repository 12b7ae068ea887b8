"""Who may edit articles: one rule for the editor's endpoints and for previewing drafts."""


def may_edit_articles(user) -> bool:
    """Active staff with permission to change articles."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")
