"""Readers see one whole version: the loader, ``verify`` and the site while builds publish.

Real builds (in-process and as ``corpus`` processes), real reads through the loader API, the
real Datasette of ``corpus serve`` with its in-process client.
"""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_faults import CORPUS, more_to_build

import corpus
from bench.readers import read_during
from pipeline.build.run import build
from pipeline.project import Project
from pipeline.publish.atomic import RETIRED_PREFIX, repair
from pipeline.site.follow import follow
from pipeline.site.serve import datasette


def retired(project: Project) -> list[Path]:
    return sorted(project.base.glob(f"{RETIRED_PREFIX}*"))


def open_files() -> list[str]:
    """What this process's descriptors point to."""
    fds = Path("/proc/self/fd")
    return [os.readlink(fd) for fd in fds.iterdir() if fd.is_symlink() and fd.exists()]


def test_reads_during_builds_never_see_a_missing_file_or_a_mix(
    project: Project, tmp_path: Path
) -> None:
    """Without versions, about one verify in a hundred failed here (bench/readers.py)."""
    tally = read_during(project.root, builds=2, work=tmp_path)
    assert tally.reads["verify"] > 10 and tally.reads["load"] > 10
    assert not tally.failed, tally.examples
    assert len(corpus.at(project.root).rows("raw_files")) == 7  # its captures are problems
    repair(project)  # a version pinned by a read when a build swapped it out: removed now
    assert not retired(project)


# A reader in its own process; a build publishes in the middle of its read, at its first open
# of a table's CSV (an audit hook), so the swap falls between the descriptor and the tables.
MID_READ = """
import sys
from pathlib import Path

import corpus
from pipeline.build.run import build
from pipeline.site.follow import follow
from pipeline.project import Project

reader, root = sys.argv[1:]
building = []

def hook(event, args):
    path = str(args[0]) if event == "open" else ""
    read = path.endswith(".csv") and ("/corpus/data/" in path or path.startswith("/proc/"))
    if read and not building:
        building.append(path)
        build(Project(Path(root)))

sys.addaudithook(hook)
data = corpus.at(root)
if reader == "verify":
    report = data.verify()
    print(report.ok, report.checked["documents"], report.problems[:1])
else:
    print(True, len(data.rows("documents")), [])
assert building, "no build in the middle"
"""


@pytest.mark.parametrize("reader", ["verify", "rows"])
def test_a_read_reads_the_version_it_began_on_while_a_build_publishes(
    project: Project, tmp_path: Path, reader: str
) -> None:
    more_to_build(project, tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", MID_READ, reader, str(project.root)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(maxsplit=2)[:2] == ["True", "5"], done.stdout
    assert len(corpus.at(project.root).rows("documents")) == 6  # published meanwhile


def test_a_pinned_version_outlives_the_build_that_replaces_it(
    project: Project, tmp_path: Path
) -> None:
    data = corpus.at(project.root)
    with data.version() as old:
        documents = old.rows("documents")
        more_to_build(project, tmp_path)
        build(project)
        assert len(data.rows("documents")) == len(documents) + 1  # the new version, for others
        assert old.rows("documents") == documents
        assert old.load_frame("raw_files").shape[0] == len(documents)
        assert old.verify().ok
        assert len(retired(project)) == 1, "kept while pinned, renamed out of the way"
    repair(project)  # what the next build or ingest does first
    assert not retired(project)
    assert data.verify().ok


def test_the_site_follows_a_rebuild_without_a_restart(project: Project, tmp_path: Path) -> None:
    ds = datasette(project)
    sql = "/corpus.json?sql=select+count(*)+as+n+from+documents&_shape=array"

    async def documents() -> int:
        response = await ds.client.get(sql)
        assert response.status_code == 200, response.text
        return int(response.json()[0]["n"])

    def doc_ids() -> set[str]:
        return {d["doc_id"] for d in corpus.at(project.root).rows("documents")}

    async def scenario() -> None:
        assert await documents() == 5
        before = doc_ids()
        more_to_build(project, tmp_path)
        build(project)
        assert await documents() == 6
        (new,) = doc_ids() - before
        page = await ds.client.get(f"/document/{new}")
        assert page.status_code == 200 and new in page.text

    asyncio.run(scenario())
    assert len(retired(project)) == 1, "pinned by the site when the build swapped it out"
    held = [
        f
        for f in open_files()
        if f.startswith(str(project.base)) and (RETIRED_PREFIX in f or f.endswith(" (deleted)"))
    ]
    assert not held, "the site let go of the old version: its database is closed"
    repair(project)
    assert not retired(project)


def test_every_query_of_a_request_is_answered_by_the_version_it_began_on(
    project: Project, tmp_path: Path
) -> None:
    ds = datasette(project)
    db = ds.get_database("corpus")
    counts = []

    async def documents() -> int:
        return int((await db.execute("select count(*) from documents")).first()[0])

    async def page(scope: object, receive: object, send: object) -> None:
        """A page that queries, then (a build publishing meanwhile) queries again."""
        counts.append(await documents())
        more_to_build(project, tmp_path)
        build(project)
        counts.append(await documents())
        later = await ds.client.get("/corpus.json?sql=select+count(*)+from+documents")
        counts.append(later.json()["rows"][0][0])  # a request begun after the build

    asyncio.run(follow(ds, project.data_dir)(page)({"type": "http"}, None, None))
    assert counts == [5, 5, 6]
    held = [f for f in open_files() if RETIRED_PREFIX in f]
    assert not held, "the old version is let go when the request begun on it ends"


def test_a_build_publishes_files_others_can_read_as_the_umask_allows(
    project: Project, tmp_path: Path
) -> None:
    more_to_build(project, tmp_path)
    done = subprocess.run(
        [CORPUS, "build", "--root", project.root],
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o027),
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(project.data_dir.stat().st_mode) == 0o750
    published = [p for p in project.data_dir.rglob("*") if p.is_file()]
    published.append(project.root / "datapackage.json")
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in published}
    assert set(modes.values()) == {"0o640"}, modes
