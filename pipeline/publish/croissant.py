"""A Croissant (MLCommons, 1.0) description of the published tables, made from ``datapackage.json``.

Everything comes from the Frictionless descriptor (identity, licence, version, each file's
path, size and SHA-256, each column's type and description, keys), so the two descriptions
of the corpus cannot disagree; the copy at the project root is made the same way from the
root descriptor, whose paths run through ``corpus/data/``.

Foreign keys are not written as ``references``: mlcroissant (1.1) reads a field with one as
a join with the referenced record set, which fails once that record set has been read from
the same ``Dataset`` and never ends for a table that refers to itself (``quotes.part_of``).
Every record set must load, so the foreign keys are left to ``datapackage.json``.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.publish.citation import cite_as

CROISSANT = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
}


def croissant(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The Croissant JSON-LD for a data package ``descriptor`` (CSV resources, whole or in
    parts)."""
    licences = [licence["path"] for licence in descriptor.get("licenses", [])]
    meta: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": descriptor["name"],
        "alternateName": descriptor["title"],
        "description": descriptor["description"],
        "conformsTo": CONFORMS_TO,
        **({"license": licences[0] if len(licences) == 1 else licences} if licences else {}),
        "keywords": descriptor.get("keywords", []),
        "version": descriptor["version"],
        "citeAs": cite_as(descriptor),
        "isLiveDataset": False,
        "distribution": [f for r in descriptor["resources"] for f in _distribution(r)],
        "recordSet": [_record_set(r) for r in descriptor["resources"]],
    }
    if url := next((s.get("homepage") for s in descriptor.get("sources", [])), None):
        meta["url"] = url
    return meta


def _distribution(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """A table in one file: that file. A table in parts: each part, and the set of them
    (what the record set reads: ``documents/*.csv``)."""
    name = resource["name"]
    if isinstance(resource["path"], str):
        return [_file(resource, f"The {name} table as CSV.")]
    files = [_file(p, f"Part of the {name} table as CSV.") for p in resource["parts"]]
    directory = resource["path"][0].rsplit("/", 1)[0]
    fileset = {
        "@type": "cr:FileSet",
        "@id": _source_id(resource),
        "name": _source_id(resource),
        "description": f"The {name} table as CSV, in parts by BLAKE3 prefix.",
        "encodingFormat": resource["mediatype"],
        "includes": f"{directory}/*.csv",
    }
    return [*files, fileset]


def _file(entry: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": entry["path"],
        "name": entry["path"],
        "description": description,
        "contentUrl": entry["path"],
        "contentSize": f"{entry['bytes']} B",
        "encodingFormat": "text/csv",
        "sha256": entry["hash"].removeprefix("sha256:"),
    }


def _source_id(resource: dict[str, Any]) -> str:
    """The ``@id`` the record set reads from: the file, or the set of parts."""
    path = resource["path"]
    return path if isinstance(path, str) else f"{path[0].rsplit('/', 1)[0]}/"


def _source(resource: dict[str, Any]) -> dict[str, Any]:
    kind = "fileObject" if isinstance(resource["path"], str) else "fileSet"
    return {kind: {"@id": _source_id(resource)}}


def _record_set(resource: dict[str, Any]) -> dict[str, Any]:
    name, schema = resource["name"], resource["schema"]
    record_set: dict[str, Any] = {
        "@type": "cr:RecordSet",
        "@id": name,
        "name": name,
        "description": resource["description"],
        "field": [_field(name, _source(resource), f) for f in schema["fields"]],
    }
    if key := schema.get("primaryKey"):
        ids = [{"@id": f"{name}/{k}"} for k in key]
        record_set["key"] = ids[0] if len(ids) == 1 else ids
    return record_set


def _field(table: str, source: dict[str, Any], field: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "cr:Field",
        "@id": f"{table}/{field['name']}",
        "name": field["name"],
        "description": field.get("description", ""),
        "dataType": DATA_TYPES[field["type"]],
        "source": {**source, "extract": {"column": field["name"]}},
    }


def dumps(meta: dict[str, Any]) -> str:
    """Stable JSON like ``datapackage.json``: two-space indent, UTF-8, final newline."""
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
