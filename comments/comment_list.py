"""A page's list of comment threads, joined from the HTML stored on each comment (Comment.html).

No template is rendered per comment: the stored fragment holds what every reader sees, and
only what depends on the page or on who reads is added here, by string formatting:

- "Your comment is awaiting moderation." under the reader's own waiting comment (with "You asked
  for an email when it is published." if they ticked the box for mail; it must never
  be inside a fragment another reader can receive, so it follows the stored text), and when
  the rules found crisis language in it, the site's crisis help with a kind word (the one
  template rendered here: only its author, only while it waits, ever receives it);
- the Edit and Delete links under a comment the reader's browser may still change
  (remembered_author.may_change), with the time left, for that reader alone;
- the Reply link, while comments are open: it carries the article's address (the same link
  works on a refused post's page, whose address is the form's) and the page of threads;
- the reply form under the comment replied to (`?replytocom=`), rendered once by the caller;
- the replies, and the tags that close what the fragment opened.
"""

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import CrisisHelp

from .threads import CommentNode, crisis_help_anchor

AWAITING = '\n    <p class="comment-awaiting" role="status">Your comment is awaiting moderation.{mail}</p>'
# Its author ticked the box for mail: the page says so (never the address; nor a promise: a muted
# address gets no mail).
ASKED_FOR_MAIL = " You asked for an email when it is published."

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
            parts.append(AWAITING.format(mail=ASKED_FOR_MAIL if node.notify_author else ""))
            if node.crisis_phrase:
                context = {"crisis_help": CrisisHelp.get_solo(), "anchor": crisis_help_anchor(node.pk)}
                parts.append(render_to_string("comments/crisis_help_for_author.html", context))
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
