"""The gazetteer: the registry's names, their variants, and the roles around them."""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.extract.gazetteer import Gazetteer, Role, WordCache, _fold, alternation, fold, words
from pipeline.extract.registry import Registry

REGISTRY = Path(__file__).parent.parent / "corpus" / "registry"


@pytest.fixture(scope="module")
def g(repo_registry: Registry) -> Gazetteer:
    return repo_registry.gazetteer


def names(g: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entity_id) for m in g.find(text)]


def test_registry_files_are_consistent() -> None:
    with (REGISTRY / "entities.csv").open(encoding="utf-8") as f:
        entities = list(csv.DictReader(f))
    ids = [e["entity_id"] for e in entities]
    assert len(ids) == len(set(ids))
    assert all(e["type"] in {"person", "organization", "place"} for e in entities)
    assert all(e["entity_id"].replace("-", "").isalnum() for e in entities)
    for name in ("aliases.csv", "demonyms.csv", "heads.csv"):
        with (REGISTRY / name).open(encoding="utf-8") as f:
            assert {row["entity_id"] for row in csv.DictReader(f)} <= set(ids), name


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Sergei Shoigu", "sergei-shoigu"),
        ("Sergey Shoygu", "sergei-shoigu"),
        ("Sergei Shoygu", "sergei-shoigu"),
        ("Mohammad Baqeri", "mohammad-bagheri"),
        ("Mohammad Bagheri", "mohammad-bagheri"),
        ("Mohammad-Reza Gharaei Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Mohammad Reza Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Mohammad-Reza Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Mohammad Reza Qaraei Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Gharaei Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Mohammad Hadi Haji Rahimi", "mohammad-hadi-haji-rahimi"),
        ("Ali Khamenei", "ali-khamenei"),
        ("Islamic Revolution Guards Corps", "irgc"),
        ("Islamic Revolutionary Guard Corps", "irgc"),
        ("Shanghai Cooperation Organisation", "sco"),
        ("Shanghai Cooperation Organization", "sco"),
        ("Russian Defence Ministry", "russia-defence-ministry"),
        ("Russian Defense Ministry", "russia-defence-ministry"),
        ("Iranian Students' News Agency", "isna"),
        ("Iranian Students’ News Agency", "isna"),
        ("Iran's Defense Ministry", "iran-defence-ministry"),
        ("Iran’s Ministry of Defence", "iran-defence-ministry"),
        ("U.S.", "united-states"),
        ("Türkiye", "turkey"),
    ],
)
def test_variants_meet(g: Gazetteer, text: str, entity_id: str) -> None:
    assert [m.entity_id for m in g.find(text)] == [entity_id]
    assert g.find(text)[0].end - g.find(text)[0].start == len(text.rstrip("."))


def test_longest_match_wins(g: Gazetteer) -> None:
    assert names(g, "the Islamic Republic of Iran held talks") == [
        ("Islamic Republic of Iran", "iran")
    ]
    text = "The General Staff of the Armed Forces of the Islamic Republic of Iran met"
    assert names(g, text) == [
        ("General Staff of the Armed Forces of the Islamic Republic of Iran", "iran-general-staff")
    ]


def test_possessive_is_not_part_of_the_name(g: Gazetteer) -> None:
    assert names(g, "Iran’s readiness and Russia's support") == [
        ("Iran", "iran"),
        ("Russia", "russia"),
    ]


def test_hyphenated_compounds_hold_names(g: Gazetteer) -> None:
    assert names(g, "US-led unilateralism and Russia-Iran ties") == [
        ("US", "united-states"),
        ("Russia", "russia"),
        ("Iran", "iran"),
    ]


def test_acronyms_need_capitals_and_names_a_capital(g: Gazetteer) -> None:
    assert names(g, "he told us that iran and the sco") == []


def test_a_name_does_not_run_across_punctuation(g: Gazetteer) -> None:
    found = g.find("They met Sergei, Shoigu said.")
    assert [(m.entity_id, m.partial) for m in found] == [("sergei-shoigu", True)]


