"""Dates as pages print them, read into ISO 8601 no more precise than the print.

"09/21/2023", "31.10.23" or "2016.12.01" is a day; "September 20, 2023 at 3:17 pm" is a minute,
"2023-09-20T15:17".
No timezone is ever added; an ISO timestamp that carries an offset keeps its local time
and the offset is left out (published dates are compared as printed). A numeric date
whose day and month could be swapped ("03/04/2023") is read month-first for slashes and
day-first for dots and dashes, and the method says it was a guess, unless the caller knows
the order (:func:`slash_order`: the page's other dates, or the outlet's country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRECISIONS = {4: "year", 7: "month", 10: "day", 16: "minute", 19: "second"}
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?")

# Month names by language, January first; a name is matched whole, in any case.
_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "jan january",
        "feb february",
        "mar march",
        "apr april",
        "may",
        "jun june",
        "jul july",
        "aug august",
        "sep sept september",
        "oct october",
        "nov november",
        "dec december",
    ),
    "de": (
        "januar jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober okt",
        "november",
        "dezember dez",
    ),
    "fr": (
        "janvier janv",
        "février févr",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre déc",
    ),
    "es": (
        "enero ene",
        "febrero",
        "marzo",
        "abril abr",
        "mayo",
        "junio",
        "julio",
        "agosto ago",
        "septiembre setiembre",
        "octubre",
        "noviembre",
        "diciembre dic",
    ),
    "it": (
        "gennaio gen",
        "febbraio",
        "marzo",
        "aprile",
        "maggio mag",
        "giugno giu",
        "luglio lug",
        "agosto",
        "settembre set",
        "ottobre ott",
        "novembre",
        "dicembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro fev",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro out",
        "novembro",
        "dezembro",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "da-no": (  # Danish and Norwegian
        "januar",
        "februar",
        "marts mars",
        "april",
        "maj mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december desember",
    ),
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "pl": (  # the genitive, as a date prints it ("3 lutego 2021")
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ),
    "cs": (  # the genitive ("24. dubna 2025")
        "ledna",
        "února",
        "března",
        "dubna",
        "května",
        "června",
        "července",
        "srpna",
        "září",
        "října",
        "listopadu",
        "prosince",
    ),
    "tr": (
        "ocak",
        "şubat",
        "mart",
        "nisan",
        "mayıs",
        "haziran",
        "temmuz",
        "ağustos",
        "eylül",
        "ekim",
        "kasım",
        "aralık",
    ),
    "id-ms": (  # Indonesian and Malay
        "januari",
        "februari",
        "maret mac",
        "april",
        "mei",
        "juni jun",
        "juli julai",
        "agustus ogos",
        "september",
        "oktober",
        "november",
        "desember disember",
    ),
    "uk": (
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ),
    "ru": (
        "января январь янв",
        "февраля февраль фев",
        "марта март мар",
        "апреля апрель апр",
        "мая май",
        "июня июнь июн",
        "июля июль июл",
        "августа август авг",
        "сентября сентябрь сен",
        "октября октябрь окт",
        "ноября ноябрь ноя",
        "декабря декабрь дек",
    ),
    "ar": (
        "يناير كانون_الثاني",
        "فبراير شباط",
        "مارس آذار",
        "أبريل ابريل إبريل نيسان",
        "مايو أيار",
        "يونيو يونيه حزيران",
        "يوليو يوليه تموز",
        "أغسطس اغسطس آب",
        "سبتمبر أيلول",
        "أكتوبر اكتوبر تشرين_الأول",
        "نوفمبر تشرين_الثاني",
        "ديسمبر كانون_الأول",
    ),
    "fa": (
        "ژانویه",
        "فوریه",
        "مارس",
        "آوریل",
        "مه می",
        "ژوئن",
        "ژوئیه جولای",
        "اوت آگوست",
        "سپتامبر",
        "اکتبر",
        "نوامبر",
        "دسامبر",
    ),
}
# The months of the Solar Hijri calendar, in which Iranian pages print their dates.
_JALALI_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
_MONTHS = {
    name.replace("_", " "): month
    for names in _MONTH_NAMES.values()
    for month, words in enumerate(names, 1)
    for name in words.split()
}
_JALALI = {name: month for month, name in enumerate(_JALALI_NAMES, 1)}
_MONTH_NAME = "|".join(
    re.escape(name) for name in sorted({**_MONTHS, **_JALALI}, key=len, reverse=True)
).replace("\\ ", r"\s+")
_MONTH = rf"(?P<month>(?:{_MONTH_NAME})\.?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|-?го)?"
# The only words without a digit that a printed date contains ("of", "at 3 p.m.", "de").
DATE_WORDS = rf"{_MONTH_NAME}|of|at|[ap]m?|m|de|del|um|uhr|à|alle|om|г|года|в"
# A year ends at a non-digit, or where the renderer glued the next date ("201914. Juni") or
# a time ("Dec 20 201610:32 AM") on.
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}[./])|(?=\d{1,2}:[0-5]\d))"
_TIME = r"(?P<{0}>(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)(?:\s*(?P<{0}_ampm>[ap]\.?m\b\.?))?"
_TAIL = rf"(?:(?:\s*,)?\s+(?:at\s+|-\s+|–\s+)?{_TIME.format('tail')})?"
_HEAD = rf"(?:{_TIME.format('head')}\s*(?:,|-|–)?\s+)?"

_PATTERNS = (
    (
        "month-day-year",
        rf"{_HEAD}(?<![^\W\d_]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}}){_YEAR_END}{_TAIL}",
    ),
    (
        "day-month-year",
        rf"{_HEAD}(?<![\d.]){_DAY}\s*(?:(?:of|de)\s+)?{_MONTH}(?!\w)(?:,?\s+|\.)(?:de\s+)?"
        rf"(?P<year>\d{{4}}){_YEAR_END}(?:\s*(?:г\.|года|م|هـ|ش))?{_TAIL}",
    ),
    ("year-month-day", r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    (
        "iso",
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<tail>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])",
    ),
    (
        "numeric-ymd",
        r"(?<![\w./-])(?P<year>\d{4})(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./])",
    ),
    (
        "numeric",
        rf"{_HEAD}(?<![\d./-])(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})"
        rf"{_YEAR_END}{_TAIL}",
    ),
    (  # "31.10.23", "10/31/23": read as "numeric", a year of two digits; with points, day
        # and month of two digits each (not "3.10.12", a version number)
        "numeric-short-year",
        rf"{_HEAD}(?<![\w./-])(?=\d\d\.\d\d\.|\d{{1,2}}/)(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)"
        rf"(?P<year>\d{{2}})(?![\w%]|[./-]\d){_TAIL}",
    ),
)
_COMPILED = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in _PATTERNS)
DATE_REACH = 40  # a date that begins inside a byline's name ends this near after it
_TRAILING = re.compile(r"(?:\s|[,;|·•–—-]|<[^<>]*>)+$")
# A day and month without a year ("March 18 at 3:57 PM", "18. März", "8 января"): where a
# byline's name ends, and, in a line a page dates itself in, a day (:func:`find_yearless`).
_MONTH_DAY = re.compile(
    rf"(?<![^\W\d_])(?P<month_a>{_MONTH_NAME})\.?\s+(?P<day_a>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"|(?<![\d.])(?P<day_b>\d{{1,2}})\.?\s+(?P<month_b>{_MONTH_NAME})(?!\w)",
    re.IGNORECASE,
)
# Every pattern needs four digits in a row or a two-digit year ending a numeric date: most
# lines have neither and are done.
_YEAR = re.compile(r"\d{4}|\d[./]\d\d(?!\d)")
SHORT_YEAR_PIVOT = 70  # a two-digit year below this is in the 2000s, else in the 1900s

# Where a slash date is written month first; Canada writes both orders, so says nothing.
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH"})
MIXED_COUNTRIES = frozenset({"CA"})

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


def find_dates(
    text: str, start: int = 0, end: int | None = None, day_first: bool | None = None
) -> list[DateMatch]:
    """Every complete (day, month, year) date printed in ``text[start:end]``, in order.

    ``day_first`` reads a slash date whose day and month could be swapped in that order
    (method ``...-day-first`` or ``...-month-first``) instead of guessing month first."""
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    if _YEAR.search(text, start, stop) is None:
        return found
    for name, pattern in _COMPILED:
        for m in pattern.finditer(text, start, stop):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            read = _read(name, m, day_first)
            if read is not None:
                found.append(DateMatch(m.start(), m.end(), *read))
    return sorted(found, key=lambda d: d.start)


def parse_fallback(text: str, start: int = 0, end: int | None = None) -> DateMatch | None:
    """The first complete date in ``text[start:end]`` that dateparser reads, with its span.

    Slow (hundreds of languages, relative dates): only for a span where :func:`find_dates`
    finds nothing. A date needs a day, a month and a year, and the span is the phrase
    dateparser read; the reading is a day (``date:dateparser``).
    """
    from dateparser.search import search_dates  # imported late: it takes a second to load

    stop = len(text) if end is None else end
    window = text[start:stop]
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    found = search_dates(window, settings=settings) or []
    offset = 0
    for phrase, when in found:
        at = window.find(phrase, offset)
        if at < 0:
            continue
        offset = at + len(phrase)
        printed = [int(y) for y in re.findall(r"\d{4}", phrase)]
        if when.year in printed and 1900 <= when.year <= 2100:  # not a year it supplied
            return DateMatch(start + at, start + offset, when.date().isoformat(), "date:dateparser")
    return None


# A date printed relative to when the page was read: "vor 14 Minuten", "7 hours ago",
# "il y a 2 heures", "hace 3 días", "gestern", and a time alone ("Stand: 20:03 Uhr": today).
_UNITS = {
    "minutes": r"min(?:ute)?s?|minuten?|minutos?",
    "hours": r"h|hrs?|hours?|std|stunden?|heures?|horas?",
    "days": r"days?|tag(?:en?)?|jours?|días?|dias?",
}
_AMOUNT = r"(?P<n>\d{1,2}|an?|one|einer|einem|une?|una?)"
_UNIT = "|".join(f"(?P<{unit}>{words})" for unit, words in _UNITS.items())
_RELATIVE = re.compile(
    rf"(?<!\w)(?:(?P<cue>vor|il\s+y\s+a|hace|há)\s+)?{_AMOUNT}\s*(?:{_UNIT})(?!\w)"
    r"(?P<ago>\s+ago(?!\w)|(?=\s*(?:$|[|•·,])))?"
    r"|(?<!\w)(?P<yesterday>yesterday|gestern|hier|ayer|ontem)(?!\w)"
    r"|(?<!\w)(?P<today>today|heute|aujourd'hui|hoy|hoje)(?!\w)"
    r"|(?<!\w)stand:?\s*(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d)\s*uhr(?!\w)",
    re.IGNORECASE,
)


def find_relative(
    text: str, captured: str, start: int = 0, end: int | None = None
) -> DateMatch | None:
    """The first date in ``text[start:end]`` printed relative to ``captured`` (the ISO
    date-time the page was read), as its day: "vor 14 Minuten", "7 hours ago", hours alone
    ending a line or before a separator ("Kyle Wiggers 7 hours"), "gestern", "Stand: 20:03
    Uhr" (a time alone is today's); method ``date:relative-<unit>``. Only for a line a page
    prints its date on."""
    stop = len(text) if end is None else end
    when = datetime.fromisoformat(captured[:19])
    for m in _RELATIVE.finditer(text, start, stop):
        unit = next(u for u in (*_UNITS, "yesterday", "today", "clock") if m[u])
        if unit in _UNITS:
            said = m["cue"] or (m["ago"] or "").strip()  # "vor", "ago"
            alone = m["ago"] == "" and unit == "hours"  # not "Lesedauer: 4 Minuten"
            if not (said or alone):
                continue
            n = int(m["n"]) if m["n"].isdigit() else 1
            day = (when - timedelta(**{unit: n})).date()
        else:
            day = when.date() - timedelta(days=1 if unit == "yesterday" else 0)
        return DateMatch(m.start(), m.end(), day.isoformat(), f"date:relative-{unit}")
    return None


def find_yearless(
    text: str, captured: str, start: int = 0, end: int | None = None
) -> DateMatch | None:
    """The first day and month printed without a year in ``text[start:end]`` ("8 января,
    17:46", "March 18 at 3:57 PM"), as the last such day on or before ``captured`` (the
    ISO date-time the page was read): a page that leaves the year out means this year's;
    method ``date:yearless``. Only for a line a page prints its date on."""
    stop = len(text) if end is None else end
    read = date.fromisoformat(captured[:10])
    for m in _MONTH_DAY.finditer(text, start, stop):
        word = " ".join((m["month_a"] or m["month_b"]).casefold().split())
        month, day = _MONTHS.get(word), int(m["day_a"] or m["day_b"])
        for year in (read.year, read.year - 1):
            try:
                found = date(year, month, day) if month else None
            except ValueError:
                found = None
            if found and found <= read:
                return DateMatch(m.start(), m.end(), found.isoformat(), "date:yearless")
    return None


def find_weekdays(text: str, start: int = 0, end: int | None = None) -> list[WeekdayPhrase]:
    """Every "on <Weekday>" phrase in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    return [
        WeekdayPhrase(m.start(), m.end(), WEEKDAYS.index(m["day"]))
        for m in _WEEKDAY.finditer(text, start, stop)
    ]


