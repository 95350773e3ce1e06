"""Why a raw capture does not become a document: the limits a worker holds it to, and the
schema its rows must fit.

A capture becomes either a document (its rows in every per-document table) or one row of
``problems`` with a reason, never both and never a row that breaks its table's schema:

- ``too-large``: its text has more than :data:`MAX_CHARS` characters (the steps never see
  it), or the steps found more than :data:`MAX_ROWS` spans in it (no rows are made): the
  memory a worker needs stays bounded, about 150 bytes per character at worst.
- ``time-limit``: the steps and the row maker took more than :data:`CPU_SECONDS` of CPU
  time. Measured on the process's CPU clock, not the wall clock, so a busy machine does not
  turn a good capture into a problem. Enforced by a signal, so only where the document is
  processed on a process's main thread (this process, or a local pool's worker); a Dask
  worker's thread is checked between steps.
- ``error``: a step raised; the exception's type and message.
- ``empty-body``: the cleaner kept no text (``documents.text`` is required).
- ``invalid``: a value would break its table's schema (required, pattern, enum, minimum,
  minLength); the first such value is named. The columns of a chunk of documents are
  checked at once (:func:`suspects`), the rows of a document it flags one by one
  (:func:`invalid`).

A problem is cached like rows, under the same keys: a change to the steps retries it. A
``time-limit`` problem depends on the machine that met it, the one thing a build records
that is not a function of its inputs.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import FrameType
from typing import Any

import pyarrow as pa

from pipeline import schemas

MAX_CHARS = 5_000_000  # characters of text a worker takes (a 5 MB page: 750 MB at worst)
MAX_ROWS = 100_000  # rows of one document (articles make hundreds; a page of names, 500k)
CPU_SECONDS = 20.0  # CPU time a document's steps may take
TABLE = "problems"

Row = dict[str, Any]


class OverBudget(Exception):
    """The steps ran past their CPU time."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[Callable[[], None]]:
    """Raise :class:`OverBudget` in the block once it has used ``seconds`` of CPU time.

    Yields a check to call between steps, for where no signal can be delivered (a thread
    that is not the main one).
    """
    start = time.process_time()

    def check() -> None:
        if time.process_time() - start > seconds:
            raise OverBudget

    if threading.current_thread() is not threading.main_thread():
        yield check
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def problem(doc_id: str, raw_blake3: str, stage: str, reason: str, detail: str) -> Row:
    """A row of ``problems``; ``detail`` made one line of at most 500 characters."""
    line = " ".join(detail.split())
    return {
        "doc_id": doc_id,
        "raw_blake3": raw_blake3,
        "stage": stage,
        "reason": reason,
        "detail": line if len(line) <= 500 else f"{line[:499]}…",
    }


def suspects(name: str, data: pa.Table) -> list[int]:
    """The rows of ``data``, table ``name``'s columns as :func:`pipeline.publish.write.to_arrow`
    holds them (an empty optional value null), with a value that may break its schema: a
    column at a time, no Python per value. Every row :func:`invalid` refuses is among them,
    and maybe more (``\\d`` in a pattern is an ASCII digit here, as ``corpus validate``
    reads it, and any digit there), for it to confirm."""
    import pyarrow.compute as pc  # here: the worker that never needs it does not import it

    wrong = None
    for column, rule, arg in _rules(name):
        cells = data.column(column)
        text = pa.types.is_string(cells.type)
        missing = pc.is_null(cells)
        if text:
            missing = pc.or_(missing, pc.equal(cells, "").fill_null(True))
        if rule == "required":
            bad = missing
        else:
            if rule == "pattern":
                texts = cells if text else cells.cast(pa.string())
                breaks = pc.invert(pc.match_substring_regex(texts, f"^(?:{arg})$"))
            elif rule == "enum":
                breaks = pc.invert(pc.is_in(cells, value_set=pa.array(arg, cells.type)))
            elif rule == "minimum":
                breaks = pc.less(cells, arg)
            else:  # minLength
                breaks = pc.less(pc.utf8_length(cells), arg)
            bad = pc.and_(pc.invert(missing), breaks.fill_null(False))
        wrong = bad if wrong is None else pc.or_(wrong, bad)
    if wrong is None or not pc.any(wrong).as_py():
        return []
    return pc.indices_nonzero(wrong).to_pylist()


def invalid(made: dict[str, list[Row]]) -> str:
    """The first value of ``made`` (rows by table) that breaks its table's schema, said in
    one line; ``""`` when every value fits."""
    for name, rows in made.items():
        checks = _checks().get(name, ())
        for row in rows:
            for column, fits, rule in checks:
                value = row.get(column)
                if not fits(value):
                    return f"{name}.{column} = {_shown(value)} breaks {rule}"
    return ""


Check = tuple[str, Callable[[Any], bool], str]  # column, test, the rule as written
Rule = tuple[str, str, Any]  # column, constraint, its value


@cache
def _rules(name: str) -> tuple[Rule, ...]:
    """Table ``name``'s constraints that :func:`invalid` checks, in its order."""
    kinds = ("required", "pattern", "enum", "minimum", "minLength")
    found = []
    for f in schemas.table(name).fields:
        cons = f.get("constraints", {})
        found += [(f["name"], k, cons[k]) for k in kinds if k in cons and cons[k] is not False]
    return tuple(found)


@cache
def _checks() -> dict[str, tuple[Check, ...]]:
    """Each table's tests, one per constrained column and rule, as frictionless applies them
    (an empty cell is missing: only ``required`` looks at it)."""
    found: dict[str, tuple[Check, ...]] = {}
    for table in schemas.tables():
        checks: list[Check] = []
        for f in table.fields:
            name, cons = f["name"], f.get("constraints", {})
            if cons.get("required"):
                checks.append((name, _present, "required"))
            if "pattern" in cons:
                test = _matches(re.compile(cons["pattern"]))
                checks.append((name, _missing_or(test), f"pattern {cons['pattern']}"))
            if "enum" in cons:
                allowed = frozenset(cons["enum"])
                checks.append((name, _missing_or(allowed.__contains__), f"enum {cons['enum']}"))
            if "minimum" in cons:
                test = _at_least(cons["minimum"])
                checks.append((name, _missing_or(test), f"minimum {cons['minimum']}"))
            if "minLength" in cons:
                test = _longer(cons["minLength"])
                checks.append((name, _missing_or(test), f"minLength {cons['minLength']}"))
        found[table.name] = tuple(checks)
    return found


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: bool(pattern.fullmatch(str(value)))


def _at_least(low: float) -> Callable[[Any], bool]:
    return lambda value: bool(value >= low)


def _longer(n: int) -> Callable[[Any], bool]:
    return lambda value: len(value) >= n


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _missing_or(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: not _present(value) or test(value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"
