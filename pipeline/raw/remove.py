"""``corpus remove``: withdraw captures from the corpus, on the record.

A withdrawn capture leaves the store's index, so no build publishes it again, and its index
record is appended to ``raw/withdrawn.csv`` with the time and the reason given. Its bytes
stay in the store, read-only: the store never changes a file, and a release that published
the capture can still be checked. The next build drops the capture's rows and names the
withdrawal in ``datapackage.json`` (``build.inputs.withdrawn``), from which ``corpus export
prov`` says what was withdrawn and when; ``verify`` re-hashes withdrawn bytes, and
``ingest`` refuses them.

All or nothing, like ingest: a capture that is neither stored nor withdrawn already is a
problem, and then nothing changes. The withdrawal is written before the index loses the
record, so a removal that was killed half-way is finished by running it again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from datetime import datetime
from pathlib import Path

from corpus.report import Report
from corpus.store import WITHDRAWN_COLUMNS, WITHDRAWN_NAME, Withdrawal, blake3_hex, iter_withdrawn
from pipeline.project import Project
from pipeline.publish.atomic import repair
from pipeline.raw.index import delete, scan
from pipeline.raw.ingest import timestamp

BLAKE3 = re.compile(r"[0-9a-f]{64}")


@dataclass
class RemoveResult:
    removed: list[Withdrawal] = field(default_factory=list)
    already: list[Withdrawal] = field(default_factory=list)  # withdrawn before
    report: Report = field(default_factory=lambda: Report("remove"))


def remove(
    project: Project, captures: Iterable[str], reason: str = "", now: datetime | None = None
) -> RemoveResult:
    """Withdraw ``captures`` (each a BLAKE3 or the path of a file with the same bytes)."""
    result = RemoveResult()
    stamp = timestamp(now)
    reason = " ".join(reason.split())
    with project.lock():
        repair(project)
        index = scan(project.raw_dir)
        withdrawn = {w.raw.blake3: w for w in iter_withdrawn(project.raw_dir)}
        unlisted: dict[str, Withdrawal] = {}  # stored captures to withdraw
        for capture in captures:
            b3 = _blake3(result.report, capture)
            if b3 is None:
                continue
            record = index.find(b3)[1]
            if b3 in withdrawn:  # before, perhaps by a removal killed before the index
                result.already.append(withdrawn[b3])
            elif record is not None:
                unlisted.setdefault(b3, Withdrawal(record, stamp, reason))
            else:
                result.report.add("remove", f"{capture}: not in the raw store ({b3})")
        if not result.report.ok:
            return result
        result.removed = [unlisted[b3] for b3 in sorted(unlisted)]
        if result.removed:
            _append(project.raw_dir / WITHDRAWN_NAME, result.removed)
        delete(index, [*unlisted, *(w.raw.blake3 for w in result.already)])
    return result


def _blake3(report: Report, capture: str) -> str | None:
    """The BLAKE3 a capture argument names: itself, or that of the file at that path."""
    if BLAKE3.fullmatch(capture):
        return capture
    path = Path(capture)
    try:
        return blake3_hex(path.read_bytes())
    except OSError as e:
        report.add(
            "remove",
            f"{capture}: neither a BLAKE3 (64 hex digits) nor a readable file ({e.strerror})",
        )
        return None


def _append(path: Path, withdrawals: list[Withdrawal]) -> None:
    """Add ``withdrawals`` to the file at ``path`` atomically (a copy, then a rename)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    if not path.exists():
        writer.writerow(WITHDRAWN_COLUMNS)
    for w in withdrawals:
        writer.writerow([*astuple(w.raw), w.withdrawn_at, w.reason])
    old = path.read_bytes() if path.exists() else b""
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(old + text.getvalue().encode("utf-8"))
    tmp.replace(path)
