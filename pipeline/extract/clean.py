"""Cut a captured page into segments and decide, with a named rule, which ones are the body.

Every non-whitespace character of the raw text lies in exactly one segment, so nothing is
dropped silently: chrome (menus, widgets, taglines, related links, comment boxes, article
ids, social footers, placeholders of embeds, repeated blocks) is kept as ``kept=False``
rows saying what it is.

A plain-text dump is read line by line. Lines that match a chrome pattern are labelled
first; the article body is then the run of lines with the highest score (running text
counts for it, short lines and chrome against it); what comes before it is the header
(title, byline, date, caption, section, tags) and what comes after it the footer. A line
seen before on the page is dropped as a repeat, except a paragraph printed again inside
the body (right after itself, or further down a run of text that holds its first print).
The items of a list, a table or a code block (lines that are no menu items, in one block)
cost the body one line between them, not one each.
A page with no run of text keeps its longest line that is no menu item (a stub of a page
without chrome, all of it). HTML goes to
:mod:`pipeline.extract.htmlpage`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from corpus.text import normalise
from pipeline.extract import htmlpage
from pipeline.extract.captions import credit_tail
from pipeline.extract.dates import DATE_WORDS, find_dates
from pipeline.extract.model import Doc, Segment

if TYPE_CHECKING:
    from pipeline.extract.outlets import Outlets
    from pipeline.extract.registry import Registry

REPEATED = "repeated-block"  # the rule of a line the page showed before
SHORT_WORDS = 4  # a menu item or a tag has at most this many words
PROSE_WORDS = 10  # a sentence-terminated paragraph of this many words reads as running text
LONG_WORDS = 30  # ... and so does any paragraph this long
BYLINE_WORDS = 16  # a byline line, with the date and affiliation it may carry, is this short
TITLE_WINDOW = 6  # the headline is among the title-like lines this close above the metadata:
HEADLINE_WORDS = 8  # the first one of at least this many words, else the longest
OPENING_WORDS = 150  # a headline's words are told again in this many of the body's first
BIO_LINES = 4  # a note on the author is among the body's last lines
EMBED_CHARS = 400  # the placeholder of an embed is at most this long
LINE_COST = 4  # what a short line or a picture's caption costs the body around it
CHROME_COST = 10  # what a line of page chrome (menu, widget, related link) costs it
BARRIER = 10**9  # a cost no body can carry
WRAP_WIDTHS = (40, 160)  # the widths a terminal browser wraps a dump at
WRAP_SLACK = 15  # a wrapped line ends at most this many columns short of the width
WRAP_MIN_LINES = 3  # a dump with fewer full lines than this is not taken for wrapped ...
WRAP_SHARE = 0.03  # ... nor one where fewer than this share of its lines are full
CAPTION_WORDS = 60  # a paragraph this long is running text, though a credit closes it
INTRO_WORDS = 3  # a line announcing a list ("The tour dates are:") has at least this many words
LISTED = 1  # what an item of a list the article announced adds to the body
LEAD_WORDS = (20, 60)  # a paragraph without its full stop, right above running text, ...
LEAD_CAPITALS = 0.4  # ... with fewer of its words capitalised than this share, is a lede
ANCHORED_SHARE = 0.3  # a run right below a date or byline, this share of the best, is the body
OPENING_UNITS = 2  # paragraphs without full stops between a date line and the body, at most
STUB_WORDS = 20  # a page of fewer words, no running text nor chrome in them, is all body
_ANCHOR_LABELS = frozenset({"date", "byline"})  # what opens an article right above its text
_SOFT_KINDS = frozenset({"caption", "credit", "date", "byline"})

_CLOSERS = "\"'”’»)\\]」』"
# Pictographs (emoji), their variation selector and joiner: an informal sentence may end so.
_EMOJI = "[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]"
_TERMINAL = re.compile(rf"[.!?…。！？।॥။؟{_EMOJI[1:-1]}][{_CLOSERS}]*(?:\s*{_EMOJI})*$")
_COLONS = (":", "：")
_ELSEWHERE = re.compile(
    r"\b(?:related|recommended|popular|trending|sponsored|read more|see also|check out"
    r"|more (?:from|stories|news|articles|posts|videos|on|about|in)|also (?:read|see|like)"
    r"|share|follow)\b",
    re.I,
)
_SENTENCE_END = re.compile(rf"[.!?…。！？।॥။؟:;：；][{_CLOSERS}]*$")
# Scripts written without spaces between words, and about how many characters make a word:
# Chinese and Japanese about two, Thai, Lao, Khmer and Burmese (with their marks) about six.
_IDEOGRAPHIC = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_SPACED_WORD = re.compile(rf"[^\W{_IDEOGRAPHIC}{_SOUTHEAST_ASIAN}]+")
_CHARS_PER_WORD = ((re.compile(f"[{_IDEOGRAPHIC}]"), 2), (re.compile(f"[{_SOUTHEAST_ASIAN}]"), 6))
_UNSPACED = re.compile(f"[{_IDEOGRAPHIC}{_SOUTHEAST_ASIAN}]")
_WORD_RUN = re.compile(r"\w+")
# Running text has punctuation (a script written without spaces may have none: Thai does not
# need it); a paragraph cut off by an ellipsis is the teaser of another story.
_PUNCTUATED = re.compile(
    rf"[.,;:!?…»”)\"](?:\s|$)|\s[—–-]\s|[。，、؟،।]|[{_IDEOGRAPHIC}{_SOUTHEAST_ASIAN}]"
)
_BULLET = re.compile(r"[-*+•◦▪‣►]\s")  # a list item marked in the text ("+ Added banners")
BULLET_RUN = 3  # lines in a row opening with a bullet that make a list
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")

UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"  # a capital letter of the Latin and Cyrillic alphabets
_UI = (
    r"donate(?: now)?|log ?in|log ?out|sign ?in|sign ?up|sign out|register|subscribe(?: now)?"
    r"|search|menu|close|home|(?:light|dark) (?:theme|mode)|share(?: this(?: article| story)?)?"
    r"|print|e-?mail|tweet|copy link|skip to (?:main )?content|back to top"
    r"|listen(?: to this article)?|advertisement|sponsored(?: content)?|click to see video"
    r"|watch(?: the)? video|play video|toggle navigation|open menu|accept(?: all)?(?: cookies)?"
    r"|load more|show more|read more|continue reading|more"
    r"|facebook|twitter|instagram|youtube|whatsapp|telegram|linkedin|rss|comments?"
    # the same buttons in the other languages of the pages we read
    r"|weiter(?:lesen)?|zurück(?: zur übersicht)?|(?:artikel )?teilen|drucken|suche|anmelden"
    r"|abmelden|registrieren|zum newsletter anmelden|newsletter abonnieren|kommentieren|mehr"
    r"|startseite|lire la suite|partager|imprimer|rechercher|leer más|compartir|imprimir"
    r"|buscar|leggi (?:tutto|di più)|condividi|stampa|cerca|czytaj dalej|udostępnij|szukaj"
    r"|leia mais|compartilhe|compartilhar|lees meer|delen|zoeken|поделиться|читать далее"
)
_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("boilerplate", "ui-widget", re.compile(rf"(?:(?:{_UI})[\s|·•/]*)+", re.I)),
    (
        "related",
        "read-link",
        re.compile(
            r"(?:read(?: more| also)?|also read|see also|related(?: \w+)?|recommended"
            r"|lesen sie (?:auch|mehr|hier)|mehr zum thema|weiterlesen|(?:à )?lire aussi"
            r"|le[ea] (?:también|más)|ve[ar] también|leia também|veja também|leggi anche"
            r"|mehr lesen(?: über)?"
            r"|(?:zobacz|czytaj) (?:także|też)|читайте также)"
            r"\s*[:：>»|–-]\s*\S.*",
            re.I,
        ),
    ),
    (
        "related",
        "related-heading",
        re.compile(
            r"(?:related(?: (?:articles?|stories|news|posts?|content|topics))?"
            r"|you (?:may|might)(?: also)? (?:like|be interested in)|recommended(?: for you)?"
            r"|related (?:searches|videos|links|reading)|more like this|we recommend"
            r"|most (?:read|popular|viewed|shared)|trending(?: now)?|latest (?:news|stories)"
            r"|(?:more|top) stories|editor'?s picks?|(?:next|more) from"
            # the same headings in the other languages of the pages we read
            r"|mehr zum thema|lesen sie auch|das könnte (?:sie|dich) auch interessieren"
            r"|(?:ähnliche|verwandte|weitere) (?:beiträge|artikel|themen|meldungen|nachrichten)"
            r"|auch interessant|meistgelesen(?:e artikel)?|(?:à )?lire aussi|voir aussi"
            r"|sur le même sujet|articles? similaires|vous aimerez aussi|le[ea] también"
            r"|ve[ar] también|te puede interesar|(?:noticias|artículos) relacionad[oa]s"
            r"|leggi anche|articoli correlati|potrebbe interessarti|(?:zobacz|czytaj) (?:także|też)"
            r"|(?:você|vocês) (?:também )?(?:pode|podem) gostar|leia também|veja também"
            r"|lees ook|gerelateerde artikelen|читайте также|по теме|похожие статьи"
            r"|beliebte (?:beiträge|artikel)(?: zum thema)?|empfehlungen aus der redaktion"
            r"|aktuelle (?:news|nachrichten|beiträge|artikel)|neueste (?:beiträge|artikel)"
            r"|weitere meldungen(?: aus \S.{0,40})?|explore further)"
            r"\s*[:：.…]*",
            re.I,
        ),
    ),
    ("related", "more-from", re.compile(r"(?:more|next) (?:from|in) (?P<section>\S.{0,60})", re.I)),
    (
        "id",
        "article-id",
        re.compile(
            r"(?:news|article|story|post|content|item) ?(?:id|no\.?|number|code) ?[:#.]? ?\d+", re.I
        ),
    ),
    (
        "comment",
        "comment-widget",
        re.compile(
            r"your comment|leave a (?:comment|reply)|post (?:a )?comment|add (?:a |your )?comment"
            r"|[\[(]? ?(?:\d+|top rated|latest|all|readers'?) comments?(?: \(\d+\))? ?[\])]?"
            r"|comments? \(\d+\)"
            r"|no comments(?: yet)?|be the first to comment.*|join the (?:discussion|conversation)"
            r"|you are replying to\b.*|reply|cancel reply|write (?:your|a) comment.*"
            r"|comment policy.*|(?:show|view|hide) (?:all )?comments"
            # the heading or form of the comments in other languages, and a commenter's line
            r"|(?:\d+ )?(?:kommentare?|commentaires?|comentarios?|commenti|комментари[йи]"
            r"|leserkommentare|reacties|responses|replies)(?: \(\d+\))?:?"
            r"|antworten|répondre|responder|rispondi"
            r"|schreibe(?:n sie)? einen kommentar|kommentar (?:schreiben|verfassen|hinzufügen)"
            r"|laisser un commentaire|deja (?:un|tu) comentario|lascia un commento"
            r"|(?:your|deine|ihre) e-?mail-?(?:address|adresse) (?:will|wird) nicht.*"
            r"|your email address will not be published.*"
            r"|(?:[\w.'’()-]+ ){1,4}(?:says|sagt|dit|dice|написал|on .{4,40} (?:says|said)):",
            re.I,
        ),
    ),
    (
        "social",
        "telegram-link",
        re.compile(
            r"(?=.*?(?:t\.me/|telegram))"  # what it needs, looked for first: a quick no
            r".*(?:t\.me/|\b(?:our|join|subscribe to|follow us on)\b.*\btelegram).*",
            re.I,
        ),
    ),
    ("social", "social-link", re.compile(r"(?:follow|join|like|find) us\b.{0,120}", re.I)),
    (
        "social",
        "app-link",
        re.compile(
            r"(?:\S+ ){0,6}(?:Roku|App Store|Google Play|Apple TV|Android TV|Fire TV)\b.{0,40}"
        ),
    ),
    (
        "boilerplate",
        "subscribe-widget",
        re.compile(
            r"(?=.{0,250}\Z)"  # short enough, looked at first: a quick no for a paragraph
            r"(?=.*\b(?:subscrib(?:e|ing)|newsletter|sign(?:ing)? up)\b)"
            r"(?=.*\b(?:agree|terms|privacy|e-?mail|inbox|unsubscribe)\b).{0,250}",
            re.I,
        ),
    ),
    (
        "boilerplate",
        "cookie-notice",
        re.compile(
            r"(?=.{0,600}\Z)(?=.*\bcookies?\b)"
            r"(?=.*\b(?:websites?|site|browser|experience|consent|accept|privacy|opt-out)\b).*",
            re.I,
        ),
    ),
    (
        "footer",
        "copyright",
        re.compile(r"(?:©|\(c\) |copyright\b).{0,200}|.*all rights reserved.*", re.I),
    ),
    (
        "credit",
        "credit-line",
        re.compile(
            r"(?:photos?|images?|pictures?|photo credit|credit|illustration|video|foto)"
            r" ?(?::|by\b) ?\S(?:\S| ){0,80}|\((?:photo|image)[^()]{0,80}\)",
            re.I,
        ),
    ),
    (
        "credit",
        "agency-credit",
        re.compile(
            rf"[{UPPER}][{UPPER}.'’-]* [{UPPER}][{UPPER}.'’ -]*"
            r"(?:/[\w.'’-]+(?: [\w.'’-]+){0,3})+"
            r"|(?:[\w.'’-]+ ){0,4}(?:via )?(?:Getty Images|Shutterstock|iStock(?:photo)?|AFP"
            r"|AP Photo|Reuters|EPA|Anadolu(?: Agency)?|Imago|dpa|picture alliance)"
            r"(?: ?/ ?[\w.'’ -]{1,40})?",
        ),
    ),
    (
        "tag",
        "tags-label",
        re.compile(
            r"(?:tags?|topics?|keywords?|schlagw(?:ö|oe)rter|etiquetas|themen) ?:(?: ?\S.*)?", re.I
        ),
    ),
)
# What the placeholder of an embed says, in the languages of the pages we read: words it
# must hold, looked for first (a quick no for nearly every line), then the phrase.
# fmt: off
_EMBED_CUES = (
    "javascript", "inhalt", "external content", "drittplattform", "privatsphäre",
    "contenu externe", "contenido externo", "contenuto esterno", "failed to load",
)
# fmt: on
_EMBED = re.compile(
    r"enable javascript|javascript (?:aktivieren|einschalten)|failed to load"
    r"|\b(?:externe[nr]?|eingebettete[nr]?) inhalte?\b|\bexternal content|drittplattform"
    r"|privatsphäre-einstellungen|contenu externe|contenido externo|contenuto esterno"
)
BREADCRUMB_SEP = re.compile(r"\s+[/|]\s+|\s*[>»›]\s*")
_NAME_WORD = (
    rf"(?:(?:al|el|bin|ibn|de|da|del|der|van|von|la|le|di|du|dos)(?:-[{UPPER}][\w'’.-]*)?"
    rf"|[{UPPER}][\w'’.-]*)"
)
_NAME = re.compile(rf"[{UPPER}][\w'’.-]+(?:\s+{_NAME_WORD}){{1,3}}")
# The heading of a note on the author, in the languages of the pages we read.
_ABOUT_AUTHOR = re.compile(
    r"(?i:about the authors?|(?:über|zu[mr]) (?:den |die )?autor(?:in)?(?:/ ?die autorin)?"
    r"|à propos de l'auteur|sobre (?:el |la )?autora?|o autorze|об авторе)\s*:?"
    rf"|(?:About|Über) {_NAME.pattern}"
)
# What a note on the author says right after the name, in the languages of the pages we read.
_BIO_VERB = re.compile(
    r"(?:is|was|has been|writes|covers|works|lives|ist|war|schreibt|arbeitet|lebt|berichtet"
    r"|beschäftigt|est|es|è|jest|é)\b"
)
# The words a byline opens with, in the languages of the pages we read.
BYLINE_CUES = (
    r"by|written by|reporting by|posted by|words by|story by|geschrieben von|verfasst von"
    r"|von|par|por|di|door|av|af|przez|автор|author|autor|auteur|autore|text|texto|redaktion"
)
# "By Jane Doe and John Roe, Reuters", "By Daniel | Published: ...", "Von: Lars Fischer und
# Alina Schadwinkel, 6. November 2023": the names are the byline, the rest (an affiliation,
# a date) is not; one name alone must end the line or stand before a bar.
BY = re.compile(
    rf"(?i:{BYLINE_CUES})(?:\s*:?\s+|(?<=By)(?=[{UPPER}][a-z]))"
    rf"(?P<name>{_NAME.pattern}(?:\s*(?:,|(?i:and|und|et|y|e|i|en|och|og)|&)\s+{_NAME.pattern})*"
    rf"|[{UPPER}][\w'’.-]+(?=\s*(?:[|•·]|$)))"
    r"(?![\w'’-])(?:\s*[,|–—•·-]?\s*.{1,80})?"
)
_FILLER = "at|on|published|posted|updated|last|modified|gmt|utc"  # words around a date
_DATE_FILLER = re.compile(rf"[\W_]+|\b(?:{_FILLER}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?)\b", re.I)
# A word without digits that neither a date nor its filler can hold.
_NOT_DATE_WORD = re.compile(
    rf"(?<![^\W_])(?!(?:{DATE_WORDS}|{_FILLER})(?![^\W_]))[^\W\d_]+(?![^\W_])", re.I
)
_TITLE_END = re.compile(r"(?:[,;:]|(?<!\.)\.)$")  # a line ending so goes on or is a sentence
_ARROW = re.compile(r"[>»›]")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")  # a word of four letters or more
_PATH_SEP = re.compile(r"\s[>»›/]\s|»")  # what separates the pages of a breadcrumb path
_CREDIT_OPENING = re.compile(r"(?i:fotos?|photos?|bild(?:er)?|images?|credits?)\s?:")
_LETTER = re.compile(r"[^\W\d_]")
_RULES_BY_NAME = {rule: pattern for _, rule, pattern in _RULES}
_ANCHOR_KINDS = frozenset({"date", "byline", "caption", "credit"})  # what follows a headline


@dataclass(frozen=True)
class Line:
    """A non-blank line of the raw text: its trimmed span, its normalised text, its block."""

    start: int
    end: int
    text: str
    block: int

    @cached_property
    def words(self) -> int:
        return words(self.text)


@dataclass
class _Label:
    """What a line is, the rule that said so, and whether the body keeps it."""

    kind: str
    rule: str
    kept: bool = False
    credit_start: int | None = None  # a caption line whose credit starts here


def words(text: str) -> int:
    """Words in ``text``, estimated from the characters in scripts written without spaces."""
    if text.isascii() or not _UNSPACED.search(text):
        return len(_WORD_RUN.findall(text))  # the same words, read faster
    unspaced = sum(len(p.findall(text)) // per_word for p, per_word in _CHARS_PER_WORD)
    return len(_SPACED_WORD.findall(text)) + unspaced


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, trimmed of whitespace; blank lines separate blocks.

    In a hard-wrapped dump (:func:`wrap_width`) the lines a paragraph was broken into are
    one line again: a line goes on into the next one of its block when the next line's
    first word would not have fitted on it.
    """
    raw: list[tuple[int, int, int, int]] = []  # start, end, column of the end, block
    pos, block, blank = 0, 0, False
    for piece in text.splitlines(keepends=True):
        content = piece.strip()
        if content:
            if blank and raw:
                block += 1
            start = pos + len(piece) - len(piece.lstrip())
            raw.append((start, start + len(content), len(piece.rstrip()), block))
            blank = False
        else:
            blank = True
        pos += len(piece)
    width = wrap_width([(column, b) for _, _, column, b in raw])
    lines: list[Line] = []
    for k, (start, end, _, block) in enumerate(raw):
        if width and k and raw[k - 1][3] == block:
            first_word = len(text[start:end].split(maxsplit=1)[0])
            if raw[k - 1][2] + 1 + first_word > width:
                previous = lines.pop()
                start = previous.start
        lines.append(Line(start, end, normalise(text[start:end]), block))
    return lines


