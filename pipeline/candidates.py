"""Names the registry lacks, for review: the most frequent candidates, and their promotion.

A candidate is a mention with an empty ``entity_id``; it is listed by its full ``name`` and
type, with how often the corpus mentions it, in how many documents, how many quotations it
speaks, and a few example spans. Promoting one appends a row to the registry's
``entities.csv`` (and its spellings to ``aliases.csv``), so the gazetteer grows by review;
the next build links its mentions and quotes to the new id.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.api import Corpus

TYPES = ("person", "organization", "place")
EXAMPLES = 3  # example spans per candidate
_COLUMNS = ("entity_id", "name", "type", "wikidata", "description")


class PromotionError(Exception):
    """Why a name cannot be promoted, in one line."""


@dataclass
class Candidate:
    """A name the registry lacks, as the corpus mentions it."""

    name: str
    type: str
    mentions: int = 0
    documents: int = 0
    quotes: int = 0
    spellings: list[str] = field(default_factory=list)
    examples: list[dict[str, Any]] = field(default_factory=list)  # doc_id, start, end, text


def suggest(corpus: Corpus, limit: int = 20) -> list[Candidate]:
    """The ``limit`` candidates mentioned most often, then by name."""
    found: dict[tuple[str, str], Candidate] = {}
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in corpus.rows("mentions"):
        if m["entity_id"] or not m.get("name"):
            continue
        key = (m["name"], m["type"])
        c = found.setdefault(key, Candidate(m["name"], m["type"]))
        c.mentions += 1
        docs[key].add(m["doc_id"])
        spellings[key][m["text"]] += 1
        if len(c.examples) < EXAMPLES:
            c.examples.append({k: m[k] for k in ("doc_id", "start", "end", "text")})
    spoken = Counter(q["speaker_name"] for q in corpus.rows("quotes") if not q["speaker_entity_id"])
    for key, c in found.items():
        c.documents = len(docs[key])
        c.quotes = spoken[c.name] if c.type == "person" else 0
        c.spellings = [s for s, _ in spellings[key].most_common()]
    ranked = sorted(found.values(), key=lambda c: (-c.mentions, -c.documents, c.name, c.type))
    return ranked[:limit]


def slug(name: str) -> str:
    """An entity id from a name: ASCII, lower case, words joined by hyphens ("anna-keller")."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def promote(
    registry: Path,
    name: str,
    type_: str = "person",
    entity_id: str = "",
    aliases: tuple[str, ...] = (),
    description: str = "",
) -> str:
    """Append ``name`` to the registry as a new entity (and its ``aliases``); its id.

    Refuses, with a :class:`PromotionError`, a name, alias or id the registry has already,
    an unknown type, or an empty name; nothing is written then.
    """
    name = " ".join(name.split())
    entity_id = entity_id or slug(name)
    if not name or not entity_id:
        raise PromotionError("the name is empty")
    if type_ not in TYPES:
        raise PromotionError(f"type must be one of {', '.join(TYPES)}, not {type_!r}")
    entities_csv, aliases_csv = registry / "entities.csv", registry / "aliases.csv"
    if not entities_csv.is_file():
        raise PromotionError(f"{entities_csv}: no such registry file")
    rows = _read(entities_csv)
    alias_rows = _read(aliases_csv) if aliases_csv.exists() else []
    taken = {r["name"].casefold(): r["entity_id"] for r in rows}
    taken |= {r["alias"].casefold(): r["entity_id"] for r in alias_rows}
    for spelling in (name, *aliases):
        if spelling.casefold() in taken:
            owner = taken[spelling.casefold()]
            raise PromotionError(f"{spelling!r} already names {owner} in {registry}")
    if any(r["entity_id"] == entity_id for r in rows):
        raise PromotionError(f"{entities_csv}: the id {entity_id!r} exists; pass another --id")
    row = {"entity_id": entity_id, "name": name, "type": type_, "description": description}
    extra = [{"entity_id": entity_id, "alias": a} for a in dict.fromkeys(aliases) if a != name]
    _append(entities_csv, [row], _COLUMNS)
    if extra:
        _append(aliases_csv, extra, ("entity_id", "alias"))
    return entity_id


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _append(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    """Append ``rows`` to the CSV ``path`` (its header written first if it is new)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    if not path.exists():
        writer.writeheader()
    elif not path.read_bytes().endswith(b"\n"):
        out.write("\n")
    writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
