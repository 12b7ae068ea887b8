"""A page of comment threads under an article, in a fixed number of queries.

Top-level comments are paginated, oldest first; each comes with all its replies (one
query for the whole page, through `root`). Only approved comments are shown, plus the
reader's own waiting comments: the one whose signed link the post redirected them to, and
those their remembered-details cookie lists (comments.remembered_author). Each comment comes
with its stored HTML (Comment.html), made again first if a deploy changed how it is made.
Rows are read as plain values, not model instances: a page may hold hundreds of comments, and
all it needs of each is its HTML and where it goes.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from django.core import signing
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.http import urlencode

from .models import Comment, accepts_replies_at, fragment_version

UNAPPROVED_SALT = "comments.unapproved"
UNAPPROVED_MAX_AGE_SECONDS = 24 * 60 * 60
SHOWN_FIELDS = ("pk", "parent_id", "depth", "name", "status", "html", "html_version", "crisis_phrase", "notify_author")


@dataclass(slots=True)
class CommentNode:
    """A comment as a page shows it: its stored HTML, what the page adds to it, and its shown replies."""

    pk: int
    parent_id: int | None
    depth: int
    name: str
    status: str
    html: str
    html_version: str
    crisis_phrase: str
    notify_author: bool
    replies: list["CommentNode"] = field(default_factory=list)

    @property
    def awaiting_moderation(self) -> bool:
        return self.status != Comment.Status.APPROVED

    @property
    def accepts_replies(self) -> bool:
        return accepts_replies_at(self.depth)


@dataclass
class ThreadPage:
    nodes: list[CommentNode]
    page: Page
    approved_count: int

    def shows(self, comment_id: int) -> bool:
        pending = list(self.nodes)
        while pending:
            node = pending.pop()
            if node.pk == comment_id:
                return True
            pending.extend(node.replies)
        return False


def unapproved_token(comment: Comment) -> str:
    """The signed value that lets the author's browser, via its redirect URL, see its own waiting comment."""
    return signing.dumps(comment.pk, salt=UNAPPROVED_SALT)


def unapproved_comment_id(token: str | None) -> int | None:
    if not token:
        return None
    try:
        return signing.loads(token, salt=UNAPPROVED_SALT, max_age=UNAPPROVED_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None


def _visible(own_ids: Collection[int]) -> Q:
    """What a reader sees: approved comments, and their own (`own_ids`) while they wait; never once removed.

    Pages of threads are counted with it too (page_number_of), so that a page named for a
    comment is the page that shows it to that reader.
    """
    visible = Q(status=Comment.Status.APPROVED)
    if own_ids:
        visible |= Q(pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    return visible


def thread_page(article, *, page_number, per_page: int, own_ids: Collection[int] = ()) -> ThreadPage:
    """`own_ids`: the reader's own comments, shown to them while they wait."""
    shown = Comment.objects.filter(_visible(own_ids), article=article).values_list(*SHOWN_FIELDS)
    page = Paginator(shown.filter(parent__isnull=True), per_page).get_page(page_number)
    roots = [CommentNode(*row) for row in page.object_list]
    replies = [CommentNode(*row) for row in shown.filter(root__in=[root.pk for root in roots])] if roots else []
    _make_stale_fragments_again([*roots, *replies])

    nodes = {node.pk: node for node in [*roots, *replies]}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is not None:  # a reply to a comment that is not shown is not shown either
            parent.replies.append(reply)
    approved_count = Comment.objects.shown().filter(article=article).count()
    return ThreadPage(nodes=roots, page=page, approved_count=approved_count)


def page_number_of(comment: Comment, *, per_page: int, own_ids: Collection[int] = ()) -> int:
    """The page of threads on which a comment (or its thread) is shown to a reader whose own
    waiting comments are `own_ids` (they take places on the pages that reader sees)."""
    root_id = comment.root_id or comment.pk
    # A top-level comment is its own root: no query for it (a post's redirect asks for one).
    root = comment if root_id == comment.pk else Comment.objects.only("created_at", "article_id").get(pk=root_id)
    earlier = (
        Comment.objects.filter(_visible(own_ids), article_id=root.article_id, parent__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root_id))
        .count()
    )
    return earlier // per_page + 1


def location_of(comment: Comment, *, per_page: int, for_its_author: bool = False, own_ids: Collection[int] = ()) -> str:
    """The address of a comment on its article: its page of threads.

    Only the author, redirected there after posting (for_its_author), gets the signed link
    that shows a comment not yet approved (spam too, so a spammer learns nothing). Any other
    address of a waiting comment shows the page without it: the link is minted nowhere else.
    `own_ids` are the author's other waiting comments their browser will show them (the
    remembered-details cookie), which move their page boundaries.
    """
    query, anchor = {}, f"comment-{comment.pk}"
    shown_to_author = {*own_ids, comment.pk} if for_its_author else ()
    page = page_number_of(comment, per_page=per_page, own_ids=shown_to_author)
    if page > 1:
        query["comments-page"] = page
    if for_its_author and comment.status != Comment.Status.APPROVED:
        query["unapproved"] = unapproved_token(comment)
        if comment.crisis_phrase:  # the help under it, in view even on a phone, after a long comment
            anchor = crisis_help_anchor(comment.pk)
    return _address(comment.article, anchor, query)


def crisis_help_anchor(comment_id: int) -> str:
    """The id of the crisis help shown under an author's own waiting comment (comments.comment_list)."""
    return f"comment-{comment_id}-help"


def public_locations(article, comments: Collection[Comment], *, per_page: int) -> dict[int, str]:
    """Where each of these shown comments of `article` is for any reader, by id: location_of for
    many comments in one query (the comment feed links each of its items)."""
    roots = (
        Comment.objects.filter(_visible(()), article=article, parent__isnull=True)
        .order_by("created_at", "pk")  # the order page_number_of counts in
        .values_list("pk", flat=True)
    )
    page_of_thread = {root_id: index // per_page + 1 for index, root_id in enumerate(roots)}
    locations = {}
    for comment in comments:
        page = page_of_thread[comment.root_id or comment.pk]
        locations[comment.pk] = _address(article, f"comment-{comment.pk}", {"comments-page": page} if page > 1 else {})
    return locations


def _address(article, anchor: str, query: dict) -> str:
    address = article.get_absolute_url()
    return f"{address}?{urlencode(query)}#{anchor}" if query else f"{address}#{anchor}"


def _make_stale_fragments_again(comments: list[CommentNode]) -> None:
    """Fragments made with an older template, date format or time zone are made again, by Comment.save.

    Once per comment after such a deploy (the save retires the pages that showed the old one);
    never on an ordinary read.
    """
    stale = {comment.pk: comment for comment in comments if comment.html_version != fragment_version()}
    for fresh in Comment.objects.filter(pk__in=stale).select_related("parent") if stale else ():
        fresh.save(update_fields=["html"])
        stale[fresh.pk].html = fresh.html