def wrap_width(lines: Sequence[tuple[int, int]]) -> int | None:
    """The width a dump was hard-wrapped at (``lynx -dump``, ``w3m -dump``), if it was.

    ``lines`` are (column where the line ends, block) pairs. The width is the length that
    all but a few lines (a long URL) stay within; the dump is wrapped if it is a terminal's
    (``WRAP_WIDTHS``) and many lines are nearly that long *and* go on in the same block,
    as broken paragraphs do. A page copied from a browser puts each paragraph on one line,
    with a blank line after it, so it never qualifies.
    """
    if len(lines) < WRAP_MIN_LINES:
        return None
    columns = sorted(column for column, _ in lines)
    width = columns[int(len(columns) * 0.98) - 1]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    full = sum(
        1
        for (column, block), (_, next_block) in pairwise(lines)
        if column >= width - WRAP_SLACK and block == next_block
    )
    return width if full >= max(WRAP_MIN_LINES, len(lines) * WRAP_SHARE) else None


def segment(text: str, outlets: Outlets | None = None) -> list[Segment]:
    """Segments of a plain-text page dump, in order, tiling every non-whitespace character.

    ``outlets`` (the registry's) lets header and footer lines that name the outlet be told
    apart as taglines and self-references; without it they are plain page chrome.
    """
    lines = split_lines(text)
    labels: list[_Label | None] = [_pattern_label(text, ln) for ln in lines]
    _label_by_neighbours(lines, labels)
    first = _first_occurrences(lines)
    free = [labels[i] is None and first[i] == i for i in range(len(lines))]
    body = _main_text(lines, labels, first)
    head_end = body.start if body else len(lines)
    title = _label_header(lines, labels, free, first, body)
    for i in range(len(lines)):
        if labels[i] is not None or (first[i] != i and not _kept_repeat(lines, first, body, i)):
            continue
        if i in body:
            labels[i] = _Label("body", "main-text", kept=True)
        else:
            where = "before-title" if i < title else "header" if i < head_end else "footer"
            labels[i] = _chrome_line(text, lines, free, i, outlets, where)
    for i, j in enumerate(first):
        original = labels[j]
        if labels[i] is None:  # a line seen before, that no pattern claims
            labels[i] = _Label(original.kind if original else "boilerplate", REPEATED)
    return _segments(text, lines, [lab for lab in labels if lab is not None])


