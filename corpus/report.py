"""Problems as data: what ``validate`` and ``verify`` return instead of raising on the first."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the check can: table, row key, column."""

    check: str
    message: str
    table: str = ""
    key: str = ""
    column: str = ""
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        where = ".".join(p for p in (self.table, self.key, self.column) if p)
        return f"{self.check}: {where + ': ' if where else ''}{self.message}"


@dataclass
class Report:
    """Every problem a check found, and how much it looked at."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, message: str, **where: str) -> None:
        self.problems.append(Problem(check, message, **where))

    def count(self, what: str, n: int = 1) -> None:
        self.checked[what] = self.checked.get(what, 0) + n

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)
        for what, n in other.checked.items():
            self.count(what, n)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "ok": self.ok,
            "checked": dict(sorted(self.checked.items())),
            "problems": [asdict(p) for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in sorted(self.checked.items()))
        verdict = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        return f"{self.name}: {verdict} ({counts})"
