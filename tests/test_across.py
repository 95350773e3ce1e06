"""Across outlets on the seeds: events, quotation lineage, who cites whom, their spans and
their pages; and the linking rules on small made-up inputs."""

from __future__ import annotations

import asyncio
import collections
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from datasketch import LeanMinHash, MinHash
from markupsafe import escape

import corpus
from pipeline import schemas
from pipeline.across import STATE, TABLES, families, windows
from pipeline.across.events import PERMUTATIONS, features, group_events
from pipeline.across.lineage import CROWD, WORD, Row, link_quotes, word_diff
from pipeline.build.run import build
from pipeline.project import Project
from pipeline.raw.ingest import ingest
from pipeline.raw.remove import remove
from pipeline.site.serve import datasette

TEHRAN = {"16525609ecab5cfa", "7e7b46fad7e27669", "bd821a96e65f20ca", "c1ab1fac7cb72964"}
ASTANA = {"e9e4ce28fef87d3b"}
MEM, IA = "c1ab1fac7cb72964", "bd821a96e65f20ca"


def test_the_seeds_tell_two_events(built: Project) -> None:
    c = corpus.at(built.root)
    events = {e["event_id"]: e for e in c.rows("events")}
    members: dict[str, set[str]] = {}
    for m in c.rows("document_events"):
        members.setdefault(m["event_id"], set()).add(m["doc"])
    assert sorted(map(frozenset, members.values()), key=len) == [ASTANA, TEHRAN]
    by_place = {e["place"]: e for e in events.values()}
    assert by_place["tehran"]["date"] == "2023-09-20"
    assert by_place["astana"]["date"] == "2024-04-26"
    imna = next(m for m in c.rows("document_events") if m["doc"] == "7e7b46fad7e27669")
    assert imna["date_source"] == "inferred"  # IMNA gives no date: the event's is inferred
    assert "sergei-shoigu" in imna["shared_people"]


def test_the_shoigu_quotation_links_two_outlets_with_its_shared_words(built: Project) -> None:
    c = corpus.at(built.root)
    links = {(r["quote_id"], r["other_quote_id"]): r for r in c.rows("quote_links")}
    shoigu = [r for r in links.values() if {r["doc"], r["other_doc"]} == {MEM, IA}]
    assert len(shoigu) == 2  # one row each way
    for r in shoigu:
        assert r["relation"] == "reworded"  # the second sentences differ
        assert r["text"].startswith("We are aimed at implementing the entire range")
        assert r["text"] == r["other_text"]
    families = {f["quote_id"]: f for f in c.rows("quote_families")}
    first, later = (families[r["quote_id"]] for r in sorted(shoigu, key=lambda r: r["doc"]))
    assert (first["doc"], first["position"], first["earliest"]) == (IA, 1, True)  # 11:31
    assert (later["doc"], later["position"], later["earliest"]) == (MEM, 2, False)  # 15:17
    assert first["family_id"] == later["family_id"] == first["quote_id"]


def test_the_citation_graph_names_the_agencies_and_the_ministry(built: Project) -> None:
    edges = {(e["outlet_id"], e["source"]) for e in corpus.at(built.root).rows("citation_edges")}
    assert {
        ("the-media-line", "isna"),
        ("middle-east-monitor", "anadolu-agency"),
        ("press-tv", "iran-defence-ministry"),
    } <= edges


def test_every_span_of_the_across_tables_is_the_raw_text(built: Project) -> None:
    c = corpus.at(built.root)
    raw = {d["doc_id"]: c.raw_text(d["raw_blake3"]) for d in c.rows("documents")}
    quote_doc = {q["quote_id"]: q["doc_id"] for q in c.rows("quotes")}
    checked = 0
    for name in TABLES:
        columns = schemas.table(name).columns
        for row in c.rows(name):
            for prefix, doc in (("", row.get("doc")), ("person_", row.get("doc"))):
                checked += _sliced(raw, doc, row, prefix, columns)
            if "other_start" in columns:
                checked += _sliced(raw, quote_doc[row["other_quote_id"]], row, "other_", columns)
    assert checked == 5 + 4 + 2 * 2 + 2  # places, shared people (Astana has none), links, families


