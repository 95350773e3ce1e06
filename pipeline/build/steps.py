"""The ordered extraction steps, and the fingerprints that make builds incremental.

A step's fingerprint hashes the source of its module and of every project module that
module uses, so editing a rule is noticed without anyone bumping a version by hand.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType

from corpus.store import blake3_hex
from pipeline.extract import citations, clean, entities, fields, media, quotes
from pipeline.extract.model import Doc
from pipeline.extract.registry import Registry

StepFunction = Callable[[Doc, Registry], Doc]
_OURS = ("corpus", "pipeline")


@dataclass(frozen=True)
class Step:
    name: str
    run: StepFunction

    @cached_property
    def fingerprint(self) -> str:
        """BLAKE3 of the step's name and the sources of the modules it depends on.

        A step that is a package of its own (``quotes/``, whose ``__init__`` exports ``run``)
        counts from the package: its ``__init__`` and every module of it.
        """
        module = sys.modules[self.run.__module__]
        package = sys.modules[module.__package__ or module.__name__]
        own = package is not module and getattr(package, "run", None) is self.run
        return source_fingerprint(self.name, package if own else module)


STEPS: tuple[Step, ...] = (
    Step("clean", clean.run),
    Step("fields", fields.run),
    Step("media", media.run),
    Step("entities", entities.run),
    Step("quotes", quotes.run),
    Step("citations", citations.run),
)


def fingerprint(steps: Sequence[Step], registry: Registry) -> str:
    """One fingerprint for a build configuration: every step's, and the registry's."""
    parts = [f"{s.name}:{s.fingerprint}" for s in steps] + [f"registry:{registry.fingerprint}"]
    return blake3_hex("\n".join(parts).encode())


def source_fingerprint(name: str, module: ModuleType) -> str:
    """BLAKE3 of ``name`` and the sources of ``module`` and of the project modules it uses."""
    sources = [inspect.getsource(m) for m in sorted(_depends(module), key=lambda m: m.__name__)]
    return blake3_hex("\0".join([name, *sources]).encode())


def _depends(module: ModuleType, seen: set[ModuleType] | None = None) -> set[ModuleType]:
    """``module`` and the project modules it reaches through its globals, transitively."""
    seen = set() if seen is None else seen
    seen.add(module)
    for value in vars(module).values():
        dep = (
            value
            if isinstance(value, ModuleType)
            else sys.modules.get(getattr(value, "__module__", "") or "")
        )
        if dep is not None and dep not in seen and dep.__name__.split(".")[0] in _OURS:
            _depends(dep, seen)
    return seen
