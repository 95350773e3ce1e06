"""Datasette plugin: the pages across outlets (``pipeline/across``).

``/across``: reports over time per outlet, who cites whom, and the events; ``/event/<id>``:
an event's reports on a timeline with the sources they cite; ``/family/<quote_id>``: a
quotation family's wordings side by side, earliest first, each against the earliest word by
word. The document page gets, for each quotation, the same words in other reports
(``document.html`` includes ``_across_document.html``).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.across.lineage import word_diff
from pipeline.across.plots import Edge, Point, graph, timeline
from pipeline.site.metadata import DATABASE
from pipeline.site.serve import STATIC

Row = dict[str, Any]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/across$", across_page),
        (r"^/event/(?P<event_id>[\w.-]+)$", event_page),
        (r"^/family/(?P<quote_id>[\w-]+)$", family_page),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(f"/{STATIC}/across.css")]


@hookimpl
def extra_template_vars(template: str, datasette: Any, request: Any) -> Any:
    """On the document page: its events, and each quotation's words in other reports."""
    if template == "document.html" and request is not None and "doc_id" in request.url_vars:
        return lambda: _document_vars(datasette, request.url_vars["doc_id"])
    return None


async def across_page(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    docs = await _rows(db, _DOCS)
    events = await _rows(db, "select * from events order by date, event_id")
    edges = await _rows(db, _EDGES)
    context = {
        "events": [{**e, "href": _event_url(datasette, e["event_id"])} for e in events],
        "coverage": Markup(timeline(_points(datasette, docs), "Reports over time per outlet")),
        "citations": Markup(graph(_edges(datasette, edges), "Who cites whom")),
        "edges": edges,
    }
    return await _render(datasette, request, "across.html", context)


async def event_page(datasette: Any, request: Any) -> Response:
    event_id = request.url_vars["event_id"]
    db = datasette.get_database(DATABASE)
    found = await _rows(db, "select * from events where event_id = ?", event_id)
    if not found:
        return await _missing(datasette, request, f"No event {event_id} in this corpus.")
    docs = await _rows(db, _EVENT_DOCS, event_id)
    ids = [d["doc_id"] for d in docs]
    cited = await _rows(db, _EVENT_CITATIONS.format(_marks(ids)), *ids)
    context = {
        "event": found[0],
        "docs": [{**d, "href": _document_url(datasette, d["doc_id"])} for d in docs],
        "timeline": Markup(timeline(_points(datasette, docs), f"Reports of {found[0]['label']}")),
        "citations": Markup(graph(_edges(datasette, cited), "Who cites whom in these reports")),
        "cited": cited,
    }
    return await _render(datasette, request, "event.html", context)


async def family_page(datasette: Any, request: Any) -> Response:
    quote_id = request.url_vars["quote_id"]
    db = datasette.get_database(DATABASE)
    family = await _rows(db, _FAMILY, quote_id)
    if not family:
        return await _missing(datasette, request, f"No quotation family of {quote_id}.")
    first = family[0]["text"]
    wordings = [
        {
            **q,
            "href": _document_url(datasette, q["doc"]),
            "diff": _diff_html(first, q["text"]) if i else Markup(escape(q["text"])),
        }
        for i, q in enumerate(family)
    ]
    context = {"family_id": family[0]["family_id"], "wordings": wordings}
    return await _render(datasette, request, "family.html", context)


async def _document_vars(datasette: Any, doc_id: str) -> dict[str, Any]:
    db = datasette.get_database(DATABASE)
    events = await _rows(db, _DOC_EVENTS, doc_id)
    links = await _rows(db, _DOC_LINKS, doc_id)
    by_quote: dict[str, list[Row]] = {}
    for link in links:
        by_quote.setdefault(link["quote_id"], []).append(
            {
                **link,
                "href": _document_url(datasette, link["other_doc"]),
                "family_href": _family_url(datasette, link["family_id"] or link["quote_id"]),
                "diff": _diff_html(link["quote_text"], link["other_quote_text"]),
            }
        )
    return {
        "across_events": [{**e, "href": _event_url(datasette, e["event_id"])} for e in events],
        "across_quotes": by_quote,
    }


def _diff_html(a: str, b: str) -> Markup:
    """``b`` against ``a``: shared words plain, its own in ``<ins>``, ``a``'s lost in ``<del>``."""
    tag = {"same": "{}", "new": "<ins>{}</ins>", "gone": "<del>{}</del>"}
    return Markup("".join(tag[op].format(escape(text)) for op, text in word_diff(a, b)))


def _points(datasette: Any, docs: list[Row]) -> list[Point]:
    return [
        Point(
            d.get("outlet_name") or d["outlet_id"] or "unknown outlet",
            d["published"] or "",
            d["title"] or d["doc_id"],
            _document_url(datasette, d["doc_id"]),
        )
        for d in docs
    ]


def _edges(datasette: Any, edges: list[Row]) -> list[Edge]:
    return [
        Edge(
            e.get("outlet_label") or e["outlet_id"] or "unknown outlet",
            e["source_label"],
            e["citations"],
            datasette.urls.row(DATABASE, "citation_edges", _key(e["outlet_id"], e["source"])),
        )
        for e in edges
    ]


def _key(*values: object) -> str:
    return ",".join(tilde_encode(str(v or "")) for v in values)


def _document_url(datasette: Any, doc_id: str) -> str:
    return datasette.urls.path(f"/document/{doc_id}")


def _event_url(datasette: Any, event_id: str) -> str:
    return datasette.urls.path(f"/event/{event_id}")


def _family_url(datasette: Any, quote_id: str) -> str:
    return datasette.urls.path(f"/family/{quote_id}")


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values) or "null"


