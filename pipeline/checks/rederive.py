"""``corpus verify --rederive``: build again from the raw bytes and compare every cell.

``corpus.verify()`` proves what can be proved from the published files alone (hashes, spans,
bodies, references); a forger who changes a derived value (a quote's speaker, a mention's
entity, a segment's rule) together with its Parquet copy and the descriptor's hashes passes
it. Re-deriving catches that: the rows the installed code makes from the raw bytes must be
the rows published, cell for cell.

Rules:

- The installed code must be the code that built the corpus: every stage's fingerprint (the
  steps, then the row maker) and every library that shapes the tables must be the one
  recorded in ``datapackage.json`` (``build.steps``, ``build.libraries``). Otherwise nothing
  is built and :class:`Refused` says which differ: the differences would be the code's, not a
  forger's.
- The registry is an input, like the raw bytes: a registry file that does not hash to the one
  recorded (``build.inputs.registry``) is a problem, and the comparison goes on.
- The scratch project, a directory beside the raw store removed afterwards, holds the raw files
  (hard links, or copies across file systems) and their index records, copies of the registry
  and of the project's identity (``project.json``), and an empty cache: nothing the published
  corpus or its build cache holds is reused.
- The raw files re-derived are those published (in ``raw_files`` and the store's index):
  all of them, or ``sample`` of them chosen by ``random.Random(seed)``; but a raw file that is
  missing or does not hash to its name is a problem, not re-derived (its rows are then left
  out of the comparison, as with a sample).
- Each table is compared as CSV text, row by row by primary key: each row published but not
  re-derived, each row re-derived but not published, each row published twice, and each
  differing cell (``expected`` the published cell, ``found`` the re-derived one) is a problem;
  with every row right, so must the order be. With a sample, a per-document table is compared
  on the sampled documents' rows (only the parts that hold them are read), a registry table
  whole, and the tables across outlets (``pipeline/across``, computed from every document)
  not at all.
- Without a sample, ``metadata.yml``, ``croissant.json`` and the descriptor (but for the
  files' paths and digests) are compared too, as files; ``metadata.yml`` even with a sample
  (it depends on the schemas only).
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.report import Report
from corpus.served import file_blake3
from corpus.store import RawFile, iter_index, raw_path, write_index
from corpus.tables import DESCRIPTOR, Part, parts, read_descriptor, resource, shard_column
from pipeline import across
from pipeline.build import rows
from pipeline.build.cache import ROWS
from pipeline.build.executors import Local
from pipeline.build.run import build, environment
from pipeline.build.steps import STEPS, source_fingerprint
from pipeline.extract.registry import Registry
from pipeline.project import Project
from pipeline.publish import shards
from pipeline.publish.atomic import METADATA
from pipeline.publish.croissant import CROISSANT

CHECK = "rederive"
SCRATCH_PREFIX = ".rederive-"
WHOLE = 10**12  # part size of a sample's scratch build: every table in one file
DIGESTS = ("path", "bytes", "hash", "blake3", "parts")


class Refused(Exception):
    """Re-deriving cannot tell forgeries apart here (other code, libraries or no build record)."""


def rederive(
    project: Project, sample: int | None = None, seed: int = 0, workers: int | None = None
) -> Report:
    """Build the published raw files (or a seeded ``sample``) afresh; every difference.

    Raises :class:`Refused` when the installed code or libraries are not the recorded ones.
    """
    report = Report("verify --rederive")
    try:
        published = read_descriptor(project.data_dir)
    except (OSError, ValueError) as e:
        where = project.data_dir / DESCRIPTOR
        raise Refused(f"cannot read {where} ({e}); run `corpus build`") from None
    _check_code(published.get("build", {}))
    _check_registry(report, project, published.get("build", {}))
    chosen = _records(project, published, sample, seed)
    records = _intact(report, project, chosen)
    partial = sample is not None or len(records) < len(chosen)
    report.count("raw files re-derived", len(records))
    resources = {r["name"]: r for r in published["resources"]}
    with _scratch(project, records) as scratch:
        size = WHOLE if partial else _part_size(project, resources, len(records))
        build(scratch, executor=Local(workers), part_size=size)
        derived = read_descriptor(scratch.data_dir)
        wanted = _shard_values(records) if partial else None
        for res in derived["resources"]:
            name = res["name"]
            if name not in resources:
                report.add(CHECK, f"{name} is re-derived but not published", table=name)
                continue
            if partial and name in across.TABLES:  # they link every document: not a sample's
                resources.pop(name)
                continue
            keys = None if not shard_column(res) else wanted
            _compare_table(
                report, resources.pop(name), res, project.data_dir, scratch.data_dir, keys
            )
        for name in resources:
            report.add(CHECK, f"{name} is published but not re-derived", table=name)
        for name in [METADATA] if partial else [METADATA, CROISSANT]:
            _compare_file(report, name, project.data_dir, scratch.data_dir)
        if not partial:
            _compare_descriptor(report, published, derived)
    return report


# --- what may be re-derived -----------------------------------------------------------------


def installed_stages() -> dict[str, str]:
    """Each stage's fingerprint in the installed code: the steps', then the row maker's."""
    return {s.name: s.fingerprint for s in STEPS} | {ROWS: source_fingerprint(ROWS, rows)}