def _sliced(raw: dict[str, str], doc: Any, row: dict[str, Any], prefix: str, cols: list) -> int:
    text = f"{prefix}text" if prefix else "text"
    if f"{prefix}start" not in cols or row[f"{prefix}start"] is None:
        return 0
    assert raw[doc][row[f"{prefix}start"] : row[f"{prefix}end"]] == row[text], (row, prefix)
    return 1


def _quote(qid: str, text: str, speaker: str = "x", start: int = 0) -> dict[str, Any]:
    return {
        "quote_id": qid,
        "doc_id": qid.split("-")[0],
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker_entity_id": speaker,
        "speaker_name": speaker,
    }


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("We will win this war together.", "we will WIN this war together", "identical"),
        ("win this war together", "We will win this war together, he said.", "trimmed"),
        ("We will win this war together, all of us.", "win this war together", "extended"),
        ("We will win this war. Then peace.", "We will win this war. Then talks.", "reworded"),
    ],
)
def test_a_quotation_is_identical_trimmed_extended_or_reworded(
    a: str, b: str, relation: str
) -> None:
    docs = {"a": {"published": "2024-01-01"}, "b": {"published": "2024-01-02"}}
    links, families = link_quotes(docs, [_quote("a-q0", a, start=10), _quote("b-q0", b)])
    assert links[0]["relation"] == relation
    assert [f["quote_id"] for f in families] == ["a-q0", "b-q0"]
    assert links[0]["start"] >= 10  # spans index the raw text, not the quotation


def test_quotations_of_other_speakers_or_few_shared_words_are_not_linked() -> None:
    docs = {"a": {}, "b": {}}
    same_words = [
        _quote("a-q0", "We will win this war"),
        _quote("b-q0", "We will win this war", "y"),
    ]
    assert link_quotes(docs, same_words) == ([], [])
    little = [_quote("a-q0", "We will win it and then rest a while"), _quote("b-q0", "We will go")]
    assert link_quotes(docs, little) == ([], [])


def test_the_word_diff_spells_the_later_wording() -> None:
    pieces = word_diff("We are aimed at peace. Sanctions fail.", "We are aimed at peace. We note.")
    assert "".join(t for op, t in pieces if op != "gone") == "We are aimed at peace. We note."
    assert ("gone", "Sanctions fail.") in pieces


def test_reports_days_apart_are_two_events_and_an_undated_one_joins_the_closest() -> None:
    text = "Shoigu met Ashtiani in Tehran on drones, sanctions and the Caspian flotilla"
    other = "Shoigu met Ashtiani in Astana at the summit of Kazakhstan's Eurasian bloc"
    docs = {
        "a": {"published": "2024-01-01", "text": text},
        "b": {"published": "2024-01-02T10:00", "text": text},
        "c": {"published": "2024-03-01", "text": other},
        "d": {"published": None, "text": text},
    }
    mentions = [
        {"doc_id": d, "entity_id": e, "type": t, "start": 0, "end": 1, "text": "x", "name": e}
        for d in "abcd"
        for e, t in (("shoigu", "person"), ("tehran", "place"))
    ]
    events, members = group_events(docs, mentions, ((k, v["text"]) for k, v in docs.items()))
    groups: dict[str, set[str]] = {}
    for m in members:
        groups.setdefault(m["event_id"], set()).add(m["doc"])
    assert sorted(map(sorted, groups.values())) == [["a", "b", "d"], ["c"]]
    assert {m["doc"]: m["date_source"] for m in members}["d"] == "inferred"
    assert {e["date"] for e in events} == {"2024-01-01", "2024-03-01"}