def test_surnames_are_partial_matches(g: Gazetteer) -> None:
    (match,) = g.find("Ashtiani said")
    assert match.partial and match.entity_ids == ("mohammad-reza-gharaei-ashtiani",)


def test_titles_are_not_part_of_the_name(g: Gazetteer) -> None:
    text = "Brigadier General Mohammad Reza Zahedi and General of the Army Sergei Shoigu"
    assert names(g, text) == [
        ("Mohammad Reza Zahedi", "mohammad-reza-zahedi"),
        ("Sergei Shoigu", "sergei-shoigu"),
    ]


def test_a_name_shared_by_two_entities_names_none(tmp_path: Path) -> None:
    (tmp_path / "entities.csv").write_text(
        "entity_id,name,type\na-smith,Anna Smith,person\nj-smith,John Smith,person\n",
        encoding="utf-8",
    )
    g = Gazetteer.load(tmp_path)
    (match,) = g.find("Smith said")
    assert match.partial and match.entity_id == "" and match.entity_ids == ("a-smith", "j-smith")


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("the Russian Defence Minister", Role("minister.defence", "russia")),
        ("Iran's Defense Minister", Role("minister.defence", "iran")),
        ("The head of the Russian defence ministry", Role("minister.defence", "russia")),
        ("the Iranian defense chief", Role("minister.defence", "iran")),
        ("Russian Minister of Defence", Role("minister.defence", "russia")),
        (
            "Iranian Minister of Defence and Armed Forces Logistics",
            Role("minister.defence", "iran"),
        ),
        (
            "Chief of Staff for the Armed Forces of the Islamic Republic of Iran",
            Role("chief-of-staff", "iran"),
        ),
        ("Russian Defence Minister General of the Army", Role("minister.defence", "russia")),
        ("the Minister", Role("minister")),
        ("The top military official", Role("official")),
        ("Iran’s Supreme Leader", Role("supreme-leader", "iran")),
        ("Brigadier General", Role("general")),
        ("Maj. Gen.", Role("general")),
        ("Iran's military chief", Role("chief-of-staff", "iran")),
        ("his Russian counterpart", None),
        ("the former defence minister", None),
        ("the deputy defence minister", None),
        ("the talks", None),
    ],
)
def test_roles(g: Gazetteer, phrase: str, role: Role | None) -> None:
    assert g.role(phrase) == role


def test_role_fits() -> None:
    shoigu = Role("minister.defence", "russia")
    assert Role("minister").fits(shoigu)
    assert Role("official").fits(shoigu)
    assert Role("minister.defence").fits(shoigu)
    assert not Role("minister.defence", "iran").fits(shoigu)
    assert not Role("minister.foreign").fits(shoigu)
    assert not Role("president", "russia").fits(shoigu)


def test_head_of(g: Gazetteer) -> None:
    assert g.head_of(Role("minister.defence", "russia")) == "russia-defence-ministry"
    assert g.head_of(Role("minister.defence", "")) == ""


def test_fold_merges_transliterations() -> None:
    assert fold("Shoygu") == fold("Shoigu")
    assert fold("Baqeri") == fold("Bagheri")
    assert fold("Sergey") == fold("Sergei")
    assert fold("Mohammad") == fold("Mohamad")
    assert fold("Türkiye") == fold("Turkiye")
    assert fold("Iran") != fold("Oman")


def test_fold_of_ascii_words_is_that_of_the_decomposing_rule() -> None:
    """ASCII words skip NFKD; the key is the one the full rule gives."""
    for word in ["Shoygu", "IRAN", "Mohammad", "van", "Straße", "Türkiye", "ǅemal", "ﬁsh"]:
        decomposed = unicodedata.normalize("NFKD", word)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        assert fold(word) == _fold(word) == _fold(plain), word


