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
