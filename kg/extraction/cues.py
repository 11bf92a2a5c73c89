"""Reporting verbs and phrases (the cues of attribution), and the speech act each signals.

A cue is matched as a whole word, in the forms news prose uses (said, says, has said,
added, ...). Content words that change the act of what is reported (not disclosing,
will continue, I think) are here too, so the rules in :mod:`kg.extraction.attribution`
stay free of word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# verb stem forms -> speech act. Each entry lists the inflected forms written out.
_VERBS: dict[str, tuple[str, ...]] = {
    "asserts": (
        "said", "says", "say", "saying", "added", "adds", "adding", "noted", "notes", "noting",
        "emphasised", "emphasized", "emphasises", "emphasizes", "emphasising", "emphasizing",
        "stressed", "stresses", "stressing", "clarified", "clarifies", "stated", "states", "explained",
        "explains", "told", "tells", "announced", "announces", "declared", "declares", "insisted",
        "insists", "claimed", "claims", "argued", "argues", "wrote", "writes", "posted", "warned", "warns",
        "pointed out", "points out", "underlined", "underlines", "highlighted", "highlights", "remarked",
        "commented", "comments", "mentioned", "observed", "assured", "assures", "specified", "specifies",
        "indicated", "indicates", "suggested", "suggests", "believes", "believed", "thinks", "expects",
        "expected", "estimated", "estimates", "predicted", "predicts", "hopes", "hoped", "recalled",
        "recalls", "asserted", "asserts", "maintained", "maintains", "answered", "replied", "responded",
    ),
    "reports": ("reported", "reports", "informed", "informs"),
    "confirms": (
        "confirmed", "confirms", "confirm", "confirming", "acknowledged", "acknowledges", "admitted", "admits",
    ),
    "denies": (
        "denied", "denies", "deny", "denying", "rejected", "rejects", "reject", "rejecting", "dismissed", "dismisses",
    ),
    "refutes": (
        "refuted", "refutes", "refute", "refuting", "debunked", "debunks", "disproved", "disproves", "rebutted",
    ),
    "accuses": ("accused", "accuses", "accuse", "accusing", "blamed", "blames", "blaming", "charged"),
    "commits": ("promised", "promises", "pledged", "pledges", "vowed", "vows", "committed"),
    "counter-claims": ("countered", "counters", "retorted", "retorts"),
}  # fmt: skip

ACT_OF: dict[str, str] = {form: act for act, forms in _VERBS.items() for form in forms}
# The forms that presuppose earlier words of the same speaker ("Zelensky added").
CONTINUING = {"added", "adds", "adding", "continued", "went on"}
HEDGING = {"believes", "believed", "thinks", "expects", "expected", "estimated", "estimates", "predicted", "hopes"}

CUE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ACT_OF), key=len, reverse=True)) + r")(?![\w-])")
# "did not provide a specific timeline", "declined to comment", "is not disclosing the number"
WITHHOLDING = re.compile(
    r"(?<!\w)(?:(?:did|does|do|would|will|could)\s+not|didn[’']t|won[’']t|refused\s+to|declined\s+to)\s+"
    r"(?:provide|disclose|reveal|specify|say|give|name|comment|share|elaborate|confirm)\w*\b"
    r"|(?<!\w)(?:is|are|was|were)\s+not\s+(?:being\s+)?(?:disclos|reveal|specif|nam|publish|report)\w*\b",
    re.IGNORECASE,
)
COMMITTING = re.compile(
    r"(?<!\w)(?:will\s+continue|(?:we|I)\s+will|we\s+shall|we\s+are\s+going\s+to|will\s+not\s+stop|"
    r"will\s+keep|(?:pledged|promised|vowed)\s+to)(?!\w)",
    re.IGNORECASE,
)
HEDGE_WORDS = re.compile(
    r"(?<!\w)(?:I|we)\s+(?:think|believe|expect|hope|assume)(?!\w)|(?<!\w)(?:probably|likely|perhaps|possibly)(?!\w)",
    re.IGNORECASE,
)
# Blame words that make an assertion an accusation when a side is named as their agent.
BLAME = re.compile(
    r"(?<!\w)(misinformation|disinformation|propaganda|provocations?|aggression|attacks?|shelling|lies|fakes?|"
    r"war\s+crimes?|violations?|sabotage|blackmail)(?!\w)",
    re.IGNORECASE,
)
# Words that move a paragraph's statements away from the publication date.
TIME_SHIFT = re.compile(
    r"^(?:later|earlier|previously|before\s+that|last\s+(?:week|month|year)|in\s+\w+\s+\d{4}|on\s+\w+\s+\d{1,2},?\s*\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """A reporting word found in the text."""

    start: int
    end: int
    word: str
    act: str

    @property
    def continuing(self) -> bool:
        return self.word.lower() in CONTINUING


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Reporting verbs in ``text[start:end]``, in text order."""
    cues = []
    for match in CUE.finditer(text, start, end):
        word = match.group(1)
        cues.append(Cue(match.start(), match.end(), word, ACT_OF[word.lower()]))
    return cues


def withholding(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first "did not provide" / "is not being disclosed" phrase in the span."""
    return WITHHOLDING.search(text, start, end)


def commits(text: str) -> bool:
    """Whether words commit their speaker to a future act ("the work will continue")."""
    return COMMITTING.search(text) is not None and HEDGE_WORDS.search(text) is None


def hedged(text: str) -> bool:
    """Whether the speaker marks the words as belief, not knowledge ("we expect that")."""
    return HEDGE_WORDS.search(text) is not None
