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


QUOTES = ("base", "cues", "context", "focus", "phrases", "german_french", "english", "speakers")


def test_the_quote_rules_import_one_way() -> None:
    """Each module of ``pipeline/extract/quotes/`` imports only those listed before it (the
    step, then ``__init__``, may import all): no cycles inside the package."""
    order = [*QUOTES, "step", "__init__"]
    found = _imports("pipeline/extract/quotes")
    assert sorted(found) == sorted(f"pipeline/extract/quotes/{m}.py" for m in order)
    wrong = {}
    for k, module in enumerate(order):
        below = tuple(f"pipeline.extract.quotes.{m}." for m in order[:k])
        names = found[f"pipeline/extract/quotes/{module}.py"]
        inside = [n for n in names if n.startswith("pipeline.extract.quotes.")]
        wrong[module] = sorted(n for n in inside if not n.startswith(below))
    assert {m: n for m, n in wrong.items() if n} == {}
