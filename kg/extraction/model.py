"""What the extractor finds: draft statements with their spans, before ids and YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extraction.speakers import Mention


@dataclass
class DraftStatement:
    """One attributed statement found in the text, with the rule that found it.

    ``quotes`` are ``(start, end)`` offsets into the document text; ``targets`` maps a
    response key (denies, refutes, counters, confirms, reports) to the statements it
    answers or relays; ``same_as`` shares the proposition of another statement (a denial
    of "this" denies what the accusation claimed).
    """

    speaker: str  # actor id, or "document"
    act: str
    quotes: list[tuple[int, int]]
    sentence: tuple[int, int]
    confidence: float
    rule: str
    mention: Mention | None = None
    cue: str | None = None
    date: str | None = None
    accuses: str | None = None
    accused_mention: Mention | None = None
    withholds: str | None = None
    certainty: str | None = None
    channel: str | None = None
    via: str | None = None
    role: str | None = None
    targets: dict[str, list[DraftStatement]] = field(default_factory=dict)
    same_as: DraftStatement | None = None
    id: str = ""
    proposition: str = ""

    @property
    def start(self) -> int:
        return min(a for a, _ in self.quotes)

    def target(self, key: str, other: DraftStatement) -> None:
        self.targets.setdefault(key, []).append(other)