def test_windows_let_go_a_report_at_a_time_give_the_events_of_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Shoigu met Ashtiani in Tehran on drones, sanctions and the Caspian flotilla"
    other = "Shoigu met Ashtiani in Astana at the summit of Kazakhstan's Eurasian bloc"
    lone = "Lavrov opened a quantum kiosk in Novosibirsk"
    published = {
        "a": "2024-01-01",
        "b": "2024-01-02T10:00",
        "c": "2024-03-01",
        "e": "2023-12-31",
        "d": None,
        "f": None,
    }
    docs = {k: {"doc_id": k, "outlet_id": "o", "published": v} for k, v in published.items()}
    texts = {k: other if k == "c" else lone if k in "ef" else text for k in docs}
    mentions = [
        {"doc_id": d, "entity_id": e, "type": t, "start": 0, "end": 1, "text": "x", "name": e}
        for d in "abcd"
        for e, t in (("shoigu", "person"), ("tehran", "place"))
    ]
    feats = features(docs, mentions, texts.items())
    whole = group_events(docs, mentions, texts.items())

    def streamed(spill: int) -> tuple[list[Row], list[Row]]:
        monkeypatch.setattr(windows, "SPILL", spill)
        state = windows.State(tmp_path / str(spill), "key")
        windows.update(state, docs, lambda added: ({k: feats[k]} for k in sorted(added)))
        events, members = windows.tables(windows.State(tmp_path / str(spill), "key"))
        return list(events), list(members)

    assert streamed(0) == streamed(1 << 14) == whole
    assert [e["date"] for e in whole[0]] == ["2023-12-31", "2024-01-01", "2024-03-01", None]


def test_the_reports_minhashes_made_together_are_datasketchs_one_by_one() -> None:
    rng = random.Random(7)
    made_up = [["".join(rng.choices("qxzjkv", k=9)) for _ in range(n)] for n in range(0, 9000, 900)]
    texts = [(str(i), " ".join(ws)) for i, ws in enumerate(made_up)]  # 40,500 words: 3 batches
    feats = features({k: {} for k, _ in texts}, [], texts)
    for k, words in texts:
        one = MinHash(num_perm=PERMUTATIONS, seed=1)
        one.update_batch([w.encode() for w in set(words.split())])
        assert feats[k].hash == LeanMinHash(one), k
    assert len({feats[k].hash.hashvalues.tobytes() for k, _ in texts}) == len(texts)


def test_the_pages_across_outlets(built: Project) -> None:
    ds = datasette(built)
    c = corpus.at(built.root)
    tehran = next(e["event_id"] for e in c.rows("events") if e["place"] == "tehran")
    family = next(f["family_id"] for f in c.rows("quote_families"))

    async def get(path: str) -> tuple[int, str]:
        r = await ds.client.get(path)
        return r.status_code, r.text

    async def pages() -> dict[str, tuple[int, str]]:
        paths = ["/across", f"/event/{tehran}", f"/family/{family}", f"/document/{MEM}"]
        return {p: await get(p) for p in [*paths, "/event/nowhere", "/family/none-q0"]}

    async def canned() -> list[Any]:
        queries = [
            f"event_reports.json?event={tehran}",
            f"quotation_family.json?quote={family}",
            "who_cites_whom.json?outlet=press-tv",
        ]
        return [(await ds.client.get(f"/corpus/{q}&_shape=array")).json() for q in queries]

    got = asyncio.run(pages())
    across, event = got["/across"][1], got[f"/event/{tehran}"][1]
    assert "<svg" in across and "Anadolu Agency" in across and "Press TV" in across
    assert "Tehran, 2023-09-20" in event and "(date inferred from the event)" in event
    isna = next(e["name"] for e in c.rows("entities") if e["entity_id"] == "isna")
    assert str(escape(isna)) in event  # who the event's reports cite
    wordings = got[f"/family/{family}"][1]
    assert wordings.index("international-affairs") < wordings.index("middle-east-monitor")
    assert "<ins>" in wordings and "<del>" in wordings
    doc = got[f"/document/{MEM}"][1]
    assert "elsewhere" in doc and "International Affairs" in doc and "reworded" in doc
    assert got["/event/nowhere"][0] == got["/family/none-q0"][0] == 404
    reports, wordings, press_tv = asyncio.run(canned())
    assert {r["doc_id"] for r in reports} == TEHRAN
    assert [w["doc"] for w in wordings] == [IA, MEM]
    assert [(e["source"], e["citations"]) for e in press_tv] == [("iran-defence-ministry", 1)]


