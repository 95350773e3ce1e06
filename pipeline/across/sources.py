"""Who cites whom: outlets and the sources their reports name, from ``citations``.

An edge is (outlet, source): the source is the citation's entity when the registry knows it,
else its name as written, lowercased with a leading "the" dropped. Each edge counts its
citations and reports and lists them (``citation_ids``, whose rows hold the spans).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

Row = dict[str, Any]


def citation_edges(docs: dict[str, Row], citations: Iterable[Row]) -> list[Row]:
    """``citation_edges`` rows: one per outlet and source."""
    edges: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for c in citations:
        outlet = docs.get(c["doc_id"], {}).get("outlet_id") or ""
        edges[(outlet, source_key(c))].append(c)
    rows = []
    for (outlet, source), found in sorted(edges.items()):
        found.sort(key=lambda c: c["citation_id"])
        rows.append(
            {
                "outlet_id": outlet or None,
                "source": source,
                "source_entity_id": found[0].get("entity_id") or None,
                "source_name": found[0]["source"],
                "citations": len(found),
                "reports": len({c["doc_id"] for c in found}),
                "docs": "; ".join(sorted({c["doc_id"] for c in found})),
                "citation_ids": "; ".join(c["citation_id"] for c in found),
            }
        )
    return rows


def source_key(c: Row) -> str:
    """The source an edge points to: the entity, else the name as written, normalised."""
    if c.get("entity_id"):
        return c["entity_id"]
    name = " ".join(c["source"].lower().split())
    return name.removeprefix("the ")
