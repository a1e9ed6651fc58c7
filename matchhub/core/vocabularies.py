"""Controlled vocabularies (fields, modes, IP types, TRL, ...) from config/vocabularies.json.

Values are stored as stable English codes; people see the Chinese labels.
"""

from dataclasses import dataclass, field
from functools import cache

from matchhub.core.config_files import load_json


@dataclass(frozen=True)
class Vocabulary:
    name: str
    labels: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)
    """Other spellings (older names, numeric form codes) -> code; accepted, never shown."""

    @property
    def codes(self) -> list[str]:
        return list(self.labels)

    def label(self, code: str | None) -> str:
        return self.labels.get(code or "", code or "")

    def choices(self) -> list[tuple[str, str]]:
        return list(self.labels.items())

    def code_for(self, value: str) -> str | None:
        """Accept a code or a Chinese label (as import files carry); None if unknown."""
        value = (value or "").strip()
        if value in self.labels:
            return value
        for code, label in self.labels.items():
            if value == label or value in label.split("/"):
                return code
        return self.aliases.get(value)

    def __contains__(self, code: object) -> bool:
        return code in self.labels


@cache
def vocabulary(name: str) -> Vocabulary:
    data = load_json("vocabularies.json")
    aliases = data.get(f"{name}_aliases", {})
    return Vocabulary(name, {str(row[0]): row[1] for row in data[name]},
                      {alias: str(code) for alias, code in aliases.items()})


@dataclass(frozen=True)
class TrlLevel:
    level: int
    description: str
    stage: str

    @property
    def stage_label(self) -> str:
        return vocabulary("maturity_stages").label(self.stage)

    @property
    def label(self) -> str:
        return f"TRL{self.level}（{self.stage_label}）"


@cache
def trl_levels() -> dict[int, TrlLevel]:
    rows = load_json("vocabularies.json")["trl_levels"]
    return {int(r[0]): TrlLevel(int(r[0]), r[1], r[2]) for r in rows}


def trl_label(level: int | None) -> str:
    if level is None:
        return "不限"
    found = trl_levels().get(level)
    return found.label if found else str(level)


def stage_range(stage: str) -> tuple[int, int]:
    """Lowest and highest TRL belonging to a maturity stage code."""
    levels = [t.level for t in trl_levels().values() if t.stage == stage]
    if not levels:
        raise KeyError(stage)
    return min(levels), max(levels)
