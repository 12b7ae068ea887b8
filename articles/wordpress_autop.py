"""Paragraphs for WordPress classic-editor HTML, as WordPress makes them when it shows a page.

The classic editor stores a post's paragraphs as text separated by blank lines, without `<p>`
tags; WordPress adds them on display with its `wpautop()` filter (wp-includes/formatting.php),
which it also runs on comment text. It does not run it on block-editor content, i.e. content with
`<!-- wp:` block comments (`has_blocks()`): those blocks carry their own `<p>` tags.

No maintained Python package does this (PyPI has none), so this module follows wpautop's rules,
written here for what the importer needs rather than translated line by line:

1. Blank or empty text stays empty.
2. `<pre>` elements (and `<script>`, `<style>`, `<textarea>`) are set aside first and put back
   untouched: wpautop leaves what is inside `<pre>` as it is, blank lines and all.
3. Line breaks inside a tag (an attribute written over two lines) are not text: kept as they are.
4. Two `<br>` in a row make a paragraph break, like a blank line (wpautop does the same).
5. A block-level element (WordPress's list: headings, lists, quotes, tables, figures, divs,
   `<hr>`, `<p>` ...) stands on its own: a paragraph ends before its opening tag and after its
   closing tag, and it is never wrapped in `<p>`.
6. Text runs separated by blank lines become `<p>` paragraphs, inside a block too (`<blockquote>`
   with two paragraphs: WordPress moves the `<p>` inside the quote); text that sits between a
   block's tags with no blank line (`<li>text</li>`, `<td>text</td>`) is not wrapped, as
   WordPress strips the `<p>` it would put around the block.
7. A single line break left inside text becomes `<br>`, except right after a block tag's line or
   right before one (WordPress removes those `<br />`).
"""

import re

# WordPress's block-level elements in wpautop ($allblocks).
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{BLOCK_TAGS})(?:[\s/>]))", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</(?:{BLOCK_TAGS})\s*>|<hr\b[^>]*>)", re.IGNORECASE)
_LEADING_BLOCK_TAGS = re.compile(rf"^(?:\s*</?(?:{BLOCK_TAGS})\b[^>]*>)+", re.IGNORECASE)
_TRAILING_BLOCK_TAGS = re.compile(rf"(?:</?(?:{BLOCK_TAGS})\b[^>]*>\s*)+$", re.IGNORECASE)
_RAW_OPEN = re.compile(r"<(pre|script|style|textarea)\b", re.IGNORECASE)
# An unclosed comment runs to the end, as in wpautop; [^<>]: a stray "<" costs one scan, not one each.
_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*>", re.DOTALL)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)
# (?<![ \t]): a run of spaces is tried from its start only, not again from each space in it (one scan).
_LINE_BREAK = re.compile(r"(<br\s*/?>)?(?<![ \t])[ \t]*\n[ \t]*", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_PLACEHOLDER = "\x00{}\x00"
_SET_ASIDE = re.compile("\x00([0-9]+)\x00")
_IN_TAG_NEWLINE = "\x01"


def has_blocks(html: str) -> bool:
    """Whether the content is the block editor's, as WordPress's has_blocks() tells: it has block comments."""
    return "<!-- wp:" in html


def wpautop(html: str) -> str:
    """`html` with its blank-line paragraphs as `<p>` and its single line breaks as `<br>` (module docstring)."""
    if not html.strip():
        return ""  # rule 1
    # \x00 and \x01 mark what is set aside; XML cannot carry them, so no export's text has them.
    text = html.replace("\x00", "").replace("\x01", "").replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []

    text = _set_aside_raw(text, kept)  # rule 2
    text = _TAG_OR_COMMENT.sub(lambda m: m.group(0).replace("\n", _IN_TAG_NEWLINE), text)  # rule 3
    text = _DOUBLE_BR.sub("\n\n", text)  # rule 4
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)  # rule 5
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    chunks = [chunk.strip("\n") for chunk in _PARAGRAPH_BREAK.split(text)]
    paragraphs = [_paragraph(chunk) for chunk in chunks if chunk.strip()]
    text = "\n".join(paragraphs).replace(_IN_TAG_NEWLINE, "\n")
    return _SET_ASIDE.sub(lambda match: kept[int(match.group(1))], text)


def _set_aside_raw(text: str, kept: list[str]) -> str:
    """`text` with each <pre> (<script>, <style>, <textarea>) element replaced by a placeholder on a
    chunk of its own, like a block element; the elements go into `kept`. One that is never closed is
    left in the text, as wpautop leaves it; the scan goes once through the text whatever it holds."""
    parts, position = [], 0
    while opening := _RAW_OPEN.search(text, position):
        closing = re.compile(rf"</{opening.group(1)}\s*>", re.IGNORECASE).search(text, opening.end())
        if closing is None:
            break
        kept.append(text[opening.start() : closing.end()])
        parts += [text[position : opening.start()], "\n\n" + _PLACEHOLDER.format(len(kept) - 1) + "\n\n"]
        position = closing.end()
    return "".join(parts) + text[position:]


def _paragraph(chunk: str) -> str:
    """One chunk between blank lines: its text wrapped in <p> (rule 6), its line breaks as <br> (rule 7)."""
    if chunk.strip().startswith("\x00"):
        return chunk.strip()  # a set-aside <pre>: a block of its own
    lead = _LEADING_BLOCK_TAGS.match(chunk)
    head = lead.group(0) if lead else ""
    rest = chunk[len(head) :]
    trail = _TRAILING_BLOCK_TAGS.search(rest)
    tail = trail.group(0) if trail else ""
    body = rest[: len(rest) - len(tail)]
    # Rule 7: not at a block tag's edge (stripped), nor a second one after a <br> the author wrote.
    body = _LINE_BREAK.sub(lambda m: (m.group(1) or "<br>") + "\n", body.strip("\n"))
    if not body.strip():
        return (head + tail).strip()
    if head and tail:
        return head + body + tail  # <li>text</li>: WordPress strips the <p> it puts around a block
    return f"{head}<p>{body}</p>{tail}"