def run(doc: Doc, registry: Registry) -> Doc:
    """Set ``doc.segments``: HTML through trafilatura, plain text through :func:`segment`."""
    if doc.raw.media_type == "text/html":
        doc.segments = htmlpage.segment(doc.text, max_date=doc.raw.ingested_at[:10])
    else:
        doc.segments = segment(doc.text, registry.outlets)
    return doc


def _pattern_label(text: str, line: Line) -> _Label | None:
    """The chrome rule a line matches on its own, if any."""
    for kind, rule, pattern in _RULES:
        if pattern.fullmatch(line.text):
            return _Label(kind, rule)
    if _embed_placeholder(line.text):
        return _Label("boilerplate", "embed-placeholder")
    if _is_breadcrumb(line.text):
        return _Label("section", "breadcrumb")
    if _is_date_line(line.text):
        return _Label("date", "date-line")
    if BY.fullmatch(line.text) and line.words <= BYLINE_WORDS:
        return _Label("byline", "by-line")
    credit = credit_tail(text, line.start, line.end)
    if credit is not None and words(text[line.start : credit]) < CAPTION_WORDS:
        return _Label("caption", "caption-credit", credit_start=credit)
    return None


def _embed_placeholder(text: str) -> bool:
    """Whether ``text`` is what a page prints where a video or a post would be, had the
    reader consented to it or allowed scripts ("An dieser Stelle finden Sie externen
    Inhalt…", "To view this video please enable JavaScript…"): a short paragraph."""
    if len(text) > EMBED_CHARS:
        return False
    low = text.casefold()
    return any(cue in low for cue in _EMBED_CUES) and _EMBED.search(low) is not None


