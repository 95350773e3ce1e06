"""Imports go one way: the loader never needs the build; extraction needs no storage or site."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> dict[str, set[str]]:
    """Every module of ``package`` (a folder under the repository) and what it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("corpus", ()),
        ("pipeline/extract", ("pipeline.extract",)),
        ("pipeline/raw", ("pipeline.raw", "pipeline.project", "pipeline.publish.atomic")),
    ],
)
def test_a_package_imports_only_what_is_below_it(package: str, allowed: tuple[str, ...]) -> None:
    wrong = {
        module: sorted(n for n in names if n.startswith("pipeline") and not n.startswith(allowed))
        for module, names in _imports(package).items()
    }
    assert {m: n for m, n in wrong.items() if n} == {}


def test_the_rule_reads_imports_inside_functions_too() -> None:
    """Lazy imports count: ``corpus/verify.py`` imports inside functions, and they are seen."""
    assert any("." in n for n in _imports("corpus")["corpus/verify.py"])
