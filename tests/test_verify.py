"""`corpus verify` and `corpus.verify()` on an intact corpus: what they check, where they run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI, REPO

import corpus
from corpus.store import blake3_hex
from corpus.text import assemble, normalise
from corpus.verify import _words, verify
from pipeline.project import Project, init

SPAN_TABLES = ("segments", "evidence", "mentions", "quotes", "media", "citations")


def test_an_intact_corpus_verifies_and_every_span_is_counted(built: Project) -> None:
    report = corpus.at(built.root).verify()
    assert report.ok, [str(p) for p in report.problems[:5]]
    c = corpus.at(built.root)
    spans = sum(
        1
        for table in SPAN_TABLES
        for row in c.rows(table)
        for col in ("start", "credit_start", "speaker_start")
        if row.get(col) is not None
    )
    documents = len(c.rows("documents"))
    assert report.checked["spans"] == spans > 100
    assert report.checked["raw files"] == documents == report.checked["documents"]
    assert report.checked["files"] == report.checked["parquet files"] == len(c.tables())


@pytest.mark.parametrize("fixture", ["built", "built_parts"])
def test_verify_works_without_the_build_tools(fixture: str, request: pytest.FixtureRequest) -> None:
    """What a ``pip install`` user has: ``corpus`` and blake3; no pipeline, pandas or pyarrow.

    The csv module then reads the tables: it must find what pyarrow finds.
    """
    root = request.getfixturevalue(fixture).root
    code = f"""
import json, sys
for name in ("pipeline", "pandas", "pyarrow", "frictionless", "typer"):
    sys.modules[name] = None  # any import of them now fails
import corpus
report = corpus.at({str(root)!r}).verify()
print(json.dumps(report.checked))
sys.exit(0 if report.ok else 1)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    checked = json.loads(result.stdout)
    assert "parquet files" not in checked, "the Parquet check needs pyarrow: skipped"
    assert checked == {
        k: v for k, v in corpus.at(root).verify().checked.items() if k != "parquet files"
    }


def test_a_type_error_is_found_without_pyarrow_too(project: Project) -> None:
    path = project.data_dir / "segments.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[2] = "twelve"
    path.write_text("".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    code = f"""
import sys
sys.modules["pyarrow"] = None
import corpus
print("\\n".join(str(p) for p in corpus.at({str(project.root)!r}).verify().problems))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    found = corpus.at(project.root).verify().problems
    with_arrow = "\n".join(str(p) for p in found if p.check != "parquet")
    assert result.stdout.strip() == with_arrow
    assert "file: segments.start: segments.csv: row 2: start: 'twelve' is not integer" in with_arrow


def test_normalise_collapses_what_the_whitespace_pattern_matches() -> None:
    """``normalise`` splits with ``str.split()``: the same characters as ``\\s`` in a pattern."""
    pattern = re.compile(r"\s+")
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert normalise(every) == pattern.sub(" ", every).strip()
    assert normalise("\u00a0 a\u2028\tb \x1c") == "a b"
    spaces = [c for c in every if c.isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "], "the shortcut for printable text"
    for c in [*spaces, "x", "\u00e9", "\u200b", "\x00"]:
        for text in (f"a{c}b", f"{c}a  b{c}", c):
            assert normalise(text) == pattern.sub(" ", text).strip()


def test_the_words_of_an_assembled_body_are_counted_without_splitting_it() -> None:
    raw = " \u00a0Two  words\n\nthree\tmore words \x1c\u3000end\r\n\u2028 ."
    cuts = [(0, 4, False), (4, 12, False), (12, 20, True), (20, 34, False), (34, len(raw), True)]
    for n in range(len(cuts) + 1):
        body = assemble(raw, cuts[:n])
        assert _words(body) == len(body.split()), body
    assert _words("") == 0


def test_the_loader_package_never_imports_the_pipeline() -> None:
    for path in (REPO / "corpus").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pipeline" not in text and "from pipeline" not in text, path.name


def test_verify_is_a_function_of_the_installed_package() -> None:
    assert corpus.verify.__doc__ and callable(corpus.verify)
    assert corpus.bundled.verify().name == "verify"


def test_a_project_never_built_is_one_clear_problem(tmp_path: Path, cli: CLI) -> None:
    project = init(tmp_path / "new")
    report = verify(project.data_dir, project.raw_dir)
    assert [p.message for p in report.problems] == [
        f"cannot read {project.data_dir / 'datapackage.json'} ([Errno 2] No such file or "
        f"directory: '{project.data_dir / 'datapackage.json'}'); run `corpus build`"
    ]
    assert cli("verify", "--root", project.root).exit_code == 2  # the CLI: a usage error


def test_captures_ingested_but_not_yet_built_are_checked_not_failed(
    project: Project, cli: CLI, tmp_path: Path
) -> None:
    capture = tmp_path / "new.txt"
    capture.write_text("A new capture, not built yet.\n", encoding="utf-8")
    assert cli("ingest", "--root", project.root, capture).exit_code == 0
    report = corpus.at(project.root).verify()
    assert report.ok
    assert report.checked["raw files not yet built"] == 1
    assert report.checked["raw files"] == len(corpus.at(project.root).rows("raw_files")) + 1


def test_human_output_names_each_problem_and_json_is_complete(project: Project, cli: CLI) -> None:
    (project.data_dir / "quotes.csv").unlink()
    human = cli("verify", "--root", project.root)
    assert human.exit_code == 1
    assert "file: quotes: quotes.csv is missing" in human.stderr
    assert human.stdout.startswith("verify: ")
    machine = json.loads(cli("verify", "--root", project.root, "--json").stdout)
    assert machine["ok"] is False
    assert machine["checked"]["files"] == len(corpus.at(project.root).tables()) - 1
    assert [p["table"] for p in machine["problems"]] == ["quotes"]


# An ingest lands in the middle of a verify: when it first opens the documents table (the raw
# store's index is open by then), so the capture's file is in the store when verify walks it
# but not in the index it is reading.
MID_INGEST = """
import sys
from pathlib import Path

import corpus
from pipeline.raw.ingest import ingest
from pipeline.project import Project

root, capture = sys.argv[1:]
done = []

def hook(event, args):
    name = str(args[0]).rsplit("/", 1)[-1] if event == "open" else ""
    if name.startswith("documents.") and not done:
        done.append(None)  # before ingest, which opens the index too
        done[0] = ingest(Project(Path(root)), [Path(capture)])

sys.addaudithook(hook)
report = corpus.at(root).verify()
assert done and done[0].added, "no ingest in the middle"
print(report.ok, [p.message for p in report.problems])
"""


def test_a_capture_ingested_while_verify_runs_is_not_an_unknown_file(
    project: Project, tmp_path: Path
) -> None:
    prefixes = {p.name for p in project.raw_dir.iterdir() if p.is_dir()}
    text = next(  # a capture whose file goes into a directory the store already has
        t
        for t in (f"Ministers met again on day {n}, officials said.\n" for n in range(10_000))
        if blake3_hex(t.encode())[:2] in prefixes
    )
    capture = tmp_path / "late.txt"
    capture.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", MID_INGEST, str(project.root), str(capture)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("True"), done.stdout
