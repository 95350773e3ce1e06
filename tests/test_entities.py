"""Entity mentions, unresolved candidates and role holdings: the seeds and small cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.checks.evaluate import documents
from pipeline.extract import entities, people
from pipeline.extract.gazetteer import Role
from pipeline.extract.model import Doc, Segment
from pipeline.extract.people import Person
from pipeline.extract.registry import Registry

GOLD = Path(__file__).parent / "gold" / "quotes"
RAW = Path(__file__).parent.parent / "corpus" / "raw"


@pytest.fixture(scope="module")
def seeds(repo_registry: Registry) -> list[Doc]:
    return documents(RAW, repo_registry, ("clean", "entities"))


def found(doc: Doc, registry: Registry) -> list[tuple[str, str, str]]:
    """(text, entity_id, method) of every mention the step finds."""
    return [
        (doc.text[m.start : m.end], m.entity_id, m.method)
        for m in entities.run(doc, registry).mentions
    ]


def test_seed_mentions_equal_the_gold(seeds: list[Doc]) -> None:
    """Every mention of the hand-made gold, in order, and nothing else."""
    for doc in seeds:
        gold = json.loads((GOLD / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        ours = [(m.entity_id, doc.text[m.start : m.end]) for m in doc.mentions]
        assert ours == [(m["entity_id"], m["text"]) for m in gold["mentions"]], doc.doc_id


def test_seed_captions_are_not_read(seeds: list[Doc]) -> None:
    doc = next(d for d in seeds if d.doc_id == "c1ab1fac7cb72964")
    assert "vladimir-putin" not in {m.entity_id for m in doc.mentions}
    assert "Vladimir Putin" in doc.text


def test_paragraphs_keep_one_title_and_join_lines(make_article) -> None:
    doc = make_article("Title here", "First.", ["A line that", "goes on."])
    doc.segments.append(Segment(0, 5, "title", False, "repeated-block"))
    paras = entities.paragraphs(doc)
    assert [p.title for p in paras] == [True, False, False]
    assert [len(p.pieces) for p in paras] == [1, 1, 2]


def test_surname_resolves_to_the_person_named_in_full(make_article, repo_registry) -> None:
    doc = make_article(
        "Ashtiani meets Shoigu",
        "Iran’s Defense Minister Mohammad-Reza Ashtiani met Sergey Shoygu.",
        "Ashtiani said that Shoigu agreed.",
    )
    assert [(t, e) for t, e, _ in found(doc, repo_registry)] == [
        ("Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Shoigu", "sergei-shoigu"),
        ("Iran", "iran"),
        ("Mohammad-Reza Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Sergey Shoygu", "sergei-shoigu"),
        ("Ashtiani", "mohammad-reza-gharaei-ashtiani"),
        ("Shoigu", "sergei-shoigu"),
    ]


def test_surname_of_nobody_named_is_a_candidate(make_article, repo_registry) -> None:
    doc = make_article("", "Shoigu arrived in Tehran on Tuesday.")
    assert found(doc, repo_registry)[0] == ("Shoigu", "", "candidate:surname")


@pytest.mark.parametrize(
    ("text", "name", "method"),
    [
        ("Turkish Foreign Minister Hakan Fidan arrived.", "Hakan Fidan", "candidate:first-name"),
        ("US President Joe Biden said nothing.", "Joe Biden", "candidate:first-name"),
        (
            "Iran's foreign minister, Abbas Mousavi, arrived.",
            "Abbas Mousavi",
            "candidate:first-name",
        ),
        ("Later, Nasser Kanaani told reporters so.", "Nasser Kanaani", "candidate:first-name"),
        ("The council met, said Mayor Anna Keller.", "Anna Keller", "candidate:first-name"),
        ("It was a mistake, said Mayor Keller.", "Keller", "candidate:title"),
        ("Dr. Zoghlin wrote the study.", "Zoghlin", "candidate:title"),
        ("It is over, Hege said.", "Hege", "candidate:cue"),
        (
            "The deal is done, Ngozi Okonjo-Iweala told reporters.",
            "Ngozi Okonjo-Iweala",
            "candidate:cue",
        ),
        (
            "Jean-Luc van der Berg met Ngozi Okonjo-Iweala.",
            "Jean-Luc van der Berg",
            "candidate:first-name",
        ),
        ("Michael J. Fox arrived.", "Michael J. Fox", "candidate:first-name"),
        (  # the article opening the sentence is no part of the name
            "Der Hamburger Datenschutzbeauftragte Johannes Caspar erklärt es.",
            "Johannes Caspar",
            "candidate:first-name",
        ),
    ],
)
def test_unknown_people_are_candidates(make_article, repo_registry, text, name, method) -> None:
    assert (name, "", method) in found(make_article("", text), repo_registry)


def test_candidates_carry_the_full_name_the_document_gives(make_article, repo_registry) -> None:
    doc = make_article(
        "",
        "Steelers defensive tackle Cameron Heyward spoke after the game.",
        "Heyward and Mr. Heyward's coach, Mike Tomlin, left. Tomlin said little.",
    )
    found = [(doc.text[m.start : m.end], m.name) for m in entities.run(doc, repo_registry).mentions]
    assert found == [
        ("Cameron Heyward", "Cameron Heyward"),
        ("Heyward", "Cameron Heyward"),
        ("Heyward", "Cameron Heyward"),
        ("Mike Tomlin", "Mike Tomlin"),
        ("Tomlin", "Mike Tomlin"),
    ]


def test_registry_people_carry_the_registry_name(make_article, repo_registry) -> None:
    doc = entities.run(make_article("", "Sergey Shoygu arrived. Shoigu spoke."), repo_registry)
    assert [(m.entity_id, m.name) for m in doc.mentions] == [("sergei-shoigu", "Sergei Shoigu")] * 2


@pytest.mark.parametrize(
    "text",
    [
        "Operation True Promise began on Saturday.",
        "The General Staff met in the morning.",
        "Both Iran and Russia are under US sanctions.",
        "On Monday September Talks Resumed quickly.",
        "General Army Staff met.",
        "President Monday Company said so.",
        "The Will Of The People prevailed.",
        "In New York Times Square was full.",
        "Le Brexit n’arrange rien.",  # a French article is no first name
        "Their musical La La Land opened.",
    ],
)
def test_capitalised_words_are_not_people_by_themselves(make_article, repo_registry, text) -> None:
    doc = entities.run(make_article("", text), repo_registry)
    assert not [m for m in doc.mentions if not m.entity_id and m.type == "person"]


def test_a_run_seen_before_is_read_again_by_its_context(make_article, repo_registry) -> None:
    """What a run's words say is remembered across documents; the verb or apposition next
    to it is read in each one."""
    texts = [
        "It is over, Quorvath Zelnik said.",
        "We met Quorvath Zelnik there.",
        "We met Quorvath Zelnik, CEO of Acme, there.",
        "It is over, Quorvath Zelnik said.",
    ]
    methods = [
        [m.method for m in entities.run(make_article("", text), repo_registry).mentions]
        for text in texts
    ]
    assert methods == [
        ["candidate:cue"],
        [],
        ["candidate:apposition"],
        ["candidate:cue"],
    ]


def test_candidates_are_typed_people(make_article, repo_registry) -> None:
    doc = entities.run(make_article("", "President Joe Biden said nothing."), repo_registry)
    assert [(m.entity_id, m.type) for m in doc.mentions] == [("", "person")]


def test_holdings_read_titles_and_appositions(make_article, repo_registry) -> None:
    doc = make_article(
        "",
        "The Russian Defense Minister, Sergei Shoigu, met his Iranian counterpart, Brigadier"
        " General Mohammad Reza Ashtiani, and Mohammad Bagheri, Chief of Staff of the Armed"
        " Forces of Iran.",
        "Iran’s Supreme Leader, Ayatollah Ali Khamenei, agreed.",
    )
    g = repo_registry.gazetteer
    held = entities.holdings(doc.text, entities.mentions(doc, g), g)
    assert [(h.person.entity_id, h.role) for h in held] == [
        ("sergei-shoigu", Role("minister.defence", "russia")),
        ("mohammad-reza-gharaei-ashtiani", Role("general")),
        ("mohammad-bagheri", Role("chief-of-staff", "iran")),
        ("ali-khamenei", Role("supreme-leader", "iran")),
    ]


def test_role_phrases(make_article, repo_registry) -> None:
    text = "In Tehran, the Russian Defence Minister met the head of the Iranian defence ministry."
    g = repo_registry.gazetteer
    phrases = entities.role_phrases(text, 0, len(text), g)
    assert [(text[s:e], r) for (s, e), r in phrases] == [
        ("Russian Defence Minister", Role("minister.defence", "russia")),
        ("head of the Iranian defence ministry", Role("minister.defence", "iran")),
    ]


def test_resolve_role() -> None:
    shoigu, ashtiani = Person("shoigu", "Sergei Shoigu"), Person("", "Mohammad Ashtiani")
    held = entities.Holders(
        [
            entities.Holding(shoigu, Role("minister.defence", "russia"), 0),
            entities.Holding(ashtiani, Role("minister.defence", "iran"), 10),
        ]
    )
    assert entities.resolve_role(Role("minister.defence", "iran"), held, []) == ashtiani
    assert entities.resolve_role(Role("minister"), held, []) is None
    assert entities.resolve_role(Role("minister"), held, [shoigu, ashtiani]) == shoigu
    assert entities.resolve_role(Role("president"), held, [shoigu]) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("To LeBron James, the record meant little.", "LeBron James"),
        ("The quote came from President Trump on Monday.", "Trump"),
        ('"It is a tax," said Lawrence White, a professor.', "Lawrence White"),
        ('"It is good," said Rusmik Oza, head of research.', "Rusmik Oza"),
        ('"Markets are up," says Elayyan.', "Elayyan"),
    ],
)
def test_a_capitalised_word_mid_sentence_is_a_proper_noun(
    make_article, repo_registry, text, name
) -> None:
    doc = entities.run(make_article("", text), repo_registry)
    assert name in [m.name for m in doc.mentions if not m.entity_id]


def test_a_headline_capitalises_every_word(make_article, repo_registry) -> None:
    doc = entities.run(
        make_article("Markets Rally As Banks Gain", "Markets rallied."), repo_registry
    )
    assert doc.mentions == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dick Clark Productions denied it.", "Dick Clark Productions"),
        ("The Ceres Robotics Inc team won.", "Ceres Robotics Inc"),
        (
            '"It is up," said a report from Kotak Institutional Equities.',
            "Kotak Institutional Equities",
        ),
    ],
)
def test_organisations_the_registry_lacks_are_candidates(
    make_article, repo_registry, text, name
) -> None:
    doc = entities.run(make_article("", text), repo_registry)
    assert [(m.name, m.type, m.entity_id) for m in doc.mentions] == [(name, "organization", "")]


def test_word_frequency_skips_wordfreq_only_for_words_its_list_lacks() -> None:
    """``people.frequency`` answers an unlisted ASCII word without wordfreq: the same figure."""
    from wordfreq import zipf_frequency

    from pipeline.extract.people import frequency

    words = ["the", "Said", "Quintanar", "zorelle", "Analysts", "naïve", "e-mail", "3rd", "Ōtani"]
    assert [frequency(w) for w in words] == [zipf_frequency(w.lower(), "en") for w in words]
    assert frequency("Quintanar") == 0.0 < frequency("the")


@pytest.mark.parametrize(
    ("word", "german", "function"),
    [
        ("Wegen", True, False),  # opens a German sentence, no name
        ("Vor", True, True),
        ("Im", False, True),  # a Korean name too, but a German function word first
        ("Und", True, True),
        ("UND", True, True),  # all capitals: read in lower case
        ("Über-Ich", True, True),  # hyphenated: wordfreq reads its first part
        ("Straße", True, False),  # not ASCII
        ("Merkel", False, False),
        ("Hans", False, False),
        ("Müller-Lüdenscheidt", False, False),
        ("O'Neill", False, False),  # an apostrophe
        ("NATO", False, False),
        ("Путин", False, False),  # another script
    ],
)
def test_german_words_are_read_from_wordfreqs_german_list(
    word: str, german: bool, function: bool
) -> None:
    assert people.german_word(word) is german
    assert people.german_function(word) is function


def test_the_german_word_list_is_frozen_once_loaded() -> None:
    """Loaded for good (after the English one), the list is kept out of the collector's
    generations: a full collection would otherwise walk its ~300,000 strings."""
    script = (
        "import gc\n"
        "from wordfreq import get_frequency_list\n"
        "from pipeline.extract import people\n"
        "people.frequency('the')\n"  # the English list first, as a build reads it
        "assert people.german_word('Wegen')\n"
        "lists = get_frequency_list('de', 'best')\n"  # as wordfreq reads it (cached)
        "tracked = {id(o) for o in gc.get_objects()}\n"
        "print(gc.is_tracked(lists), sum(id(o) in tracked for o in [lists, *lists]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["True", "0"], done.stderr