def test_an_incremental_build_links_as_a_full_build_touching_one_window(
    project: Project, tmp_path: Path
) -> None:
    state = project.cache_dir / STATE
    astana, tehran = state / "w-2024-W17.pkl", state / "w-2023-W38.pkl"
    kept, before = astana.stat().st_mtime_ns, tehran.stat().st_mtime_ns
    mem = next(d for d in corpus.at(project.root).rows("documents") if d["doc_id"] == MEM)
    changed = tmp_path / "mem.txt"
    text = corpus.at(project.root).raw_text(mem["raw_blake3"])
    changed.write_text(text + "\nShoigu met Bagheri in Tehran again.\n", encoding="utf-8")
    ingest(project, [changed])
    remove(project, [mem["raw_blake3"]], reason="a changed capture")
    build(project)  # incremental: the state of the earlier build is in the cache
    assert astana.stat().st_mtime_ns == kept  # a window with no changed report is kept
    assert tehran.stat().st_mtime_ns != before
    incremental = {t: (project.data_dir / f"{t}.csv").read_bytes() for t in TABLES}
    assert MEM.encode() not in incremental["document_events"]
    shutil.rmtree(state)
    build(project)  # the same documents, linked from an empty state
    assert {t: (project.data_dir / f"{t}.csv").read_bytes() for t in TABLES} == incremental


def _made_up_reports(rng: random.Random, n: int) -> tuple[dict[str, Row], list[Row]]:
    """``n`` reports of quotations made of a few shared phrases, one run (``we will not
    yield``) in about as many wordings as ``lineage.CROWD``: so that a change of reports makes
    that run crowded or not, and joins or splits components."""
    phrases = [" ".join(rng.choices("abcdefghij", k=4)) for _ in range(300)]
    docs, quotes = {}, []
    for i in range(n):
        doc = f"{rng.getrandbits(64):016x}"
        docs[doc] = {"outlet_id": f"o{i % 7}", "published": f"2024-01-{rng.randint(1, 28):02d}"}
        if rng.random() < 0.2:
            docs[doc]["published"] = None
        if quotes and rng.random() < 0.5:  # the quotations of another report, again
            copied = [q for q in quotes if q["doc_id"] == rng.choice(quotes)["doc_id"]]
            made = [(q["text"], q["speaker_name"] or "") for q in copied]
        else:
            made = []
            for k in range(rng.randint(0, 4)):
                words = rng.sample(phrases, rng.randint(1, 2))
                if rng.random() < 0.7:
                    words.insert(rng.randint(0, len(words)), f"we will not yield {i} {k}")
                made.append((". ".join(words), rng.choice(["Ann Lee", "Bo Lee", "Cy Ng Jr.", ""])))
        for k, (text, speaker) in enumerate(made):
            quotes.append(_quote(f"{doc}-q{k}", text, speaker))
            quotes[-1].update(doc_id=doc, speaker_name=speaker or None)
    return docs, quotes


def test_relinking_the_components_a_change_touches_gives_a_full_relinks_rows(
    tmp_path: Path,
) -> None:
    rng = random.Random(20)
    docs, quotes = _made_up_reports(rng, 160)
    state = families.State(tmp_path, "key")

    def of(wanted: set[str]) -> list[Row]:
        return [q for q in quotes if q["doc_id"] in wanted]

    now = dict(rng.sample(sorted(docs.items()), 100))
    crowded_runs, partial, leaves = set(), [], []
    for step in range(16):
        if step % 4 == 3:  # one report goes, and one comes
            now.pop(rng.choice(sorted(now)))
            now |= dict(rng.sample(sorted(docs.items()), 1))
        else:  # now and then a third of the reports go
            kept = 0.6 if step % 4 == 1 else 0.95
            now = {k: d for k, d in now.items() if rng.random() < kept}
            now |= dict(rng.sample(sorted(docs.items()), rng.randint(1, 30)))
        did = families.update(state, now, of)
        partial.append(did.quotes_linked < sum(q["doc_id"] in now for q in quotes))
        leaves.append(did.leaves)
        links, fams = link_quotes(now, of(set(now)))
        assert list(state.rows("quote_links")) == links, step
        assert list(state.rows("quote_families")) == fams, step
        words = [tuple(WORD.findall(q["text"].lower())) for q in of(set(now))]
        runs = (set(zip(w, w[1:], w[2:], strict=False)) for w in set(words))
        carried = collections.Counter(r for found in runs for r in found)
        crowded_runs.add(carried[("we", "will", "not")] > CROWD)
    assert crowded_runs == {True, False}  # the run was crowded at some steps, not at others
    assert any(partial)  # and some steps linked only part of the quotations
    assert set(leaves) == {True, False}  # some only a first's leaves (families' rule 4)