def _label_by_neighbours(lines: Sequence[Line], labels: list[_Label | None]) -> None:
    """Captions right above a credit line; a bare name next to a date is a byline."""
    for i, line in enumerate(lines):
        if labels[i] is not None:
            continue
        after = labels[i + 1] if i + 1 < len(lines) and lines[i + 1].block == line.block else None
        before = labels[i - 1] if i > 0 and lines[i - 1].block == line.block else None
        if after and after.rule == "credit-line" and line.words <= 60:
            labels[i] = _Label("caption", "caption-before-credit")
        elif _NAME.fullmatch(line.text) and any(n and n.kind == "date" for n in (before, after)):
            labels[i] = _Label("byline", "name-next-to-date")


def _first_occurrences(lines: Sequence[Line]) -> list[int]:
    """For each line, the index of the first line with the same text (itself if none)."""
    seen: dict[str, int] = {}
    return [seen.setdefault(ln.text.casefold(), i) for i, ln in enumerate(lines)]


def _units(lines: Sequence[Line], free: Sequence[bool]) -> list[range]:
    """Lines grouped into paragraphs: free lines that go on mid-sentence are one (a
    hard-wrapped dump, or a paragraph the capture split); any other line is one by itself."""
    units: list[range] = []
    for i in range(len(lines)):
        prev = units[-1] if units else None
        if prev is not None and free[i] and free[i - 1] and _continues(lines[i - 1], lines[i]):
            units[-1] = range(prev.start, i + 1)
        else:
            units.append(range(i, i + 1))
    return units


def _score(lines: Sequence[Line], unit: range, labels: Sequence[_Label | None], free: bool) -> int:
    """What a unit adds to the body around it: its words if it is running text, else a cost."""
    label = labels[unit.start]
    if label is not None and label.kind == "comment":
        return -BARRIER  # readers' comments follow the article: the body never spans them
    if _is_chrome(label):
        return -CHROME_COST
    if not free:
        return -LINE_COST
    if len(unit) == 1:  # most units: the line's text and words, already at hand
        text, n = lines[unit.start].text, lines[unit.start].words
    else:
        text = " ".join(lines[i].text for i in unit)
        n = words(text)
    return n if _prose(text, n) else -LINE_COST


