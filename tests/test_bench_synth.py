"""The scale benchmark's synthetic captures: deterministic, varied, and ingestible."""

from __future__ import annotations

from conftest import REPO

from bench import synth
from pipeline.raw.formats import sniff

REGISTRY = REPO / "corpus" / "registry"


def test_a_capture_depends_only_on_seed_and_position():
    first = list(synth.captures(REGISTRY, 30, seed=3))
    assert list(synth.captures(REGISTRY, 30, seed=3)) == first
    assert list(synth.captures(REGISTRY, 30, seed=3, start=20)) == first[20:]
    assert list(synth.captures(REGISTRY, 30, seed=4)) != first


def test_captures_are_varied_like_real_ones():
    captures = list(synth.captures(REGISTRY, 300))
    sizes = [len(c.data) for c in captures]
    assert min(sizes) >= synth.MIN_BYTES and max(sizes) <= synth.MAX_BYTES
    formats = [sniff(c.data, c.name) for c in captures]
    assert {f.media_type for f in formats} == {"text/plain", "text/html"}
    assert {f.encoding for f in formats} == {"utf-8", "cp1252"}
    text = "\n".join(c.data.decode(f.encoding) for c, f in zip(captures, formats, strict=True))
    for mark in ("“", "«", "‘", '"'):
        assert mark in text
    assert "Sergei Shoigu" in text, "speakers come from the gazetteer"


def test_write_makes_folders_of_the_first_n_and_reuses_them(tmp_path):
    folders = synth.write(tmp_path, REGISTRY, 5, seed=1)
    assert [f.name for f in folders] == ["00000-5"]
    names = sorted(p.name for p in folders[0].iterdir())
    assert names == sorted(c.name for c in synth.captures(REGISTRY, 5, seed=1))
    (folders[0] / names[0]).unlink()
    assert synth.write(tmp_path, REGISTRY, 5, seed=1) == folders
    assert len(list(folders[0].iterdir())) == 4, "a complete folder is not rewritten"


def test_quotations_repeat_within_a_story_as_in_news():
    """A statement is quoted only by the reports of its story (a handful, within days); a
    catchphrase by reports of several stories; most quotations are of words no other report
    of another story carries (docs/across.md, across6)."""
    generator = synth.Generator(REGISTRY)
    n = 4 * synth.STORY_BLOCK
    texts = [generator.capture(i).data.decode("utf-8", "replace") for i in range(n)]
    stories = [generator.story(i) for i in range(n)]
    reports: dict[str, set[int]] = {}
    for story in stories:
        for said in story.said.values():
            for statement in said:
                reports.setdefault(statement, set())
    for statement, found in reports.items():
        found.update(i for i, t in enumerate(texts) if statement in t)
    for statement, found in reports.items():
        owners = {id(stories[i]) for i in found}
        assert len(owners) <= 1, f"{statement!r} is quoted by reports of {len(owners)} stories"
        assert len(found) <= len(synth.STORY_SIZES)
    repeated = [found for found in reports.values() if len(found) >= 2]
    assert len(repeated) >= 10, "stories' statements are quoted by several of their reports"
    sizes = [sum(s is story for s in stories) for story in {id(s): s for s in stories}.values()]
    assert max(sizes) > 1 and sizes.count(1) > len(sizes) / 3
    catch = {
        c: {id(stories[i]) for i, t in enumerate(texts) if c in t}
        for said in generator.catchphrases.values()
        for c in said
    }
    assert max(len(s) for s in catch.values()) >= 2, "a catchphrase recurs across stories"