def test_a_run_becoming_crowded_or_not_relinks_every_quotation_carrying_it(
    tmp_path: Path,
) -> None:
    yields = [_quote(f"{i:02d}-q0", f"We will not yield x{i}", "Ann Lee") for i in range(52)]
    long = [  # share a crowded run and one other: linked only if the crowded run counts
        _quote("a0-q0", "we will not yield p q r s t u v w", "Ann Lee"),
        _quote("a1-q0", "we will not yield p k l m n o", "Ann Lee"),
    ]
    quotes = yields + long
    state = families.State(tmp_path, "key")

    def step(docs: set[str]) -> list[Row]:
        dated = {d: {"published": f"2024-01-{i % 28 + 1:02d}"} for i, d in enumerate(sorted(docs))}
        families.update(state, dated, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        links, fams = link_quotes(dated, [q for q in quotes if q["doc_id"] in docs])
        assert list(state.rows("quote_links")) == links
        assert list(state.rows("quote_families")) == fams
        return links

    fifty = {f"{i:02d}" for i in range(CROWD)}
    assert step(fifty)  # the run is carried by 50 wordings: they link
    assert not step(fifty | {"50"})  # by 51: it blocks nothing
    assert not step(fifty | {"50", "51", "a0", "a1"})  # the two are relinked alone
    assert step(fifty - {"00", "01"} | {"a0", "a1"})  # 50 again: they link


def test_a_report_carrying_a_wording_again_is_linked_to_its_first_alone(tmp_path: Path) -> None:
    text = "We will not yield to pressure from anyone now"
    dates = {"a": "2024-01-02", "b": "2024-01-03", "c": "2024-01-04", "e": "2024-01-01"}
    quotes = [_quote(f"{d}-q0", text, "Ann Lee") for d in dates]
    quotes.append(_quote("a-q1", "Peace talks will resume in the spring, the minister said"))
    state = families.State(tmp_path, "key")
    leaves = []

    def step(docs: str) -> list[str]:
        now = {d: {"published": dates[d]} for d in docs}
        did = families.update(state, now, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        leaves.append(did.leaves)
        links, fams = link_quotes(now, [q for q in quotes if q["doc_id"] in now])
        assert list(state.rows("quote_links")) == links
        assert list(state.rows("quote_families")) == fams
        return [f"{f['quote_id']}:{f['position']}" for f in fams]

    assert step("ab") == ["a-q0:1", "b-q0:2"]
    assert step("abc") == ["a-q0:1", "b-q0:2", "c-q0:3"]  # a leaf added
    assert step("ac") == ["a-q0:1", "c-q0:2"]  # and one removed
    assert step("a") == []  # the first alone: no family
    assert step("ab") == ["a-q0:1", "b-q0:2"]
    assert step("abe") == ["e-q0:1", "a-q0:2", "b-q0:3"]  # an earlier report: a new first
    assert leaves == [False, True, True, True, True, False]


def test_a_relink_stopped_midway_starts_again_from_an_empty_state(tmp_path: Path) -> None:
    text = "We will not yield to pressure from anyone now"
    quotes = [_quote(f"{d}-q0", text, "Ann Lee") for d in "abc"]
    dated = {d: {"published": f"2024-01-0{i + 1}"} for i, d in enumerate("abc")}
    families.update(
        families.State(tmp_path, "key"),
        {"a": dated["a"], "b": dated["b"]},
        of := (lambda ds: [q for q in quotes if q["doc_id"] in ds]),
    )

    calls = []

    def stops(ds: set[str]) -> list[Row]:  # the added report's quotations, then a failure
        calls.append(ds)
        if len(calls) > 1:
            raise OSError("the disk is full")
        return of(ds)

    with pytest.raises(OSError):
        families.update(families.State(tmp_path, "key"), dated, stops)
    state = families.State(tmp_path, "key")
    assert not state.index.docs  # not the index of the build before, whose rows may be gone
    families.update(state, dated, of)
    links, fams = link_quotes(dated, quotes)
    assert list(state.rows("quote_links")) == links and list(state.rows("quote_families")) == fams