def _prose(text: str, n: int | None = None) -> bool:
    """Whether ``text`` (of ``n`` words, counted if not given) reads as running text:
    punctuated, not cut off with an ellipsis (a teaser of another story), and long or a
    sentence of some length."""
    if _TRUNCATED.search(text) or not _PUNCTUATED.search(text):
        return False
    n = words(text) if n is None else n
    return n >= LONG_WORDS or (n >= PROSE_WORDS and bool(_TERMINAL.search(text)))


def _main_text(
    lines: Sequence[Line], labels: Sequence[_Label | None], first: Sequence[int]
) -> range:
    """The line range of the article body: the run of units with the greatest total score.

    This is the maximum-sum subarray of Finn, Kushmerick and Smyth's Body Text Extraction
    (2001), over lines instead of tags: short lines and captions inside an article cost a
    little and are outweighed by the paragraphs around them; a header or a footer of menus
    and widgets costs more than any stray sentence in it is worth, the more so as each
    line of an unbroken stretch of non-text costs more than the one before. The next line
    of a list, a table or a code block (a line that is no menu item, see :func:`_short`, in the
    block of the one before) costs nothing: a long list inside an article costs it what
    one line does, while a menu or a tag list (short lines) costs as before. A repeated
    line counts as a repeat (a cost) unless it is running text printed again right after
    itself or inside a run of ``LONG_WORDS`` or more that holds its first print (a dek shown
    above the byline and again below it is not yet such a run). A paragraph that lost its
    full stop right above running text is running text (:func:`_lead_in`). A run right below
    a date or byline line wins over a better one further down (:func:`_anchored`), and
    takes in the paragraphs without full stops between that line and itself
    (:func:`_opened`). A line without
    letters (a chart's ticks, a closing brace) neither costs nor counts; a paragraph cut
    off with an ellipsis right after running text is the article's last one, cut by a
    paywall (:func:`_cut_short`). A list the article announces with a colon
    (:func:`_opens_list`) is the article's: each of its lines that no rule calls
    chrome adds ``LISTED``, up to the next paragraph or line of chrome, so the body reaches
    across it and keeps it where it ends the article; so does each line of a list written
    out with bullets (:func:`_bulleted`), announced or not. A stub of a page (fewer than
    ``STUB_WORDS`` words, no line of chrome) is all body. A line of the comments (their
    heading, a reply button) ends the search once a run of ``LONG_WORDS`` was found, unless
    it is a link to them: below a date or byline line with no running text between (a count
    of the comments, "Join the conversation" in the share bar) or an item of a menu
    (:func:`_menu_link`); such a link costs as chrome does. A note on the author that ends
    the run is left out (:func:`_before_bio`).
    """
    best, best_sum = range(0), 0
    run_start, run_sum = 0, 0
    streak = 0
    free = [label is None for label in labels]  # repeats included
    units = _units(lines, free)
    item = False  # the previous unit was a free line of short text
    was_prose = False
    listing = False  # the units since the last announcement of a list are its items
    scores: list[int] = []  # what each unit adds, before its stretch of non-text multiplies it
    streaks: list[int] = []  # ... and how long that stretch is there
    bulleted = _bulleted(lines)
    metadata = False  # a date or byline line came since the last running text
    for k, unit in enumerate(units):
        score = _score(lines, unit, labels, free[unit.start])
        if score == -BARRIER and (metadata or _menu_link(lines, labels, unit.start)):
            score = -CHROME_COST  # a link to the comments by the byline or in a menu
        if score == -BARRIER and best_sum >= LONG_WORDS:
            break  # comments below an article: however long, they are not the article
        if score == -LINE_COST and first[unit.start] == unit.start and free[unit.start]:
            score = _lead_in(lines, units, k, labels, free)
        if first[unit.start] != unit.start and not _printed_again(first, unit.start):
            told_in_run = run_sum >= LONG_WORDS and first[unit.start] >= units[run_start].start
            score = score if told_in_run and score > 0 else -LINE_COST
        if score == -LINE_COST and free[unit.start]:
            text = lines[unit.start].text
            if not (text[0].isalpha() or _LETTER.search(text)):
                score = 0  # a chart's ticks, a closing brace, a divider: no sign either way
            elif listing or bulleted[unit.start]:
                score = LISTED
            elif was_prose and _cut_short(lines, unit):
                score = sum(lines[i].words for i in unit)  # the last paragraph, cut off
        else:
            listing = False
        was_item, item = (
            item,
            score == -LINE_COST and free[unit.start] and not _short(lines[unit.start]),
        )
        if item and was_item and lines[unit.start].block == lines[unit.start - 1].block:
            score = 0  # the next item of a list, a table or a code block: one cost for all
        if free[unit.start] and lines[unit.stop - 1].text.endswith(_COLONS):
            listing = listing or _opens_list(lines[unit.stop - 1])
        was_prose = score > 0
        label = labels[unit.start]
        metadata = (metadata and not was_prose) or bool(label and label.kind in _ANCHOR_LABELS)
        scores.append(score)
        streak = _streak(streak, score)
        streaks.append(streak)
        score *= max(streak, 1)  # a long stretch of non-text costs more per line
        if run_sum <= 0:
            run_start, run_sum = k, score
        else:
            run_sum += score
        if run_sum > best_sum:
            best, best_sum = range(units[run_start].start, unit.stop), run_sum
    if best:
        best = _anchored(units, labels, scores, streaks, best, best_sum)
        best = _opened(lines, units, labels, first, best)
        best = _before_bio(lines, labels, best)
    if not best:  # no run of text: the longest line that is no menu item is the body
        texts = [u for u in units if free[u.start] and first[u.start] == u.start]
        texts = [u for u in texts if not all(_short(lines[i]) for i in u)]
        best = max(texts, key=lambda u: sum(lines[i].words for i in u), default=best)
    if not best and all(free) and sum(line.words for line in lines) < STUB_WORDS:
        best = range(len(lines))  # a stub of a page, no line of it chrome: all of it is text
    return best


def _menu_link(lines: Sequence[Line], labels: Sequence[_Label | None], i: int) -> bool:
    """Whether comment line ``i`` is an item of a menu ("Meinung / Kommentare / Kolumnen"):
    short, between two short lines that no rule claims."""
    return (
        _short(lines[i])
        and 0 < i < len(lines) - 1
        and all(labels[j] is None and _short(lines[j]) for j in (i - 1, i + 1))
    )