def test_word_cache_computes_each_word_once_and_empties_when_full() -> None:
    calls: list[str] = []
    cache = WordCache(lambda w: calls.append(w) or w.upper(), limit=2)
    assert [cache["a"], cache["a"], cache["b"]] == ["A", "A", "B"]
    assert calls == ["a", "b"] and len(cache) == 2
    assert cache["c"] == "C" and list(cache) == ["c"]  # full: emptied, then "c" kept


def test_words_drop_possessives_but_keep_spans() -> None:
    text = "Iran’s and Students’ news, don't"
    assert [(w.text, text[w.start : w.end]) for w in words(text)][:2] == [
        ("Iran", "Iran"),
        ("and", "and"),
    ]


def test_windows_of_a_long_text_are_read_as_the_window_itself(g: Gazetteer) -> None:
    """A long text is read into words once and windows are cut from it: a window, even one
    that cuts a word or a possessive, has the words that reading it alone gives."""
    text = "Iran’s Defence Minister, Brigadier-General Ashtiani’s aides’ 3+3 talks_x; " * 60
    rnd = random.Random(5)
    for _ in range(500):
        start = rnd.randrange(len(text))
        end = start + rnd.randrange(200)
        alone = [(w.start, w.end, w.text, g.key(w.text)) for w in words(text, start, end)]
        assert [tuple(w) for w in g.words(text, start, end)] == alone, (start, end)


def test_a_blanked_view_read_from_its_text_has_the_words_of_reading_it(g: Gazetteer) -> None:
    """The frame of a text (spans kept, the rest made underscores or spaces) is read from
    the text's words: cut words and possessives whose apostrophe went are read again."""
    text = "Iran’s Defence Minister, Brigadier-General Ashtiani’s aides’ 3+3 talks_x; " * 60
    rnd = random.Random(7)
    for _ in range(50):
        cuts = sorted(rnd.sample(range(len(text)), 40))
        kept = [(cuts[k], cuts[k + 1]) for k in range(0, 40, 2) if cuts[k] < cuts[k + 1]]
        chars = [rnd.choice("_ ")] * len(text)
        for start, end in kept:
            chars[start:end] = text[start:end]
        view = "".join(chars)
        g.read_blanked(view, text, kept)
        alone = [(w.start, w.end, w.text, g.key(w.text)) for w in words(view)]
        assert [tuple(w) for w in g.words(view)] == alone
    start = text.index("’s") + 1  # the "s" of "Iran’s", its apostrophe blanked
    view = " " * start + text[start:]
    g.read_blanked(view, text, [(start, len(text))])
    assert g.words(view)[0].text == "s"


def test_cues_are_whole_lowercase_words(g: Gazetteer) -> None:
    text = "the United States said, the so-called deal; According to him"
    assert [m.group() for m in g.cue_pattern.finditer(text)] == ["said", "According to"]


def test_a_shared_prefix_alternation_finds_what_the_longest_first_one_finds(g: Gazetteer) -> None:
    """Strings that share prefixes, end inside one another, or hold a metacharacter, searched
    for in texts made of their pieces: the same matches as the plain alternation, longest
    first, with the cues' own word boundaries around both."""
    strings = [*g.cues, "said", "sa", "s.t", "a+b", "according to", "x"]
    plain = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True))
    shared = alternation(strings)
    assert shared != plain
    pieces = [*strings, " ", "-", "d", "s", "that", ".", "ay", "b"]
    rnd = random.Random(11)
    for bounded in (r"(?<![\w-])(?:{})(?![\w-])", "(?:{})"):
        one, other = (re.compile(bounded.format(p)) for p in (plain, shared))
        for _ in range(2000):
            text = "".join(rnd.choices(pieces, k=rnd.randrange(1, 12)))
            assert [m.span() for m in other.finditer(text)] == [
                m.span() for m in one.finditer(text)
            ], text
    assert alternation([]) == "(?!)"