def name_end(text: str, start: int, end: int) -> int:
    """Where a name at ``start:end`` ends if a printed date, or a day and month without
    a year, begins inside it ("By Joshua Sokol May 20, 2016" and "By Erin Cunningham
    March 18 at 3:57 PM" read up to the month): before the date, less the spaces,
    separators and tags between them; else ``end``."""
    reach = min(len(text), end + DATE_REACH)
    dates = [d.start for d in find_dates(text, start, reach)]
    dates += [m.start() for m in _MONTH_DAY.finditer(text, start, reach)]
    inside = [at for at in dates if start < at < end]
    if inside:
        return start + len(_TRAILING.sub("", text[start : min(inside)]))
    return end


def slash_order(text: str, country: str = "") -> bool | None:
    """Whether a page writes its slash dates day first (``True``), month first (``False``)
    or says nothing (``None``): by its slash dates that can be read one way only
    ("17/11/2019"), else by the order of its dates with a month name ("12 April 2020",
    "April 12, 2020"), else by the outlet's ``country``; ``None`` where these disagree."""
    slashed: set[bool] = set()
    for name, pattern in _COMPILED:
        if name in ("numeric", "numeric-short-year"):
            for m in pattern.finditer(text):
                a, b = int(m["a"]), int(m["b"])
                if m["sep"] == "/" and (a > 12) != (b > 12):
                    slashed.add(a > 12)
    named = {
        d.method == "date:day-month-year"
        for d in find_dates(text)
        if d.method in ("date:day-month-year", "date:month-day-year")
    }
    for votes in (slashed, named):
        if votes:
            return next(iter(votes)) if len(votes) == 1 else None
    if not country or country in MIXED_COUNTRIES:
        return None
    return country not in MONTH_FIRST_COUNTRIES