def _before_bio(lines: Sequence[Line], labels: Sequence[_Label | None], best: range) -> range:
    """``best`` up to a note on the author at its end: among its last ``BIO_LINES`` lines, one
    that opens with a name the byline gave ("Jane Doe is a reporter who …", "Email Jane Doe
    at …"), a heading of the note ("About the author", "Über Jane Doe"), or a name alone
    on its line above a paragraph that opens with it and a verb that tells who one is
    ("Jane Doe" over "Jane Doe writes about …"; a subheading "Liam Williams" over "Liam
    Williams fought …" is the article's), and all below it are no article's."""
    names = set()
    for line, label in zip(lines, labels, strict=True):
        if label is not None and label.kind == "byline":
            found = BY.fullmatch(line.text)
            names.add(found["name"] if found else line.text)
    names = {n for n in names if " " in n}  # a full name, not a stray word
    for i in range(max(best.start + 1, best.stop - BIO_LINES), best.stop):
        text = lines[i].text
        if (
            any(text.startswith(n) and text[len(n) : len(n) + 1] in " ’'," for n in names)
            or _ABOUT_AUTHOR.fullmatch(text)
            or (
                i + 1 < best.stop
                and _NAME.fullmatch(text)
                and lines[i + 1].text.startswith(text + " ")
                and _BIO_VERB.match(lines[i + 1].text, len(text) + 1)
            )
        ):
            return range(best.start, i)
    return best


def _anchored(
    units: Sequence[range],
    labels: Sequence[_Label | None],
    scores: Sequence[int],
    streaks: Sequence[int],
    best: range,
    best_sum: int,
) -> range:
    """The article right below its date or byline, if the best run is further down.

    A block of teasers, forum posts or a cookie panel below a short article can outscore
    it. Of the date and byline lines above ``best``, the first whose run below it (ending
    before ``best``, as long as the units' ``scores``, multiplied by their ``streaks`` of
    non-text, keep it growing) scores at least ``LONG_WORDS`` and ``ANCHORED_SHARE`` of
    ``best_sum`` gives the body instead. The run may also count its stretch of non-text
    from the line (the menus above it do not make a caption or a button between the date
    and the article cost more) where a line of chrome parts it from ``best``: sections of
    one long post parted by subheadings are not an article and the teasers below it.
    """
    end = next(k for k, unit in enumerate(units) if unit.start == best.start)
    least = max(LONG_WORDS, ANCHORED_SHARE * best_sum)
    for anchor in range(end):
        label = labels[units[anchor].start]
        if label is None or label.kind not in _ANCHOR_LABELS:
            continue
        below = range(anchor + 1, end)
        top, stop = _run_top(scores, below, [streaks[k] for k in below])
        if top < least:
            top, stop = _run_top(scores, below, None)
            if top < least or not any(_is_chrome(labels[units[k].start]) for k in range(stop, end)):
                continue
        return range(units[anchor + 1].start, units[stop].stop)
    return best


def _run_top(scores: Sequence[int], below: range, streaks: Sequence[int] | None) -> tuple[int, int]:
    """The best total of the run over the units ``below`` and the unit it ends at: their
    ``scores`` multiplied by the given ``streaks`` of non-text, or by streaks counted from
    the run's start."""
    total, top, stop, streak = 0, 0, below.start - 1, 0
    for n, k in enumerate(below):
        streak = _streak(streak, scores[k])
        total += scores[k] * max(streaks[n] if streaks is not None else streak, 1)
        if total > top:
            top, stop = total, k
    return top, stop


def _streak(streak: int, score: int) -> int:
    """How long the stretch of non-text is after a unit scoring ``score``: a line of
    non-text lengthens it, one of text ends it, one of neither leaves it."""
    return streak + 1 if score < 0 else 0 if score > 0 else streak


def _is_chrome(label: _Label | None) -> bool:
    """Whether a line's label is page chrome (a widget, a related link, a comment form)."""
    return label is not None and label.kind not in _SOFT_KINDS


def _opened(
    lines: Sequence[Line],
    units: Sequence[range],
    labels: Sequence[_Label | None],
    first: Sequence[int],
    best: range,
) -> range:
    """``best`` with the paragraphs that lost their full stops between it and the date or
    byline line right above it: the article opens below its metadata, and a paragraph or
    two of ``PROSE_WORDS`` or more without a full stop there (fewer than ``LEAD_CAPITALS``
    of their words capitalised, as a headline or a caption has more) are its first, though
    a long menu above them made each cost more than running text adds. At most
    ``OPENING_UNITS`` of them; anything else there (a short line, chrome, a repeat) leaves
    ``best`` as it is."""
    k = next(k for k, unit in enumerate(units) if unit.start == best.start)
    for j in range(k - 1, max(k - 2 - OPENING_UNITS, -1), -1):
        unit = units[j]
        label = labels[unit.start]
        if label is not None:
            opens = label.kind in _ANCHOR_LABELS and j < k - 1
            return range(units[j + 1].start, best.stop) if opens else best
        tokens = _WORD_RUN.findall(" ".join(lines[i].text for i in unit))
        if (
            first[unit.start] != unit.start
            or len(tokens) < PROSE_WORDS
            or sum(t[:1].isupper() for t in tokens) >= LEAD_CAPITALS * len(tokens)
        ):
            return best
    return best


def _lead_in(
    lines: Sequence[Line],
    units: Sequence[range],
    k: int,
    labels: Sequence[_Label | None],
    free: Sequence[bool],
) -> int:
    """What unit ``k``, no running text by :func:`_prose`, adds to the body if it is a
    paragraph that lost its full stop (a standfirst, a lede): its words, when it is
    ``LEAD_WORDS`` long (longer than a headline, shorter than a tag cloud), opens with a
    capital, has fewer than ``LEAD_CAPITALS`` of its words capitalised (a headline in
    title case has more) and running text follows it; else ``-LINE_COST``."""
    unit = units[k]
    n = sum(lines[i].words for i in unit)
    if not (LEAD_WORDS[0] <= n <= LEAD_WORDS[1] and lines[unit.start].text[:1].isupper()):
        return -LINE_COST
    if k + 1 == len(units):
        return -LINE_COST
    tokens = _WORD_RUN.findall(" ".join(lines[i].text for i in unit))
    if sum(t[:1].isupper() for t in tokens) >= LEAD_CAPITALS * len(tokens):
        return -LINE_COST
    after = units[k + 1]
    return n if _score(lines, after, labels, free[after.start]) > 0 else -LINE_COST


def _cut_short(lines: Sequence[Line], unit: range) -> bool:
    """Whether ``unit`` is a paragraph cut off with an ellipsis (by a paywall, or as a
    teaser), running text without it."""
    if not _TRUNCATED.search(lines[unit.stop - 1].text):
        return False
    return _prose(_TRUNCATED.sub("", " ".join(lines[i].text for i in unit)))


