"""Datasette plugin of the corpus: the document page, links to it, and the home page's lists.

Loaded by ``pipeline.site.serve`` with ``plugins_dir``; it only reads the published tables (and,
when ``pipeline.site.serve`` gave the Datasette instance a ``corpus_raw_dir``, re-hashes the raw
capture to show it whole). The raw store's place is kept off the metadata, which
``/-/metadata.json`` shows to anyone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import escape_fts, tilde_encode, to_css_class
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from corpus.store import blake3_hex, decode, raw_path
from pipeline.site.highlight import Mark, paragraphs, render, runs
from pipeline.site.metadata import DATABASE
from pipeline.site.serve import RAW_DIR, SEARCH_CAP, STATIC

DOCUMENT_ROUTE = r"^/document/(?P<doc_id>[0-9a-f]{16})$"
Row = dict[str, Any]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(DOCUMENT_ROUTE, document_page)]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(f"/{STATIC}/corpus.css")]


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["cells"] = cells


_CELL = '\n                    <td class="col-{} type-{}">{}</td>\n                '


def cells(row: Any) -> Markup:
    """A row's cells as Datasette's own ``_table.html`` writes them, in one piece: its loop
    renders each of a page's thousand cells in seven pieces, the most of a page's time
    (``templates/_table.html`` is Datasette's with the loop made this filter)."""
    return Markup(
        "".join(
            _CELL.format(
                escape(to_css_class(c["column"])), escape(c["value_type"]), escape(c["value"])
            )
            for c in row
        )
    )


@hookimpl
def render_cell(value: Any, column: str, table: str | None, datasette: Any, row: Any) -> Any:
    """A title next to a ``doc_id``, and any ``doc_id`` cell, link to the document page."""
    if column == "title" and value and "doc_id" in row.keys():  # noqa: SIM118 (a sqlite3.Row)
        return _link(document_url(datasette, row["doc_id"]), value)
    if column == "doc_id" and table != "documents":
        doc_id, label = (
            (value["value"], value["label"]) if isinstance(value, dict) else (value, value)
        )
        if isinstance(doc_id, str) and doc_id:
            return _link(document_url(datasette, doc_id), _short(str(label or doc_id)))
    if column == "snippet" and isinstance(value, str):  # HTML already: see search.sql
        return Markup(value)
    return None


@hookimpl
def extra_template_vars(template: str, datasette: Any, request: Any) -> Any:
    """The home page's lists, and the search page's counts and links to every match."""
    if template == "index.html":
        return lambda: _home(datasette, request)
    if template == SEARCH_TEMPLATE and request is not None:
        return lambda: _search_more(datasette, request.args.get("q", ""))
    return None


SEARCH_TEMPLATE = "query-corpus-search.html"
HOME_DOCUMENTS = 50  # the newest; the documents table lists them all
COUNT_MS = 50  # a table's row count on the home page, if it takes no longer (else "many")


async def _home(datasette: Any, request: Any) -> dict[str, Any]:
    db = datasette.get_database(DATABASE)
    documents = await _rows(db, _HOME_DOCUMENTS, HOME_DOCUMENTS)
    for d in documents:
        d["href"] = document_url(datasette, d["doc_id"])
    queries = await datasette.get_canned_queries(DATABASE, request.actor if request else None)
    hidden = set(await db.hidden_table_names())
    counts = await db.table_counts(limit=COUNT_MS)
    described = datasette.metadata("tables", database=DATABASE) or {}
    rank = {name: i for i, name in enumerate(described)}  # the data package's order
    names = [n for n in await db.table_names() if n not in hidden]
    tables = [
        {
            "name": name,
            "href": datasette.urls.table(DATABASE, name),
            "description": datasette.table_metadata(DATABASE, name).get("description", ""),
            "count": counts.get(name),
        }
        for name in sorted(names, key=lambda n: rank.get(n, len(rank)))
    ]
    return {
        "corpus_documents": documents,
        "corpus_documents_count": counts.get("documents"),
        "corpus_documents_href": datasette.urls.table(DATABASE, "documents"),
        "corpus_queries": [
            {"href": datasette.urls.query(DATABASE, name), **q} for name, q in queries.items()
        ],
        "corpus_tables": tables,
        "corpus_search": datasette.urls.query(DATABASE, "search"),
    }


_HOME_DOCUMENTS = """
select d.doc_id, d.title, o.name as outlet, d.published, d.word_count,
  (select count(*) from quotes as q where q.doc_id = d.doc_id) as quotes
from documents as d left join outlets as o on o.outlet_id = d.outlet_id
order by d.published desc, d.doc_id
limit ?
"""


async def _search_more(datasette: Any, q: str) -> dict[str, Any]:
    """How many documents and quotes match ``q`` (up to ``SEARCH_CAP``), and where to see them.

    Counting stops at the cap, so it costs what the search itself costs; past it, the table
    search linked to is a broad one (see the ``table_search`` plugin).
    """
    terms = escape_fts(q)
    if not terms:
        return {"corpus_found": []}
    db = datasette.get_database(DATABASE)
    found = []
    for table in ("documents", "quotes"):
        sql = _FOUND.format(fts=f"{table}_fts")
        count = (await db.execute(sql, (terms, SEARCH_CAP + 1))).single_value()
        href = f"{datasette.urls.table(DATABASE, table)}?{urlencode({'_search': q})}"
        found.append({"table": table, "count": count, "capped": count > SEARCH_CAP, "href": href})
    return {"corpus_found": found, "corpus_found_cap": SEARCH_CAP}


_FOUND = "select count(*) from (select 1 from [{fts}] where [{fts}] match ? limit ?)"


def document_url(datasette: Any, doc_id: str) -> str:
    return datasette.urls.path(f"/document/{doc_id}")


async def document_page(datasette: Any, request: Any) -> Response:
    """``/document/<doc_id>``: the cleaned text highlighted, its facts, and the raw capture."""
    doc_id = request.url_vars["doc_id"]
    db = datasette.get_database(DATABASE)
    found = await _rows(db, _DOCUMENT, doc_id)
    if not found:  # answered here: a raised NotFound makes Datasette print a traceback
        context = {"error": f"No document {doc_id} in this corpus.", "status": 404}
        html = await datasette.render_template("error.html", context, request=request)
        return Response.html(html, status=404)
    doc = found[0]
    segments = await _rows(db, "select * from segments where doc_id = ? order by seq", doc_id)
    evidence = await _rows(db, "select * from evidence where doc_id = ? order by seq", doc_id)
    media = await _rows(db, "select * from media where doc_id = ? order by start", doc_id)
    mentions = await _rows(db, _MENTIONS, doc_id)
    quotes = await _rows(db, _QUOTES, doc_id)
    citations = await _rows(db, _CITATIONS, doc_id)

    links = _Links(datasette)
    text, verified = _raw_text(datasette, doc, segments)
    kept = [(s["start"], s["end"], bool(s["joined"])) for s in segments if s["kept"]]
    marks = _body_marks(quotes, mentions, citations, links)
    body = paragraphs(text, kept, marks, html=doc["media_type"] == "text/html")
    raw_marks = _raw_marks(segments, evidence, media, citations, quotes)
    in_body = {m.anchor for block in body for _, marks in block for m in marks}
    context = {
        "database": DATABASE,
        "metadata": datasette.metadata(),
        "doc": doc,
        "paragraphs": render(body),
        "raw": render([runs(text, 0, len(text), raw_marks)])[0],
        "raw_verified": verified,
        "removed": sorted(Counter(s["kind"] for s in segments if not s["kept"]).items()),
        "fields": [
            {
                **e,
                "anchor": f"raw-ev-{e['seq']}",
                "row_href": links.row("evidence", doc_id, e["seq"]),
            }
            for e in evidence
        ],
        "quotes": [
            {
                **q,
                "anchor": _body_anchor(q) if _body_anchor(q) in in_body else _raw_anchor(q),
                "speaker": q["speaker_name"] or q["speaker_text"] or "speaker not found",
                "speaker_href": links.person(q["speaker_entity_id"] or q["speaker_name"]),
            }
            for q in quotes
        ],
        "entities": _entities(mentions, links),
        "captions": [{**m, "anchor": _raw_anchor(m)} for m in media],
        "citations": [{**c, "anchor": _raw_anchor(c)} for c in citations],
        "outlet_href": links.row("outlets", doc["outlet_id"]),
        "row_href": links.row("documents", doc_id),
        "raw_row_href": links.row("raw_files", doc["raw_blake3"]),
    }
    html = await datasette.render_template("document.html", context, request=request)
    return Response.html(html)


_DOCUMENT = """
select d.*, o.name as outlet_name, r.original_name, r.size_bytes, r.encoding, r.media_type,
  r.source_url, r.captured_at, r.rights
from documents as d
join raw_files as r on r.blake3 = d.raw_blake3
left join outlets as o on o.outlet_id = d.outlet_id
where d.doc_id = ?
"""
_MENTIONS = "select * from mentions where doc_id = ? order by seq"
_QUOTES = "select * from quotes where doc_id = ? order by start"
_CITATIONS = "select * from citations where doc_id = ? order by start"


class _Links:
    """URLs of the site's pages for the things a document shows."""

    def __init__(self, datasette: Any) -> None:
        self.urls = datasette.urls

    def row(self, table: str, *key: object) -> str:
        return self.urls.row(DATABASE, table, ",".join(tilde_encode(str(k)) for k in key))

    def person(self, person: str) -> str:
        """All quotes of the person (an entity id, or a name), across outlets (the canned query)."""
        return self._query("quotes_by_person", person=person) if person else ""

    def entity(self, entity: str) -> str:
        """The documents that mention the entity (an id, or a name) (the canned query)."""
        return self._query("documents_mentioning", entity=entity) if entity else ""

    def _query(self, name: str, **params: str) -> str:
        return f"{self.urls.query(DATABASE, name)}?{urlencode(params)}"


def _body_marks(
    quotes: list[Row], mentions: list[Row], citations: list[Row], links: _Links
) -> list[Mark]:
    """What the cleaned text highlights: quotes, their speakers, entities, cited sources."""
    return [
        *(_quote_mark(q, _body_anchor(q)) for q in quotes),
        *(_speaker_mark(q, links) for q in quotes if q["speaker_start"] is not None),
        *(_mention_mark(m, links) for m in mentions),
        *(Mark(c["start"], c["end"], "citation", 1, f"cites {c['source']}") for c in citations),
    ]


def _raw_marks(
    segments: list[Row],
    evidence: list[Row],
    media: list[Row],
    citations: list[Row],
    quotes: list[Row],
) -> list[Mark]:
    """What the raw capture shows: segments kept or removed, and the spans others link to."""
    return [
        *(_segment_mark(s) for s in segments),
        *(_evidence_mark(e) for e in evidence),
        *(
            Mark(m["start"], m["end"], "caption", 1, m["caption"], anchor=_raw_anchor(m))
            for m in media
        ),
        *(
            Mark(m["credit_start"], m["credit_end"], "credit", 2, "credit")
            for m in media
            if m["credit_start"] is not None
        ),
        *(
            Mark(c["start"], c["end"], "citation", 1, c["source"], anchor=_raw_anchor(c))
            for c in citations
        ),
        *(_quote_mark(q, _raw_anchor(q)) for q in quotes),
    ]


def _body_anchor(q: Row) -> str:
    return f"quote-{q['quote_id']}"


def _raw_anchor(row: Row) -> str:
    """The id of a quote's, caption's or citation's span in the raw capture."""
    key = next(k for k in ("quote_id", "media_id", "citation_id") if k in row)
    return f"raw-{row[key]}"


def _quote_mark(q: Row, anchor: str) -> Mark:
    who = q["speaker_name"] or q["speaker_text"] or "speaker not found"
    title = f"{who}{', ' + q['cue'] if q['cue'] else ''}"
    return Mark(q["start"], q["end"], "quote", 1, title, anchor=anchor)


def _speaker_mark(q: Row, links: _Links) -> Mark:
    kind = "speaker" if q["speaker_name"] else "speaker unresolved"
    title = f"speaker: {q['speaker_name'] or q['speaker_text']}"
    href = links.person(q["speaker_entity_id"] or q["speaker_name"])
    return Mark(q["speaker_start"], q["speaker_end"], kind, 2, title, href)


def _mention_mark(m: Row, links: _Links) -> Mark:
    if not m["entity_id"]:
        title = f"{m['name']} (candidate {m['type']}, not in the registry)"
        return Mark(m["start"], m["end"], "mention unresolved", 3, title, links.entity(m["name"]))
    title = f"{m['name'] or m['entity_id']} ({m['type']})"
    return Mark(m["start"], m["end"], "mention", 3, title, links.entity(m["entity_id"]))


def _segment_mark(s: Row) -> Mark:
    state = "kept" if s["kept"] else "removed"
    return Mark(
        s["start"],
        s["end"],
        f"seg {state} seg-{s['kind']}",
        0,
        f"{s['kind']}: {state} by {s['rule']}",
    )


def _evidence_mark(e: Row) -> Mark:
    title = f"{e['field']} = {e['value']} ({e['method']})"
    return Mark(e["start"], e["end"], "evidence", 1, title, anchor=f"raw-ev-{e['seq']}")


def _entities(mentions: list[Row], links: _Links) -> list[Row]:
    """The entities a document mentions, registry or candidate, most mentioned first."""
    counts = Counter((m["entity_id"] or "", m["name"], m["type"]) for m in mentions if m["name"])
    return [
        {
            "name": name or entity_id,
            "type": type_ if entity_id else f"{type_}, not in the registry",
            "count": n,
            "href": links.entity(entity_id or name),
        }
        for (entity_id, name, type_), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _raw_text(datasette: Any, doc: Row, segments: list[Row]) -> tuple[str, bool]:
    """The capture's text from the raw store (re-hashed), else rebuilt from its segments."""
    raw_dir = getattr(datasette, RAW_DIR, None)
    if raw_dir:
        path = raw_path(Path(raw_dir), doc["raw_blake3"])
        data = path.read_bytes() if path.is_file() else b""
        if blake3_hex(data) == doc["raw_blake3"]:
            return decode(data, doc["encoding"]), True
    return _from_segments(segments), False


def _from_segments(segments: list[Row]) -> str:
    """Segment texts at their offsets; what lies between them (unknown here) as line breaks."""
    chars: list[str] = []
    for s in sorted(segments, key=lambda s: s["start"]):
        chars.extend("\n" * (s["start"] - len(chars)))
        chars[s["start"] : s["end"]] = s["text"]
    return "".join(chars)


async def _rows(db: Any, sql: str, *params: object) -> list[Row]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


def _link(href: str, label: object) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')


def _short(label: str, limit: int = 40) -> str:
    """A headline cut to fit a narrow column (the full one is on the document page)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
