"""How to cite a corpus: ``CITATION.cff`` and Croissant's ``citeAs``, from its descriptor.

Both come from the project's identity as ``datapackage.json`` publishes it (title, version,
licence, contributors, keywords), so a corpus is cited as what it says it is; authors are the
contributors with the role ``author`` (all contributors when none has it); without any, the
citation starts with the title, and ``CITATION.cff`` (which needs an author) names the
corpus's title as its author.
"""

from __future__ import annotations

from typing import Any

import yaml

CITATION = "CITATION.cff"


def authors(desc: dict[str, Any]) -> list[str]:
    """The names to cite, in order."""
    people = desc.get("contributors", [])
    named = [p for p in people if p.get("role") == "author"] or people
    return [p["title"] for p in named if p.get("title")]


def cite_as(desc: dict[str, Any]) -> str:
    """One line: ``Authors. Title (version V). Data set.``"""
    names = authors(desc)
    cited = f"{desc['title']} (version {desc['version']}). Data set."
    return f"{', '.join(names)}. {cited}" if names else cited


def cff(desc: dict[str, Any]) -> dict[str, Any]:
    """The Citation File Format 1.2.0 record of the corpus."""
    record: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this corpus, please cite it as below.",
        "type": "dataset",
        "title": desc["title"],
        "version": desc["version"],
        "abstract": desc.get("description", ""),
        "authors": [{"name": name} for name in authors(desc) or [desc["title"]]],
    }
    if licences := desc.get("licenses"):
        record["license"] = licences[0]["name"]
    if keywords := desc.get("keywords"):
        record["keywords"] = keywords
    return record


def dumps(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