def _opens_list(line: Line) -> bool:
    """Whether ``line`` announces a list, a table or a code block of the article: a line of
    a few words or more ending in a colon, that does not point to other pages ("Related
    coverage:", "Read more stories about:")."""
    return (
        line.text.endswith(_COLONS)
        and line.words >= INTRO_WORDS
        and not _ELSEWHERE.search(line.text)
    )


def _bulleted(lines: Sequence[Line]) -> list[bool]:
    """For each line, whether it is an item of a list written out with bullets: one of
    ``BULLET_RUN`` or more lines in a row that open with a bullet ("+ Added banners",
    "* Fixed the F3 screen"), as a plain-text post or a changelog prints its lists."""
    marked = [bool(_BULLET.match(line.text)) for line in lines]
    items = [False] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not marked[i]:
            if i - start >= BULLET_RUN:
                items[start:i] = [True] * (i - start)
            start = i + 1
    return items


def _printed_again(first: Sequence[int], i: int) -> bool:
    """Whether repeated line ``i`` is a paragraph printed again right after itself (the line
    before it is its original or another copy of it), which the body keeps; a paragraph
    shown again further down is a pull quote or a block of teasers shown twice."""
    return first[i - 1] == first[i]


def _kept_repeat(lines: Sequence[Line], first: Sequence[int], body: range, i: int) -> bool:
    """Whether repeated line ``i`` is body text: a paragraph printed again inside the body,
    right after itself or with its first print in the body too."""
    return i in body and (_printed_again(first, i) or first[i] in body) and _prose(lines[i].text)


def _label_header(
    lines: Sequence[Line],
    labels: list[_Label | None],
    free: list[bool],
    first: Sequence[int],
    body: range,
) -> int:
    """Label title, section and tags among the lines above the body; the title's index.

    The headline is the title-like line right above the article's metadata (date, byline,
    picture) nearest the body; if that metadata repeats a title-like line printed earlier
    (a headline shown again above the byline), the earlier line is the headline. Without
    metadata, it is the last title-like line above the body. Of the title-like lines close
    together there, a headline has a few words more than a menu item or a kicker, and comes
    before a standfirst as long as itself: the first with ``HEADLINE_WORDS`` words wins,
    else the longest. A line that ends with another title-like line above the metadata is
    that headline with a path or a kicker glued before it ("Business|Rolling Blackouts…",
    "Share All sharing options for: <headline>") and stands for it, however far up. With no
    title-like line close above the metadata, the first one below it is the headline (a
    blog prints its date line above the title). Whatever these rules chose, a title-like
    line among the ``3 * TITLE_WINDOW`` above the body whose content words (four letters
    or more) the body's first ``OPENING_WORDS`` words repeat is the headline instead, if at
    least half of its words are repeated and a quarter more of them than of the choice's:
    an article tells what its headline says, a menu item or a teaser of another story
    does not. An item of a menu (:func:`_menu_item`) is never taken so: its one or two
    words ("Über uns", "Juvenile Justice") are told again by chance. A breadcrumb path
    ("Home » Recipes » Bread") is never the headline. A headline printed right below
    itself with the page's path glued before it (:func:`_after_its_path`) is the headline
    over all these but a headline shown again. With no title-like line above the body,
    the body may open with the headline (:func:`_headline_opening`).
    """
    end = body.start if body else len(lines)
    _label_metadata(lines, labels, free, end)
    anchors = [i for i, label in enumerate(labels[:end]) if label and label.kind in _ANCHOR_KINDS]
    before = anchors[-1] if anchors else end
    while before > 0 and not free[before - 1]:
        before -= 1  # the metadata (and chrome, and repeats) right above the last of it
    repeats = [
        first[i]
        for i in range(before, anchors[-1] if anchors else end)
        if first[i] != i and free[first[i]] and _title_like(lines[i].text)
    ]
    candidates = [i for i in range(before) if free[i] and _title_like(lines[i].text)]
    candidates = candidates or [i for i in range(end) if free[i] and _title_like(lines[i].text)]
    if anchors and (not candidates or candidates[-1] < before - TITLE_WINDOW):
        after = [i for i in range(anchors[-1] + 1, end) if free[i] and _title_like(lines[i].text)]
        candidates = after[:1] or candidates  # a blog's date line above its headline
    if not candidates:
        return _headline_opening(lines, labels, free, body)
    if repeats:
        title, rule = repeats[0], "headline-shown-again"
    else:
        near = [i for i in candidates if i >= candidates[-1] - TITLE_WINDOW]
        near = sorted({_unglued(lines, candidates, i) for i in near})
        title = max(near, key=lambda i: (min(lines[i].words, HEADLINE_WORDS), -i))
        rule = "headline-before-metadata"
        told = _body_words(lines, body)
        others = [
            i
            for i in range(max(end - 3 * TITLE_WINDOW, 0), end)
            if free[i] and _title_like(lines[i].text) and not _menu_item(lines, free, i)
        ]
        best = max(others, key=lambda i: (_told(lines[i].text, told), i), default=title)
        if _told(lines[best].text, told) >= max(0.5, _told(lines[title].text, told) + 0.25):
            title, rule = best, "headline-the-body-tells"
    glued = [i for i in range(1, end) if free[i] and _after_its_path(lines, i)]
    if glued and not repeats:
        title, rule = glued[-1], "headline-after-its-path"
    labels[title] = _Label("title", rule)
    sections = _more_from_sections(lines, labels)
    for i in range(title + 1, end):
        if free[i] and lines[i].text.casefold() in sections:
            labels[i] = _Label("section", "more-from-section")
    for i in range(title + 1, end):
        if free[i] and labels[i] is None and _short(lines[i]):
            neighbours = [j for j in (i - 1, i + 1) if title < j < end]
            if any(_short(lines[j]) and (free[j] or _is(labels[j], "section")) for j in neighbours):
                labels[i] = _Label("tag", "tag-list")
    return title


def _headline_opening(
    lines: Sequence[Line], labels: list[_Label | None], free: Sequence[bool], body: range
) -> int:
    """With no title-like line above the body, the body's first line is the headline if
    it is title-like and the article's date or byline follows within ``TITLE_WINDOW``
    lines (the body was found from the headline down); labelled, it leaves the body."""
    if not body or not free[body.start] or not _title_like(lines[body.start].text):
        return 0
    metadata = labels[body.start + 1 : body.start + 1 + TITLE_WINDOW]
    if not any(label and label.kind in _ANCHOR_LABELS for label in metadata):
        return 0
    labels[body.start] = _Label("title", "headline-opening-the-body")
    return body.start