def _check_code(record: dict[str, Any]) -> None:
    """Refuse unless the installed stages and shaping libraries are the recorded ones."""
    recorded, installed = record.get("steps"), installed_stages()
    if not recorded:
        raise Refused(f"{DESCRIPTOR} has no build record (build.steps); run `corpus build`")
    differ = [
        f"{kind} {name} (recorded {str(old)[:12]}, installed {str(new)[:12]})"
        for kind, old_all, new_all in (
            ("stage", recorded, installed),
            ("library", record.get("libraries", {}), environment()),
        )
        for name in sorted(old_all.keys() | new_all.keys())
        for old, new in [(old_all.get(name), new_all.get(name))]
        if old != new
    ]
    if differ:
        raise Refused(
            "the installed code is not the code that built this corpus, so re-deriving would "
            "report the code's changes as forgeries: "
            + "; ".join(differ)
            + ". Install the version that built it (or rebuild with this one)."
        )


def _check_registry(report: Report, project: Project, record: dict[str, Any]) -> None:
    """Each registry file hashes to the one the build recorded."""
    recorded = record.get("inputs", {}).get("registry", {})
    found = Registry(project.registry_dir).files
    for name in sorted(recorded.keys() | found.keys()):
        if recorded.get(name) != found.get(name):
            report.add(
                CHECK,
                "the registry file is not the one the corpus was built with",
                table="registry",
                key=name,
                column="blake3",
                expected=str(recorded.get(name, "none")),
                found=str(found.get(name, "none")),
            )


def _records(
    project: Project, published: dict[str, Any], sample: int | None, seed: int
) -> list[RawFile]:
    """The index records of the published raw files: all, or ``sample`` chosen by ``seed``."""
    try:
        res = resource(published, "raw_files")
    except KeyError as e:
        raise Refused(f"{DESCRIPTOR}: {e.args[0]}") from None
    listed = {row["blake3"] for row in _rows(project.data_dir, parts(res))}
    records = [r for r in iter_index(project.raw_dir) if r.blake3 in listed]
    if sample is None or sample >= len(records):
        return records
    return sorted(random.Random(seed).sample(records, sample), key=lambda r: r.blake3)


def _intact(report: Report, project: Project, records: list[RawFile]) -> list[RawFile]:
    """The records whose raw file is stored with the bytes its name hashes; each other one is
    a problem (``verify`` says what is wrong with it) and is not re-derived."""
    intact = []
    for record in records:
        path = raw_path(project.raw_dir, record.blake3)
        try:
            ok = file_blake3(path) == record.blake3
        except OSError:
            ok = False
        if ok:
            intact.append(record)
        else:
            report.add(
                CHECK,
                "not re-derived: the raw file is missing or its bytes do not hash to its name",
                table="raw_files",
                key=record.blake3,
            )
    return intact


def _shard_values(records: list[RawFile]) -> set[str]:
    """The shard-column values of the records' rows: their BLAKE3s and their ``doc_id``s."""
    return {r.blake3 for r in records} | {r.blake3[:16] for r in records}


