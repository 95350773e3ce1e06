"""Datasette plugin of the corpus: a table's search box stays fast however many rows match.

Datasette's table view counts every match of ``?_search=``, facets them and sorts them all to
show a page: at a million documents a common word takes seconds, past Datasette's time limit.
Here a search is first counted up to :data:`~pipeline.site.serve.SEARCH_CAP` matches, as the search
page counts. Up to the cap, Datasette's own search runs untouched. Past it, the request is a
*broad* search: ``_search`` becomes ``_broad_search``, with ``_nocount`` and ``_nofacet`` (set
to ``broad``, so that a new search from the page's form drops them), the page says the
matches are too many to count or facet, and the rows come from the cheapest of three plans:

- another filter, or an order no index gives: Datasette's own ``rowid in (every match)``,
  which fetches every match and sorts them;
- otherwise walk the table in the page's order (an index on the sort column, then the
  primary key), which stops once the page is full, and test each row against every match,
  held in memory (``+rowid in (every match)``); up to :data:`LISTED` matches (estimated)
  only where a bounded walk from where the page starts fills it, else Datasette's plan;
- matches so dense that holding them costs more than testing rows against the full-text
  index until the page is full: test against the index instead (``exists``).

Words cluster in time, so a walk is first tried from where the page starts, for at most
three times the rows evenly spread matches would need (and :data:`WALK_BUDGET`), before the
page is made of it.

Links, sorting and the next page keep ``_broad_search``; the rows and their order are
Datasette's, only the count and the facets are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_fts, escape_sqlite, urlsafe_components

from pipeline.site.metadata import DATABASE
from pipeline.site.serve import SEARCH_CAP

BROAD = "_broad_search"
MARK = "broad"  # the value of the _nocount and _nofacet this plugin adds
# Measured at 100k and 1M documents (docs/performance.md): Datasette's plan fetches and sorts
# every match (about 3 µs each), so up to LISTED of them it is the fallback of a walk that
# did not fill the page; past that, the index is walked in the page's order and each row
# tested, either against every match held in memory (about 0.12 µs a match to hold, 0.2 µs a
# row to test) or against the full-text index, about PROBE_COST times dearer a row. A walk
# tried before the page is made of it gives up after WALK_BUDGET rows.
LISTED = 5000
PROBE_COST = 40
WALK_BUDGET = 4000


class Matches(NamedTuple):
    """The first matches of a search, in rowid order, and what they tell of the rest."""

    first: list[int]  # up to SEARCH_CAP + 1 rowids
    last_rowid: int  # the table's largest rowid

    @property
    def broad(self) -> bool:
        return len(self.first) > SEARCH_CAP

    @property
    def density(self) -> float:
        """The share of rows that match, estimated from the rowids of the first matches (rows
        are stored in BLAKE3 order, which has nothing to do with their words)."""
        return len(self.first) / self.first[-1] if self.first else 0.0

    @property
    def estimated(self) -> float:
        """How many rows match, about."""
        return self.density * self.last_rowid

    def budget(self, page_size: int) -> int:
        """How many rows a walk may test: three times what evenly spread matches need."""
        return min(WALK_BUDGET, int(3 * (page_size + 1) / self.density))

    def near(self, page_size: int) -> bool:
        """Whether evenly spread matches fill a page within :data:`WALK_BUDGET` rows."""
        return (page_size + 1) <= self.density * WALK_BUDGET

    def dense(self, page_size: int) -> bool:
        """Whether testing rows against the full-text index until the page is full costs less
        than holding every match (if matches are spread evenly: see _walk_fills_the_page)."""
        probes = (page_size + 1) / self.density if self.density else float("inf")
        return probes * PROBE_COST < self.estimated


async def matches(db: Any, table: str, fts: str, search: str) -> Matches:
    """The first ``SEARCH_CAP + 1`` matches of ``search`` (words as typed, as the box takes
    them), and the table's largest rowid."""
    first = await db.execute(
        f"select rowid from {escape_sqlite(fts)} where {escape_sqlite(fts)} match ? "
        "order by rowid limit ?",
        (escape_fts(search), SEARCH_CAP + 1),
    )
    last = await db.execute(f"select max(rowid) from {escape_sqlite(table)}")
    return Matches([row[0] for row in first], last.single_value() or 0)


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def broad_searches(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") == "GET":
                scope = await _rewritten(datasette, _without_nul(scope))
            await app(scope, receive, send)

        return broad_searches

    return wrap


_TABLE_PAGE = re.compile(rf"/{DATABASE}/(?P<table>[^/.]+)(?:\.json)?")


async def _rewritten(datasette: Any, scope: dict[str, Any]) -> dict[str, Any]:
    """``scope`` with a broad search's arguments, for the HTML or JSON page of a table that has
    full-text search; otherwise as it is."""
    base = datasette.urls.path("/").rstrip("/")
    page = _TABLE_PAGE.fullmatch(scope["path"].removeprefix(base))
    fts = page and datasette.table_metadata(DATABASE, page["table"]).get("fts_table")
    if not page or not fts:
        return scope
    args = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
    ours = {("_nocount", MARK), ("_nofacet", MARK)}
    kept = [(k, v) for k, v in args if (k, v) not in ours and k != BROAD]
    searches = [v for k, v in kept if k == "_search"]
    broad = [v for k, v in args if k == BROAD]
    if searches:  # a search typed (again): broad or not, whatever the last one was
        plain = (
            len(searches) > 1
            or not escape_fts(searches[0]).strip()  # nothing to match: Datasette says so (400)
            or "_searchmode" in dict(kept)
        )
        db = datasette.get_database(DATABASE)
        if plain or not (await matches(db, page["table"], fts, searches[0])).broad:
            return scope if kept == args else _with(scope, kept)
        kept = [(BROAD if k == "_search" else k, v) for k, v in kept]
    elif broad:  # a link of a broad search's page
        kept.append((BROAD, broad[0]))
    else:
        return scope if kept == args else _with(scope, kept)
    return _with(scope, [*kept, ("_nocount", MARK), ("_nofacet", MARK)])


def _without_nul(scope: dict[str, Any]) -> dict[str, Any]:
    """``scope`` with each NUL character of its arguments made a space: SQLite's full-text
    query parser stops at one ("unterminated string"), and no search means one."""
    query = scope.get("query_string", b"")
    if b"%00" not in query and b"\0" not in query:
        return scope
    args = parse_qsl(query.decode(), keep_blank_values=True)
    return _with(scope, [(k, v.replace("\0", " ")) for k, v in args])


def _with(scope: dict[str, Any], args: list[tuple[str, str]]) -> dict[str, Any]:
    return {**scope, "query_string": urlencode(args).encode()}


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    search = request.args.get(BROAD)
    fts = datasette.table_metadata(database, table).get("fts_table")
    if database != DATABASE or not fts or search is None:
        return None

    async def broad() -> FilterArguments:
        db = datasette.get_database(database)
        found = await matches(db, table, fts, search)
        size = request.args.get("_size", "")
        page_size = int(size) if size.isdigit() else datasette.setting("default_page_size")
        filtered = "_where" in request.args or any(
            not k.startswith("_") or "__" in k for k in request.args
        )  # other conditions: how many rows a walk would meet that pass them is unknown
        order = None if filtered else await _index_order(db, table, request, datasette)
        every = _every(fts, "escape_fts(:broad)")
        many = found.estimated > LISTED

        async def walk(test: Callable[[str, str, str], str]) -> bool:
            assert order is not None
            token, budget = request.args.get("_next"), found.budget(page_size)
            return await _walk_fills_the_page(
                db, order, test, fts, search, token, page_size + 1, budget
            )

        if order is not None and many and found.dense(page_size) and await walk(_tested):
            where = _tested(fts, "escape_fts(:broad)", escape_sqlite(table))
        elif order is not None and (many or (found.near(page_size) and await walk(_held))):
            where = f"+rowid in {every}"  # the unary +: SQLite walks the order's index
        else:
            where = f"rowid in {every}"  # Datasette's: each match fetched, all sorted
        return FilterArguments(
            [where],
            {"broad": search},
            [
                f'search matches "{search}": more than {SEARCH_CAP:,} rows, too many to count '
                "or facet (add words to narrow the search)"
            ],
            {"search": search},
        )

    return broad


class Order(NamedTuple):
    """A page's order, as an index gives it: a column (up or down), then the primary key."""

    table: str
    column: str
    desc: bool
    keys: list[str]

    def sql(self) -> str:
        rest = [k for k in self.keys if k != self.column]
        first = f"{escape_sqlite(self.column)}{' desc' if self.desc else ''}"
        return ", ".join([first, *map(escape_sqlite, rest)])


async def _index_order(db: Any, table: str, request: Any, datasette: Any) -> Order | None:
    """The page's order if an index gives it: the sort column (or the primary key), then the
    primary key, Datasette's tie-breaker and what it pages by; ``None`` if no index does."""
    args, meta = request.args, datasette.table_metadata(DATABASE, table)
    keys = await db.primary_keys(table)
    if column := args.get("_sort") or args.get("_sort_desc"):
        desc = not args.get("_sort")
    elif column := meta.get("sort") or meta.get("sort_desc"):
        desc = "sort" not in meta
    elif keys:
        column, desc = keys[0], False
    else:
        return None
    order = Order(table, column, desc, keys)
    wanted = [(column, desc), *((k, False) for k in keys if k != column)]
    found = await db.execute(
        "select i.name, c.name, c.desc from pragma_index_list(?) as i "
        "join pragma_index_xinfo(i.name) as c where c.key order by i.name, c.seqno",
        (table,),
    )
    indexes: dict[str, list[tuple[str, bool]]] = {}
    for index, name, is_desc in found.rows:
        indexes.setdefault(index, []).append((name, bool(is_desc)))
    backwards = [(c, not d) for c, d in wanted]  # an index read from its end
    ok = any(cols[: len(wanted)] in (wanted, backwards) for cols in indexes.values())
    return order if ok else None


async def _walk_fills_the_page(
    db: Any,
    order: Order,
    test: Callable[[str, str, str], str],
    fts: str,
    search: str,
    token: str | None,
    need: int,
    budget: int = WALK_BUDGET,
) -> bool:
    """Whether walking the page's order from where the page starts (``token``, Datasette's
    ``_next``) meets ``need`` matches within ``budget`` rows, each row tested as ``test``
    (:func:`_tested` or :func:`_held`) writes it.

    The share of matching rows says how far a walk goes if matches are spread evenly along
    the order; words are not (a name in the news of one year is rare in the next), so the
    walk is tried, bounded, before the page's query is made of it.
    """
    start, params = "", {"q": escape_fts(search), "budget": budget, "need": need}
    if token:  # Datasette's _next: the last row's sort value (if sorted), then its key
        if token.split(",")[0] == "$null":
            return False
        start = f"where {escape_sqlite(order.column)} {'<=' if order.desc else '>='} :start"
        params["start"] = urlsafe_components(token)[0]
    found = await db.execute(
        f"select count(*) from (select 1 from ("
        f"select rowid from {escape_sqlite(order.table)} {start} order by {order.sql()} "
        f"limit :budget) as walked where {test(fts, ':q', 'walked')} limit :need)",
        params,
    )
    return bool(found.single_value() == need)


def _every(fts: str, terms: str) -> str:
    """SQL: the rowids of every match of ``terms`` (an SQL expression)."""
    f = escape_sqlite(fts)
    return f"(select rowid from {f} where {f} match {terms})"


def _held(fts: str, terms: str, row: str) -> str:
    """SQL: whether ``row`` is among the matches of ``terms``, all fetched once and held."""
    return f"{row}.rowid in {_every(fts, terms)}"


def _tested(fts: str, terms: str, row: str) -> str:
    """SQL: whether the full-text index matches ``terms`` (an SQL expression) at ``row``'s
    rowid, looked up by rowid in the index."""
    f = escape_sqlite(fts)
    return f"exists (select 1 from {f} where {f} match {terms} and {f}.rowid = {row}.rowid)"