def _after_its_path(lines: Sequence[Line], i: int) -> bool:
    """Whether title-like line ``i`` is printed right below itself with the page's path
    glued before it ("HomeNews550 Kinder gezeugt…" over "550 Kinder gezeugt…"): a
    breadcrumb that ends with the article's headline. A menu item is too short to be one
    ("Service Codes Promo" over "Codes Promo")."""
    text, above = lines[i].text, lines[i - 1].text
    return (
        lines[i].words > SHORT_WORDS
        and _title_like(text)
        and len(above) > len(text)
        and above.endswith(text)
    )


def _unglued(lines: Sequence[Line], candidates: Sequence[int], i: int) -> int:
    """The candidate that line ``i`` ends with, if any: ``i`` is that headline with a path
    or a kicker glued before it ("Business|Rolling Blackouts…", "Share All sharing
    options for: <headline>"); else ``i``."""
    return next((j for j in candidates if j != i and lines[i].text.endswith(lines[j].text)), i)


def _body_words(lines: Sequence[Line], body: range) -> set[str]:
    """The words of the body's opening (``OPENING_WORDS``), casefolded."""
    opening: list[str] = []
    for i in body:
        opening += _CONTENT_WORD.findall(lines[i].text.casefold())
        if len(opening) >= OPENING_WORDS:
            break
    return set(opening)


def _told(text: str, told: set[str]) -> float:
    """The share of the content words of ``text`` that are in ``told``."""
    content = _CONTENT_WORD.findall(text.casefold())
    return sum(w in told for w in content) / len(content) if content else 0.0


def _label_metadata(
    lines: Sequence[Line], labels: list[_Label | None], free: list[bool], end: int
) -> None:
    """Above the body, a short line that prints a date is a date line, though it says
    more ("Veröffentlicht am 12. Juni 2017 von gizzmo")."""
    for i in range(end):
        line = lines[i]
        if not free[i] or line.words > BYLINE_WORDS:
            continue
        if find_dates(line.text):
            labels[i], free[i] = _Label("date", "dated-line"), False


def _chrome_line(
    text: str,
    lines: Sequence[Line],
    free: Sequence[bool],
    i: int,
    outlets: Outlets | None,
    where: str,
) -> _Label:
    """What a leftover line outside the body is: outlet branding, a menu, or page chrome.

    ``where`` is "before-title", "header" (between title and body) or "footer".
    """
    line = lines[i]
    if outlets and outlets.find(text, line.start, line.end):
        if where == "before-title":
            return _Label("tagline", "outlet-marker")
        if where == "footer":
            return _Label("footer", "outlet-self-reference")
    if _menu_item(lines, free, i):
        return _Label("navigation", "short-line-menu")
    return _Label("boilerplate", "after-article" if where == "footer" else "page-header")


def _menu_item(lines: Sequence[Line], free: Sequence[bool], i: int) -> bool:
    """A short line among three or more short lines in a row: an item of a menu."""
    return _short(lines[i]) and len(_run(lines, i, lambda j: free[j] and _short(lines[j]))) >= 3


def _run(lines: Sequence[Line], i: int, member: Callable[[int], bool]) -> range:
    """The run of consecutive lines around ``i`` for which ``member`` holds."""
    lo = i
    while lo > 0 and member(lo - 1):
        lo -= 1
    hi = i + 1
    while hi < len(lines) and member(hi):
        hi += 1
    return range(lo, hi)


def _more_from_sections(lines: Sequence[Line], labels: Sequence[_Label | None]) -> set[str]:
    """Section names the page gives in "MORE FROM <section>" lines."""
    names = set()
    for line, label in zip(lines, labels, strict=True):
        if _is(label, "more-from"):
            match = _RULES_BY_NAME["more-from"].fullmatch(line.text)
            if match:
                names.add(match["section"].casefold())
    return names


def _segments(text: str, lines: Sequence[Line], labels: Sequence[_Label]) -> list[Segment]:
    """Segments from labelled lines; a caption line is split into caption and credit."""
    segments: list[Segment] = []
    previous_body: Line | None = None
    for line, label in zip(lines, labels, strict=True):
        if label.credit_start is not None:
            caption_end = line.start + len(text[line.start : label.credit_start].rstrip())
            segments.append(Segment(line.start, caption_end, "caption", False, label.rule))
            segments.append(Segment(label.credit_start, line.end, "credit", False, label.rule))
            continue
        joined = label.kept and previous_body is not None and _continues(previous_body, line)
        rule = "mid-sentence-join" if joined else label.rule
        segments.append(Segment(line.start, line.end, label.kind, label.kept, rule, joined))
        if label.kept:
            previous_body = line
    return segments


def _continues(previous: Line, line: Line) -> bool:
    """A line that goes on with the sentence the previous one left unfinished."""
    return not _SENTENCE_END.search(previous.text) and line.text[:1].islower()


def _is(label: _Label | None, rule: str) -> bool:
    return label is not None and label.rule == rule


def _short(line: Line) -> bool:
    return line.words <= SHORT_WORDS and not _TERMINAL.search(line.text)


def _title_like(text: str) -> bool:
    """A line that may be a headline: a few words, capitalised (or opening with a letter of
    a script without case: Japanese, Chinese, Arabic), not ending as a sentence
    goes on, no path of pages ("Home » Recipes » Bread") and no picture credit."""
    return (
        2 <= words(text) <= LONG_WORDS
        and (text[:1].isupper() or (text[:1].isalpha() and not text[:1].islower()))
        and not _TITLE_END.search(text)
        and len(_PATH_SEP.findall(text)) < 2
        and not _CREDIT_OPENING.match(text)
    )


def _is_breadcrumb(text: str) -> bool:
    """Whether ``text`` is a path of short names, like "News / Politics / Russia".

    Arrows (">", "»") make a path of two; a spaced slash or bar needs three names, so that
    "Moscow / Tehran" in a headline is no breadcrumb.
    """
    arrow = _ARROW.search(text)
    if not arrow and text.count("/") + text.count("|") < 2:
        return False  # no two separators: spares splitting every paragraph
    parts = BREADCRUMB_SEP.split(text)
    if len(parts) < (2 if arrow else 3):
        return False
    return all(1 <= len(p.split()) <= 3 and _LETTER.search(p) for p in parts)


def _is_date_line(text: str) -> bool:
    """A line that is a date and little else ("September 20, 2023 at 3:17 pm")."""
    if not _few_plain_words(text):
        return False
    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    return len(_DATE_FILLER.sub(" ", rest).split()) <= 2


def _few_plain_words(text: str, most: int = 2) -> bool:
    """At most ``most`` words that no printed date (nor the filler around it) holds.

    A line with more is no date line: this spares reading the dates of every paragraph.
    """
    return next(islice(_NOT_DATE_WORD.finditer(text), most, None), None) is None