def _part_size(project: Project, resources: dict[str, Any], documents: int) -> int:
    """The part size that splits the scratch tables as the published ones are split."""
    manifest = shards.read_manifest(project.data_dir)
    if manifest is not None:
        return manifest.part_size
    listed = [len(r["path"]) for r in resources.values() if isinstance(r["path"], list)]
    return max(1, -(-documents // listed[0])) if listed else WHOLE


class _scratch:
    """A scratch project with the ``records``' raw files, index and a copy of the registry."""

    def __init__(self, project: Project, records: list[RawFile]) -> None:
        self.project, self.records = project, records

    def __enter__(self) -> Project:
        self.root = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=self.project.base))
        scratch = Project(self.root)
        scratch.raw_dir.mkdir(parents=True)
        scratch.data_dir.mkdir()
        shutil.copytree(self.project.registry_dir, scratch.registry_dir)
        if self.project.identity_path.is_file():  # the corpus's name, title, licence, ...
            shutil.copyfile(self.project.identity_path, scratch.identity_path)
        for record in self.records:
            source, target = (
                raw_path(d, record.blake3) for d in (self.project.raw_dir, scratch.raw_dir)
            )
            target.parent.mkdir(exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        write_index(scratch.raw_dir, self.records)
        return scratch

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


# --- comparing ------------------------------------------------------------------------------


def _rows(data_dir: Path, files: list[Part]) -> Iterator[dict[str, str]]:
    """The rows of ``files`` as CSV text (every cell a string, as written)."""
    for part in files:
        with (data_dir / part.path).open(newline="", encoding="utf-8") as f:
            yield from csv.DictReader(f)


def _compare_table(
    report: Report,
    published: dict[str, Any],
    derived: dict[str, Any],
    published_dir: Path,
    derived_dir: Path,
    wanted: set[str] | None,
) -> None:
    """Every row of a table, published against re-derived; ``wanted``: the shard-column values
    of the sampled documents (None: every row)."""
    name = published["name"]
    mine, theirs = parts(published), parts(derived)
    if wanted is None and [p.path for p in mine] == [p.path for p in theirs]:
        pairs = [([a], [b]) for a, b in zip(mine, theirs, strict=True)]
    else:
        if wanted is not None and len(mine) > 1:  # only the parts that hold the sample's rows
            mine = [p for p in mine if any(v.startswith(Path(p.path).stem) for v in wanted)]
        pairs = [(mine, theirs)]
    column = shard_column(published)
    key = published["schema"].get("primaryKey") or [
        f["name"] for f in published["schema"]["fields"]
    ]
    for ours, fresh in pairs:
        try:
            rows = _rows(published_dir, ours)
            expected = list(
                rows if wanted is None else (r for r in rows if r.get(column) in wanted)
            )
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            report.add(CHECK, f"cannot read the published table: {e}", table=name)
            continue
        found = list(_rows(derived_dir, fresh))
        report.count("rows re-derived", len(found))
        _compare_rows(report, name, key, expected, found)


def _compare_rows(
    report: Report,
    name: str,
    key: list[str],
    expected: list[dict[str, str]],
    found: list[dict[str, str]],
) -> None:
    def keyed(rows: list[dict[str, str]], side: str) -> dict[str, dict[str, str]]:
        by_key: dict[str, dict[str, str]] = {}
        for row in rows:
            k = "/".join(str(row.get(c)) for c in key)
            if k in by_key:
                report.add(CHECK, f"a row {side} twice", table=name, key=k)
            by_key[k] = row
        return by_key

    ours, fresh = keyed(expected, "published"), keyed(found, "re-derived")
    wrong = len(report.problems)
    for k, row in ours.items():
        other = fresh.get(k)
        if other is None:
            report.add(
                CHECK,
                "a published row the raw bytes do not give (added, or its key edited?)",
                table=name,
                key=k,
                expected="the row",
                found="none",
            )
            continue
        for column in row.keys() | other.keys():
            if row.get(column) != other.get(column):
                report.add(
                    CHECK,
                    "the published cell is not what the raw bytes give",
                    table=name,
                    key=k,
                    column=str(column),
                    expected=str(row.get(column)),
                    found=str(other.get(column)),
                )
    for k in fresh.keys() - ours.keys():
        report.add(
            CHECK,
            "a row the raw bytes give is not published (deleted, or its key edited?)",
            table=name,
            key=k,
            expected="none",
            found="the row",
        )
    if len(report.problems) == wrong and list(ours) != list(fresh):
        at = next(i for i, (a, b) in enumerate(zip(ours, fresh, strict=True)) if a != b)
        report.add(
            CHECK,
            "the rows are not in the order the build writes them",
            table=name,
            key=list(ours)[at],
            expected=list(ours)[at],
            found=list(fresh)[at],
        )


def _compare_file(report: Report, name: str, published_dir: Path, derived_dir: Path) -> None:
    """A published file, byte for byte against the re-derived one (the first differing line)."""
    try:
        ours = (published_dir / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        report.add(CHECK, f"cannot read the published {name}: {e}", table=name)
        return
    fresh = (derived_dir / name).read_text(encoding="utf-8")
    if ours == fresh:
        return
    a, b = ours.splitlines(), fresh.splitlines()
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    report.add(
        CHECK,
        f"{name} is not the file the build writes (first difference on line {at + 1})",
        table=name,
        key=f"line {at + 1}",
        expected=a[at] if at < len(a) else "",
        found=b[at] if at < len(b) else "",
    )


def _compare_descriptor(report: Report, published: dict[str, Any], derived: dict[str, Any]) -> None:
    """The descriptor but for its files' paths and digests: package fields, schemas, build."""

    def bare(desc: dict[str, Any]) -> dict[str, Any]:
        resources = [{k: v for k, v in r.items() if k not in DIGESTS} for r in desc["resources"]]
        return {**desc, "resources": resources}

    ours, fresh = bare(published), bare(derived)
    for field in sorted(ours.keys() | fresh.keys()):
        if field == "resources":
            pairs = [
                (r["name"], r, next((d for d in fresh[field] if d["name"] == r["name"]), None))
                for r in ours[field]
            ]
        else:
            pairs = [(field, ours.get(field), fresh.get(field))]
        for where, a, b in pairs:
            if a != b:
                report.add(
                    CHECK,
                    f"{DESCRIPTOR} is not the descriptor the build writes",
                    table=DESCRIPTOR,
                    key=where,
                    expected=_short(a),
                    found=_short(b),
                )


def _short(value: Any, limit: int = 200) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[:limit] + "…"
