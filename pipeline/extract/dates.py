"""Dates as pages print them, read into ISO 8601 no more precise than the print.

"09/21/2023" or "2016.12.01" is a day; "September 20, 2023 at 3:17 pm" is a minute,
"2023-09-20T15:17".
No timezone is ever added; an ISO timestamp that carries an offset keeps its local time
and the offset is left out (published dates are compared as printed). A numeric date
whose day and month could be swapped ("03/04/2023") is read month-first for slashes and
day-first for dots and dashes, and the method says it was a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PRECISIONS = {4: "year", 7: "month", 10: "day", 16: "minute", 19: "second"}
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?")

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAME = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH = rf"(?P<month>(?:{_MONTH_NAME})\.?)"
# The only words without a digit that a printed date contains ("of", "at 3 p.m.").
DATE_WORDS = rf"{_MONTH_NAME}|of|at|[ap]m?|m"
_TIME = r"(?P<{0}>(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)(?:\s*(?P<{0}_ampm>[ap]\.?m\b\.?))?"
_TAIL = rf"(?:(?:\s*,)?\s+(?:at\s+|-\s+|–\s+)?{_TIME.format('tail')})?"
_HEAD = rf"(?:{_TIME.format('head')}\s*(?:,|-|–)?\s+)?"

_PATTERNS = (
    (
        "month-day-year",
        rf"{_HEAD}\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b{_TAIL}",
    ),
    (
        "day-month-year",
        rf"{_HEAD}\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b{_TAIL}",
    ),
    (
        "iso",
        r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<tail>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])",
    ),
    (
        "numeric-ymd",
        r"(?<![\w./-])(?P<year>\d{4})(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./])",
    ),
    (
        "numeric",
        rf"{_HEAD}(?<![\d./-])(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})\b{_TAIL}",
    ),
)
_COMPILED = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in _PATTERNS)
_YEAR = re.compile(r"\d{4}")  # every pattern needs one: most lines have none and are done

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\bon\s+(?P<day>" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class DateMatch:
    """A printed date: its span in the text, its ISO reading and how it was read."""

    start: int
    end: int
    iso: str
    method: str

    @property
    def precision(self) -> str:
        return precision(self.iso)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.iso[:10])


@dataclass(frozen=True)
class WeekdayPhrase:
    """ "on Friday": a day named by its weekday only (0 is Monday)."""

    start: int
    end: int
    weekday: int


def precision(iso: str) -> str:
    """How precise an ISO 8601 date or date-time is: year, month, day, minute or second."""
    if not _ISO.fullmatch(iso):
        raise ValueError(f"not an ISO 8601 date of a known precision: {iso!r}")
    return PRECISIONS[len(iso)]


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every complete (day, month, year) date printed in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    if _YEAR.search(text, start, stop) is None:
        return found
    for name, pattern in _COMPILED:
        for m in pattern.finditer(text, start, stop):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            read = _read(name, m)
            if read is not None:
                found.append(DateMatch(m.start(), m.end(), *read))
    return sorted(found, key=lambda d: d.start)


def find_weekdays(text: str, start: int = 0, end: int | None = None) -> list[WeekdayPhrase]:
    """Every "on <Weekday>" phrase in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    return [
        WeekdayPhrase(m.start(), m.end(), WEEKDAYS.index(m["day"]))
        for m in _WEEKDAY.finditer(text, start, stop)
    ]


def _read(name: str, m: re.Match[str]) -> tuple[str, str] | None:
    """The ISO reading and method of a pattern match, or ``None`` if it is no real date."""
    groups = m.groupdict()
    method = f"date:{name}"
    if name == "numeric":
        a, b = int(m["a"]), int(m["b"])
        month_first = m["sep"] == "/"
        if a > 12 or b > 12:
            month_first = b > 12
        elif a != b:
            method += "-ambiguous"
        month, day = (a, b) if month_first else (b, a)
    elif name in ("iso", "numeric-ymd"):
        month, day = int(m["month"]), int(m["day"])
    else:
        month, day = _MONTHS[m["month"][:3].lower()], int(m["day"])
    year = int(m["year"])
    if not 1900 <= year <= 2100:
        return None
    try:
        iso = date(year, month, day).isoformat()
    except ValueError:
        return None
    clock = groups.get("tail") or groups.get("head")
    if clock:
        ampm = groups.get("tail_ampm") if groups.get("tail") else groups.get("head_ampm")
        time = _clock(clock, ampm)
        if time is None:
            return None
        iso = f"{iso}T{time}"
    return iso, method


def _clock(clock: str, ampm: str | None) -> str | None:
    """``"3:17", "pm"`` -> ``"15:17"``; seconds kept when printed; ``None`` if impossible."""
    parts = [int(p) for p in clock.split(":")]
    hour = parts[0]
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    return ":".join(f"{p:02d}" for p in [hour, *parts[1:]])
