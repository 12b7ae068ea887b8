"""A page's list of comment threads, joined from the HTML stored on each comment (Comment.html).

No template is rendered per comment: the stored fragment holds what every reader sees, and
only what depends on the page or on who reads is added here, by string formatting:

- "Your comment is awaiting moderation." under the reader's own waiting comment (it must never
  be inside a fragment another reader can receive, so it follows the stored text);
- the Edit and Delete links under a comment the reader's browser may still change
  (remembered_author.may_change), with the time left, for that reader alone;
- the Reply link, while comments are open: it carries the article's address (the same link
  works on a refused post's page, whose address is the form's) and the page of threads;
- the reply form under the comment replied to (`?replytocom=`), rendered once by the caller;
- the replies, and the tags that close what the fragment opened.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .threads import CommentNode

AWAITING = '\n    <p class="comment-awaiting" role="status">Your comment is awaiting moderation.</p>'
REPLY_LINK = (
    '\n    <a class="comment-reply" rel="nofollow" href="{page}replytocom={pk}#comment-{pk}">'
    'Reply<span class="visually-hidden"> to {name}</span></a>'
)


def comment_list_html(
    nodes: list[CommentNode],
    *,
    article_url: str,
    page_number: int,
    accepting: bool,
    reply_to_id: int | None = None,
    reply_form_html: str = "",
    own_controls: dict[int, str] | None = None,
) -> SafeString:
    """The <li> of each thread in `nodes`, replies nested; the form goes under `reply_to_id`,
    each of `own_controls` (safe HTML, by comment id) under its comment."""
    own_controls = own_controls or {}
    page = escape(article_url) + (f"?comments-page={page_number}&amp;" if page_number > 1 else "?")
    parts = []

    def add(node: CommentNode) -> None:
        parts.append(node.html)
        parts.append(own_controls.get(node.pk, ""))
        if node.awaiting_moderation:
            parts.append(AWAITING)
        elif accepting and node.accepts_replies:
            parts.append(REPLY_LINK.format(page=page, pk=node.pk, name=escape(node.name)))
        parts.append("\n  </article>")
        if node.pk == reply_to_id:
            parts.append(reply_form_html)
        if node.replies:
            parts.append('\n  <ol class="comment-replies">\n')
            for reply in node.replies:
                add(reply)
            parts.append("\n  </ol>")
        parts.append("\n</li>\n")

    for node in nodes:
        add(node)
    return mark_safe("".join(parts))  # the fragments were escaped when made, the rest above
