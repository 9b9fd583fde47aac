"""Review notes: every fact an importer guessed, with where it sits in the written record."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Note:
    path: str  # field path in the record, e.g. "body[2].items[0].award"; "" for the record
    message: str  # Vietnamese: officers read these in the YAML file

    def __str__(self) -> str:
        return f"{self.path or '(bản ghi)'}: {self.message}"


@dataclass
class Notes:
    items: list[Note] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        self.items.append(Note(path, message))

    def by_path(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for note in self.items:
            out.setdefault(note.path, []).append(note.message)
        return out

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
