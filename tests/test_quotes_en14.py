"""English speakers (speakers14en): each mechanism on sentences written for it."""

from __future__ import annotations

from test_quotes import speakers


def test_quotation_paragraphs_after_a_paragraph_a_person_opens(make_article, repo_registry) -> None:
    """Paragraphs that are only quotations, after a paragraph with no quotation whose last
    sentence a person opens, are that person's, resolved to the full name given earlier."""
    doc = make_article(
        "",
        "Maria Lindqvist and Tom Becker both reached the final on Sunday.",
        "Lindqvist meanwhile spent the morning at the harbour, far from the crowds.",
        "“The sea keeps me calm before a big match.",
        "“I will sleep well tonight.”",
    )
    assert speakers(doc, repo_registry) == [
        ("The sea keeps me calm before a big match.", "Lindqvist", "Maria Lindqvist"),
        ("I will sleep well tonight.", "Lindqvist", "Maria Lindqvist"),
    ]


def test_a_paragraph_with_reported_speech_is_not_read_for_its_subject(
    make_article, repo_registry
) -> None:
    """A paragraph opened by a person but with a quotation of its own keeps the old rules:
    the quotation paragraph after it goes on only from an attributed speaker."""
    doc = make_article(
        "",
        "Carla Mendes runs the bakery on Elm Street.",
        "Nobody else in town bakes rye bread any more.",
        "“We sell out by noon.”",
    )
    assert speakers(doc, repo_registry) == [("We sell out by noon.", "", "")]


def test_a_sentence_a_person_opens_introduces_a_quotation(make_article, repo_registry) -> None:
    """No speech verb, a comma before the quotation, and one person named, who opens the
    sentence: that person."""
    doc = make_article(
        "",
        "Governor Dana Whitfield left the race on Monday.",
        "Whitfield quit at a town hall meeting in Dover, “There is no path for me.”",
    )
    assert speakers(doc, repo_registry) == [
        ("There is no path for me.", "Whitfield", "Dana Whitfield")
    ]


def test_a_sentence_naming_two_people_gives_no_speaker(make_article, repo_registry) -> None:
    """The same form with a second person named: no speaker rather than a guess."""
    doc = make_article(
        "",
        "Governor Dana Whitfield and Senator Paul Ortega met on Monday.",
        "Whitfield quit after a talk with Ortega, “There is no path for me.”",
    )
    assert speakers(doc, repo_registry) == [("There is no path for me.", "", "")]


def test_a_person_from_a_body_is_the_person(make_article, repo_registry) -> None:
    """ "NAME from BODY in PLACE says:": the person who opens the phrase, not the place
    that ends it."""
    doc = make_article(
        "",
        "Lena Okafor from Coastal Justice in Cape Town says: “We demand full disclosure.”",
    )
    assert speakers(doc, repo_registry) == [
        ("We demand full disclosure.", "Lena Okafor", "Lena Okafor")
    ]


def test_a_place_before_a_noun_and_a_name_is_no_speaker(make_article, repo_registry) -> None:
    """ "said Kyiv resident NAME": the name after the noun speaks, and "she" later is her."""
    doc = make_article(
        "",
        "“It was a terrible night,” said Kyiv resident Svitlana Onofryichuk, 55.",
        "“I am very sorry,” she added.",
    )
    assert speakers(doc, repo_registry) == [
        ("It was a terrible night,", "Svitlana Onofryichuk", "Svitlana Onofryichuk"),
        ("I am very sorry,", "she", "Svitlana Onofryichuk"),
    ]


def test_a_full_name_after_a_role_in_lower_case_before_the_verb(
    make_article, repo_registry
) -> None:
    """'“…,” minister of mines and energy NAME told …': the name right before the verb is its
    subject, past a role in lower case with "of" and "and" in it."""
    doc = make_article(
        "",
        "“We share the pipeline,” minister of mines and energy Tom Alweendo told reporters.",
    )
    assert speakers(doc, repo_registry) == [
        ("We share the pipeline,", "Tom Alweendo", "Tom Alweendo")
    ]


def test_a_name_after_a_conjunction_is_no_subject(make_article, repo_registry) -> None:
    """'“…,” after press secretary NAME expressed …': a clause, not the speaker's phrase."""
    doc = make_article(
        "",
        "“A full endorsement,” after press secretary Brian Fallon expressed his support.",
    )
    assert speakers(doc, repo_registry) == [("A full endorsement,", "", "")]


def test_a_name_after_a_name_in_capitals_before_the_verb(make_article, repo_registry) -> None:
    """ "Speaking to the Daily Mail NAME claimed:": the name right before the verb, after an
    organisation's name, is its subject (a full name given earlier)."""
    doc = make_article(
        "",
        "Marina Lacerda spoke out on Monday.",
        "Speaking to the Daily Mail Lacerda claimed: “A lot of things happened in that room.”",
    )
    assert speakers(doc, repo_registry) == [
        ("A lot of things happened in that room.", "Lacerda", "Marina Lacerda")
    ]


def test_a_name_with_an_age_is_a_person(make_article, repo_registry) -> None:
    """ "NAME, 74, a resident ...": an age in apposition makes two uncommon capitalised
    words a person's name, whom "he" then stands for."""
    doc = make_article(
        "",
        "Fires rage in the capital.",
        "Yevhen Zosin, 74, a local resident, said the blast woke him.",
        "“Then there was another explosion,” he said.",
    )
    assert speakers(doc, repo_registry) == [
        ("Then there was another explosion,", "he", "Yevhen Zosin")
    ]


def test_a_pronoun_prefers_the_main_clause_to_an_opening_subordinate_one(
    make_article, repo_registry
) -> None:
    """ "After Lily Miyazaki won ..., it was Katie Boulter who ...": "she" is Boulter, the
    subject of the main clause (a cleft), not the name of the clause that opens it, nor
    the subject of the sentence before."""
    doc = make_article(
        "",
        "Jodie Burrage rounded off a clean sweep on Tuesday.",
        "After Lily Miyazaki won her match on Monday, it was Katie Boulter who got the ball"
        " rolling with a win over Diane Parry.",
        "“Hopefully I’ve started everyone off well,” she told Sky Sports.",
    )
    assert speakers(doc, repo_registry) == [
        ("Hopefully I’ve started everyone off well,", "she", "Katie Boulter")
    ]


def test_a_description_reaches_back_to_a_speaker_nobody_followed(
    make_article, repo_registry
) -> None:
    """ "the expert explains" three sentences after the last speaker, nobody named since:
    that speaker, as a German description already did."""
    doc = make_article(
        "",
        "“Ivy cleans the air,” explains Radek Babicek from Fantastic Gardeners. It needs"
        " little light. Keep it away from pets.",
        "Next up is the aluminium plant. “It is an easy plant to care for,” the expert explains.",
    )
    assert speakers(doc, repo_registry) == [
        ("Ivy cleans the air,", "Radek Babicek", "Radek Babicek"),
        ("It is an easy plant to care for,", "the expert", "Radek Babicek"),
    ]


def test_no_title_runs_over_a_comma_before_the_subject(make_article, repo_registry) -> None:
    """ "…, before the primary in New Hampshire, Christie quit—telling a meeting, “…”": the
    place before the comma is no title of the name that opens the main clause."""
    doc = make_article(
        "",
        "Former governor Chris Christie ended his campaign.",
        "So, days before the first primary in New Hampshire, Christie quit—telling a town hall"
        " meeting in Windham, “There is no path for me.”",
    )
    assert speakers(doc, repo_registry) == [
        ("There is no path for me.", "Christie", "Chris Christie")
    ]