async def _render(datasette: Any, request: Any, template: str, context: Row) -> Response:
    context = {"database": DATABASE, "metadata": datasette.metadata(), **context}
    return Response.html(await datasette.render_template(template, context, request=request))


async def _missing(datasette: Any, request: Any, message: str) -> Response:
    context = {"error": message, "status": 404}
    html = await datasette.render_template("error.html", context, request=request)
    return Response.html(html, status=404)


async def _rows(db: Any, sql: str, *params: object) -> list[Row]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


_DOCS = """
select d.doc_id, d.outlet_id, o.name as outlet_name, d.published, d.title
from documents as d left join outlets as o on o.outlet_id = d.outlet_id
order by d.published, d.doc_id
"""
_EDGES = """
select ce.*, coalesce(o.name, ce.outlet_id) as outlet_label,
  coalesce(e.name, ce.source_name) as source_label
from citation_edges as ce
left join outlets as o on o.outlet_id = ce.outlet_id
left join entities as e on e.entity_id = ce.source_entity_id
order by ce.outlet_id, ce.source
"""
_EVENT_DOCS = """
select d.doc_id, d.outlet_id, o.name as outlet_name, d.published, d.title,
  de.score, de.date_source, de.shared_people, de.shared_places, de.text_similarity, de.text
from document_events as de join documents as d on d.doc_id = de.doc
left join outlets as o on o.outlet_id = d.outlet_id
where de.event_id = ? order by coalesce(d.published, '~'), d.doc_id
"""
_EVENT_CITATIONS = """
select d.outlet_id, coalesce(o.name, d.outlet_id) as outlet_label,
  c.source_key as source, c.source_name, c.label as source_label,
  count(*) as citations, group_concat(c.doc_id, '; ') as docs
from (select c.*, coalesce(nullif(c.entity_id, ''), lower(c.source)) as source_key,
        coalesce(e.name, c.source) as label, c.source as source_name
      from citations as c left join entities as e on e.entity_id = c.entity_id) as c
join documents as d on d.doc_id = c.doc_id
left join outlets as o on o.outlet_id = d.outlet_id
where c.doc_id in ({})
group by d.outlet_id, c.source_key order by d.outlet_id, c.source_key
"""
_FAMILY = """
select f.* from quote_families as f
where f.family_id = (select family_id from quote_families where quote_id = ?)
order by f.position
"""
_DOC_EVENTS = """
select e.*, de.score, de.date_source,
  (select count(*) from document_events as o where o.event_id = e.event_id) as reports
from document_events as de join events as e on e.event_id = de.event_id where de.doc = ?
"""
_DOC_LINKS = """
select l.*, q.text as quote_text, oq.text as other_quote_text, f.family_id,
  d.title as other_title, d.published as other_published, o.name as other_outlet
from quote_links as l
join quotes as q on q.quote_id = l.quote_id
join quotes as oq on oq.quote_id = l.other_quote_id
join documents as d on d.doc_id = l.other_doc
left join outlets as o on o.outlet_id = d.outlet_id
left join quote_families as f on f.quote_id = l.quote_id
where l.doc = ? order by l.quote_id, d.published
"""
