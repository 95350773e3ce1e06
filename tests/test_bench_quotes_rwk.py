"""Corpus REDEWIEDERGABE as a source of the quotation benchmark: the detokeniser and the gold
conversion on token tables written here (always run), the refusals, the blind split's
totals, and the real checkout where it is (``QUOTES_RWK``, else
``/work/devsets/redewiedergabe``; only ``rwk-dev`` samples are read, ``rwk-test``'s files are
only hashed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.quotes import rwk
from bench.quotes.__main__ import CHOICES
from bench.quotes.gold import Page
from bench.quotes.run import describe, evaluate

ROOT = Path(__file__).resolve().parents[1]
CHECKOUT = Path(os.environ.get("QUOTES_RWK", "/work/devsets/redewiedergabe"))
HERE = (CHECKOUT / rwk.TSV / "metadata.tsv").exists()
HEADER = "tok\tnormtok\tlemma\tpos\trfpos\tsentstart\tstwr\tframe\tspeaker\tintexpr\tnote\n"


def _table(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A sample file: each row ``(tok, pos, stwr, speaker[, note])``, the other columns
    filled as the corpus fills them."""
    lines = [HEADER]
    for tok, pos, stwr, speaker, *note in rows:
        rfpos = "N.Name.Nom.Sg.Masc" if pos == "NE" else "-"
        cells = [tok, tok, tok, pos, rfpos, "no", stwr, "-", speaker, "-", *(note or ["-"])]
        lines.append("\t".join(cells) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _bench(*options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bench.quotes", "--split", "rwk-dev", *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_detokeniser_spaces_punctuation_and_quotation_marks():
    words = ["Er", "sagte", ":", "„", "Ja", ",", "gern", "!", "“", "(", "leise", ")", "."]
    text, spans = rwk.detokenise(words)
    assert text == "Er sagte: „Ja, gern!“ (leise)."
    assert [text[s:e] for s, e in spans] == words
    straight = ["Er", "rief", '"', "Halt", '"', "und", '"', "Weg", '"', "."]
    assert rwk.detokenise(straight)[0] == 'Er rief "Halt" und "Weg".'
    chevrons = ["»", "Ja", "«", ",", "sagte", "er", "..."]
    assert rwk.detokenise(chevrons)[0] == "»Ja«, sagte er..."


def test_a_footnote_is_a_line_of_its_own():
    text, spans = rwk.detokenise(["Er", "ging", "1", ")", "fort", "."], [0, 0, 1, 1, 0, 0])
    assert text == "Er ging\n1)\nfort."
    assert text[spans[4][0] : spans[4][1]] == "fort"


def test_marks_pair_by_family_and_nested_pairs_are_left_out():
    words = ["„", "A", "»", "B", "«", "C", "“", "„", "D", "„", "E"]
    roles = rwk.marks(words)
    assert [r for r in roles if r] == ["open", "open", "close", "close", "open", "open"]
    assert rwk.pairs(words, roles) == [(0, 6, True), (7, 9, False), (9, 11, False)]


def test_direct_speech_in_marks_is_required_with_its_speaker_and_name(tmp_path):
    """„A“, sagte Herr Dr. Otto Busse, „B.“: two required items of one instance, with the
    speaker's tokens as mention and sources, and its proper nouns (titles left out) as name."""
    rows = [
        ("„", "$(", "direct.speech.3", "-"),
        ("Ja", "ITJ", "direct.speech.3", "-"),
        ("“", "$(", "direct.speech.3", "-"),
        (",", "$,", "-", "-"),
        ("sagte", "VVFIN", "-", "-"),
        ("Herr", "NN", "-", "speaker.3"),
        ("Dr.", "NE", "-", "speaker.3"),
        ("Otto", "NE", "-", "speaker.3"),
        ("Busse", "NE", "-", "speaker.3"),
        (",", "$,", "-", "-"),
        ("„", "$(", "direct.speech_writing.3", "-"),
        ("gewiß", "ADV", "direct.speech_writing.3", "-"),
        (".", "$.", "direct.speech_writing.3", "-"),
        ("“", "$(", "direct.speech_writing.3", "-"),
    ]
    text, gold = rwk.quotes(rwk.read(_table(tmp_path / "s.tsv", rows)))
    assert text == "„Ja“, sagte Herr Dr. Otto Busse, „gewiß.“"
    assert [(q.text, q.kind) for q in gold] == [("Ja", "quote"), ("gewiß.", "quote")]
    first = gold[0]
    assert (first.mention, first.speaker) == ("Herr Dr. Otto Busse", "Otto Busse")
    assert [text[s:e] for s, e in first.sources] == ["Herr Dr. Otto Busse"]
    assert all(text[q.start : q.end] == q.text for q in gold)


def test_woven_unclosed_unmarked_and_thought_quotations_are_optional(tmp_path):
    """A quotation after a word, one no mark closes, direct speech without marks and a
    quoted thought are optional; quoted words in no direct instance are no quotation; a
    speaker of two instances (``speaker.1_2``) and one without a proper noun (``er``)."""
    rows = [
        ("Er", "PPER", "-", "speaker.1_2"),
        ("nannte", "VVFIN", "-", "-"),
        ("es", "PPER", "-", "-"),
        ("„", "$(", "direct.speech.1", "-"),
        ("Unsinn", "NN", "direct.speech.1", "-"),
        ("“", "$(", "direct.speech.1", "-"),
        ("und", "KON", "-", "-"),
        ("dachte", "VVFIN", "-", "-"),
        (":", "$.", "-", "-"),
        ("„", "$(", "direct.thought.2", "-"),
        ("Nie", "ADV", "direct.thought.2", "-"),
        ("“", "$(", "direct.thought.2", "-"),
        ("im", "APPRART", "-", "-"),
        ("„", "$(", "-", "-"),
        ("Boten", "NN", "-", "-"),
        ("“", "$(", "-", "-"),
        (".", "$.", "-", "-"),
        ("Gut", "ADJD", "direct.speech.4", "-"),
        ("so", "ADV", "direct.speech.4", "-"),
        (".", "$.", "direct.speech.4", "-"),
        ("Dann", "ADV", "-", "-"),
        (":", "$.", "-", "-"),
        ("„", "$(", "direct.speech.5", "-"),
        ("Morgen", "ADV", "direct.speech.5", "-"),
        ("mehr", "PIS", "direct.speech.5", "-"),
    ]
    text, gold = rwk.quotes(rwk.read(_table(tmp_path / "s.tsv", rows)))
    assert text == "Er nannte es „Unsinn“ und dachte: „Nie“ im „Boten“. Gut so. Dann: „Morgen mehr"
    assert [(q.text, q.kind) for q in gold] == [
        ("Unsinn", "partial"),
        ("Nie", "partial"),
        ("Gut so.", "partial"),
        ("Morgen mehr", "partial"),
    ]
    assert gold[0].mention == gold[1].mention == "Er" and gold[0].speaker == ""
    assert gold[0].sources == gold[1].sources == ((0, 2),)
    assert gold[2].mention == "" and gold[2].sources == ()


def test_titles_alone_are_no_name():
    assert rwk._title("Abg.") and rwk._title("Graf") and not rwk._title("Bebel")


def test_the_split_is_a_hash_of_the_sample_name():
    assert rwk.split_of("rwk_grenz_1108-1") in rwk.SPLITS
    names = [f"rwk_mkhz_{n}-1" for n in range(300)]
    dev = sum(rwk.split_of(n) == "rwk-dev" for n in names)
    assert 170 < dev < 230  # about 2/3
    assert CHOICES["rwk"] == ("rwk-dev", "rwk-test")
    assert all(CHOICES[s] == (s,) for s in rwk.SPLITS)


def test_a_blind_split_writes_its_totals_only(tmp_path):
    rows = [(":", "$.", "-", "-"), ("„", "$(", "direct.speech.1", "-")]
    rows += [("Ja", "ITJ", "direct.speech.1", "-"), ("“", "$(", "direct.speech.1", "-")]
    text, gold = rwk.quotes(rwk.read(_table(tmp_path / "s.tsv", rows)))
    pages = [Page("redewiedergabe", "s", "", "grenz", s, text, "", gold) for s in rwk.SPLITS]
    result = evaluate(pages, {"none": ("text", lambda page: [])})
    dev, test = (result["splits"][s]["systems"]["none"] for s in rwk.SPLITS)
    assert dev["missed"] and dev["pages"] and (dev["gold"], dev["quote_recall"]) == (1, 0.0)
    assert not {"missed", "false", "wrong_speaker", "pages"} & set(test)
    assert (test["gold"], test["quote_recall"]) == (1, 0.0)
    assert [p["split"] for p in describe(pages)["pages"]] == ["rwk-dev"]


def test_the_command_refuses_without_the_checkout_or_with_other_files(tmp_path):
    """No ``--rwk``: a usage error naming the option; ``--html``: none to read. A checkout
    whose files are not commit 45abfcf5's: one line, exit 1, nothing written."""
    missing = _bench("--json", str(tmp_path / "q.json"))
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == (
        "python -m bench.quotes: error: --rwk : no data/main/tsv/metadata.tsv there "
        "(see bench/quotes/README.md)"
    )
    html = _bench("--rwk", str(tmp_path), "--html")
    assert html.returncode == 2 and "--html: REDEWIEDERGABE has no HTML pages" in html.stderr
    folder = tmp_path / rwk.TSV
    folder.mkdir(parents=True)
    (folder / "metadata.tsv").write_text("file\tsource\tfictional\n", encoding="utf-8")
    changed = _bench("--rwk", str(tmp_path), "--json", str(tmp_path / "q.json"))
    assert changed.returncode == 1 and not (tmp_path / "q.json").exists()
    assert changed.stderr.splitlines() == [
        f"python -m bench.quotes: {tmp_path}: not REDEWIEDERGABE commit 45abfcf5's rwk-dev files"
    ]


def test_the_checkout_s_splits_and_dev_gold():
    """At commit 45abfcf5: 443 non-fictional samples, 295 in rwk-dev and 148 in rwk-test,
    each split pinned by its digest; rwk-dev's gold items give their text back."""
    if not HERE:
        return
    samples = rwk.samples(CHECKOUT)
    assert len(samples) == 443
    assert sum(rwk.split_of(s) == "rwk-dev" for s in samples) == 295
    for split in rwk.SPLITS:
        assert rwk.digest(CHECKOUT, split) == rwk.DIGESTS[split]
    pages = rwk.load(CHECKOUT, ("rwk-dev",))
    gold = [q for p in pages for q in p.quotes]
    assert sum(q.required for q in gold) == 187 and len(gold) == 432
    for page in pages:
        for q in page.quotes:
            assert page.text[q.start : q.end] == q.text
            assert " ".join(page.text[s:e] for s, e in q.sources) == q.mention


def test_a_changed_sample_is_refused(tmp_path):
    """One rwk-dev sample's file changed by a byte: the split is refused."""
    if not HERE:
        return
    shutil.copytree(CHECKOUT / rwk.TSV, tmp_path / rwk.TSV)
    sample = next(s for s in rwk.samples(tmp_path) if rwk.split_of(s) == "rwk-dev")
    path = tmp_path / rwk.TSV / f"{sample}.tsv"
    path.write_bytes(path.read_bytes() + b"\n")
    assert rwk.digest(tmp_path, "rwk-dev") != rwk.DIGESTS["rwk-dev"]
    assert rwk.digest(tmp_path, "rwk-test") == rwk.DIGESTS["rwk-test"]
