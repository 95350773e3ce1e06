"""``corpus entities``: the people the registry lacks, listed for review and promoted to it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.candidates import slug
from pipeline.project import Project
from tests.conftest import CLI
from tests.test_datasette import Site

PAGES = {
    "bridge.txt": (
        "Bridge to reopen in May, mayor says\n\n"
        "SPRINGFIELD — The Elm Street bridge will reopen in May, Mayor Anna Keller said.\n\n"
        '"The bridge reopens in May," Keller told reporters. "We owe it to the families."\n\n'
        'Council member Sara Lind said the budget was tight. "We found the money," she said.\n'
    ),
    "budget.txt": (
        "Council approves the budget\n\n"
        "SPRINGFIELD — The city council approved the budget on Monday night.\n\n"
        '"It was a long night for everyone," said Mayor Anna Keller. "But it is done."\n'
    ),
}


@pytest.fixture
def local_news(cli: CLI, tmp_path: Path) -> Project:
    """A project of two local news pages about people no registry knows, built."""
    root, pages = tmp_path / "news", tmp_path / "pages"
    pages.mkdir()
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    assert cli("init", root).exit_code == 0
    assert cli("ingest", "--root", root, pages).exit_code == 0
    assert cli("build", "--root", root).exit_code == 0
    return Project(root)


def test_suggest_lists_the_unknown_people_most_mentioned_first(
    cli: CLI, local_news: Project
) -> None:
    result = cli("entities", "--suggest", "--root", local_news.root, "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(c["name"], c["mentions"], c["documents"], c["quotes"]) for c in found] == [
        ("Anna Keller", 3, 2, 4),
        ("Sara Lind", 1, 1, 1),
    ]
    assert {e["text"] for e in found[0]["examples"]} <= {"Anna Keller", "Keller"}
    assert found[0]["spellings"] == ["Anna Keller", "Keller"]
    text = cli("entities", "--suggest", "--root", local_news.root).output
    assert "    3 Anna Keller (person; 2 documents, 4 quotes; e.g. " in text
    assert 'Promote one: corpus entities --promote "Anna Keller" --type person' in text


def test_promote_appends_to_the_registry_and_the_build_links_it(
    cli: CLI, local_news: Project
) -> None:
    root = local_news.root
    result = cli(
        "entities", "--promote", "Anna Keller", "--alias", "Anna M. Keller", "--root", root
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Promoted 'Anna Keller' as person anna-keller in "
        f"{local_news.registry_dir / 'entities.csv'}; run `corpus build` to link its mentions\n"
    )
    with (local_news.registry_dir / "entities.csv").open(encoding="utf-8") as f:
        assert list(csv.reader(f))[-1] == ["anna-keller", "Anna Keller", "person", "", ""]
    with (local_news.registry_dir / "aliases.csv").open(encoding="utf-8") as f:
        assert list(csv.reader(f))[-1] == ["anna-keller", "Anna M. Keller"]
    assert cli("build", "--root", root).exit_code == 0
    suggested = json.loads(cli("entities", "--suggest", "--root", root, "--json").stdout)
    assert [c["name"] for c in suggested] == ["Sara Lind"]
    data = local_news.data_dir
    with (data / "quotes.csv").open(encoding="utf-8") as f:
        keller = [q for q in csv.DictReader(f) if q["speaker_name"] == "Anna Keller"]
    assert len(keller) == 4 and {q["speaker_entity_id"] for q in keller} == {"anna-keller"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--promote", "Sergei Shoigu"], "'Sergei Shoigu' already names sergei-shoigu"),
        (["--promote", "Sergey Shoigu"], "'Sergey Shoigu' already names sergei-shoigu"),
        (["--promote", "Anna Keller", "--id", "sergei-shoigu"], "the id 'sergei-shoigu' exists"),
        (["--promote", "Anna Keller", "--type", "robot"], "type must be one of person"),
        (["--promote", "  "], "the name is empty"),
    ],
)
def test_promote_refuses_what_the_registry_has_and_writes_nothing(
    cli: CLI, project: Project, args: list[str], message: str
) -> None:
    before = {p.name: p.read_bytes() for p in project.registry_dir.iterdir()}
    result = cli("entities", *args, "--root", project.root)
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert {p.name: p.read_bytes() for p in project.registry_dir.iterdir()} == before


def test_entities_needs_one_action(cli: CLI, project: Project) -> None:
    for args in ([], ["--suggest", "--promote", "X"]):
        result = cli("entities", *args, "--root", project.root)
        assert result.exit_code == 2 and "pass one of --suggest or --promote NAME" in result.stderr


def test_slug() -> None:
    assert slug("Anna Keller") == "anna-keller"
    assert slug("José Álvarez-Núñez Jr.") == "jose-alvarez-nunez-jr"


def test_quotes_by_person_and_the_document_page_name_unknown_people(local_news: Project) -> None:
    site = Site(local_news)
    rows = site.rows("quotes_by_person", person="anna keller")
    assert len(rows) == 4 and {(r["speaker"], r["speaker_entity_id"]) for r in rows} == {
        ("Anna Keller", None)
    }
    assert {r["speaker"] for r in site.rows("quotes_by_person", person="")} == {
        "Anna Keller",
        "Sara Lind",
    }
    mentioning = site.rows("documents_mentioning", entity="Anna Keller")
    assert sorted(r["mentions"] for r in mentioning) == [1, 2]
    doc_id = mentioning[0]["doc_id"]
    page = site.html(f"/document/{doc_id}")
    href = "/corpus/quotes_by_person?person=Anna+Keller"
    assert page.xpath(f"//a[@href='{href}']"), "a speaker links to all their quotes"
    names = page.xpath("//ul[@class='entities']//text()")
    assert "Anna Keller" in " ".join(names)