def _read(name: str, m: re.Match[str], day_first: bool | None = None) -> tuple[str, str] | None:
    """The ISO reading and method of a pattern match, or ``None`` if it is no real date."""
    groups = m.groupdict()
    method = f"date:{name}"
    year = int(m["year"])
    if name == "numeric-short-year":
        year += 2000 if year < SHORT_YEAR_PIVOT else 1900
    if name.startswith("numeric") and name != "numeric-ymd":
        a, b = int(m["a"]), int(m["b"])
        month_first = m["sep"] == "/"
        if a > 12 or b > 12:
            month_first = b > 12
        elif a != b and month_first and day_first is not None:
            month_first = not day_first
            method += "-day-first" if day_first else "-month-first"
        elif a != b:
            method += "-ambiguous"
        month, day = (a, b) if month_first else (b, a)
    elif name in ("iso", "numeric-ymd", "year-month-day"):
        month, day = int(m["month"]), int(m["day"])
    else:
        word = " ".join(m["month"].rstrip(".").casefold().split())
        month, day = _MONTHS.get(word, 0), int(m["day"])
        if word in _JALALI and 1300 <= int(m["year"]) <= 1500:
            return _from_jalali(int(m["year"]), _JALALI[word], day, method + "-jalali")
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


def _from_jalali(year: int, month: int, day: int, method: str) -> tuple[str, str] | None:
    """The Gregorian reading of a Solar Hijri date (Iran's calendar)."""
    if not 1 <= day <= (31 if month <= 6 else 30):
        return None
    return date.fromordinal(_jalali_days(year, month, day) + _JALALI_OFFSET).isoformat(), method


def _jalali_days(year: int, month: int, day: int) -> int:
    """Days from a fixed epoch to a Solar Hijri date, by the 33-year leap cycle (the
    arithmetic calendar, which agrees with Iran's astronomical one for 1343-1473 SH)."""
    y = year + 1595
    days = -355668 + 365 * y + (y // 33) * 8 + ((y % 33) + 3) // 4 + day
    return days + ((month - 1) * 31 if month < 7 else (month - 7) * 30 + 186)


# 1 Farvardin 1403 was 20 March 2024: what turns the day count into a Gregorian ordinal.
_JALALI_OFFSET = date(2024, 3, 20).toordinal() - _jalali_days(1403, 1, 1)
