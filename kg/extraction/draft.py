"""Write a draft as an annotation file (and the proposed actors as a registry file).

The YAML is written by hand, not dumped, so that each statement can carry a comment
with the sentence it came from and how sure the extractor is. Strings go through
:func:`scalar`, which quotes whatever YAML could misread.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from kg.anchoring import find_all
from kg.extraction.model import DraftStatement
from kg.extraction.speakers import Actor, Mention, RegistryProposition
from kg.namespaces import slugify

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
_KEY_ORDER = ("denies", "refutes", "counters", "confirms", "reports")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when safe, else double-quoted (JSON escapes are YAML's)."""
    if _PLAIN.match(value) and value.lower() not in _YAML_WORDS and not value.endswith(" ") and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def normalise(text: str) -> str:
    """Quote text as a proposition: one line, no enclosing marks, a capital and a full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    if text[:1] in '"“„«':
        text = text.strip('"“”„«»').strip()
    text = text.rstrip(",;:")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


@dataclass
class DraftDocument:
    """Everything the annotation file says besides the statements."""

    id: str
    text: str
    text_file: str
    source: str
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    annotated_on: str | None = None


@dataclass
class Proposition:
    id: str
    text: str


def assign(statements: list[DraftStatement], text: str, registry: list[RegistryProposition]) -> list[Proposition]:
    """Give statements ids (s1, s2, ...) and propositions: a registry one when the quote says
    exactly its text, the proposition of ``same_as`` when shared, else a new local one."""
    for number, statement in enumerate(statements, start=1):
        statement.id = f"s{number}"
    by_text = {_key(p.text): p.id for p in registry}
    taken = {p.id for p in registry}
    minted: list[Proposition] = []
    local: dict[str, str] = {}  # the same words, the same proposition
    pending = list(statements)
    # Shared propositions are resolved after the statements they share with.
    for _ in range(3):
        for statement in list(pending):
            if statement.same_as is not None:
                if not statement.same_as.proposition:
                    continue
                statement.proposition = statement.same_as.proposition
            else:
                main = max(statement.quotes, key=lambda q: q[1] - q[0])
                wording = normalise(text[main[0] : main[1]])
                registered = by_text.get(_key(wording)) or local.get(_key(wording))
                if registered:
                    statement.proposition = registered
                else:
                    words = re.findall(r"[a-z0-9]+", wording.lower())
                    base = slugify(" ".join(words[:6])) or "claim"
                    prop_id, n = base, 2
                    while prop_id in taken:
                        prop_id, n = f"{base}-{n}", n + 1
                    taken.add(prop_id)
                    minted.append(Proposition(prop_id, wording))
                    local[_key(wording)] = prop_id
                    statement.proposition = prop_id
            pending.remove(statement)
    return minted


def _hint(text: str, span: tuple[int, int], within: list[tuple[int, int]] | None = None) -> str:
    """``occurrence: N`` when the words of ``span`` occur elsewhere too (so ``add`` anchors them here)."""
    words = text[span[0] : span[1]]
    everywhere = find_all(text, words)
    if within is not None:
        inside = find_all(text, words, within)
        if inside == [span] or (not inside and everywhere == [span]):
            return ""
    elif everywhere == [span]:
        return ""
    if span not in everywhere:
        return ""
    return f", occurrence: {everywhere.index(span) + 1}"


def _mention(text: str, key: str, mention: Mention, quotes: list[tuple[int, int]]) -> str:
    span = (mention.start, mention.end)
    return f"    {key}: {{text: {scalar(text[span[0] : span[1]])}, kind: {mention.kind}{_hint(text, span, quotes)}}}"


def render_statement(statement: DraftStatement, text: str) -> list[str]:
    sentence = re.sub(r"\s+", " ", text[statement.sentence[0] : statement.sentence[1]])
    shown = sentence if len(sentence) <= 100 else sentence[:97] + "..."
    lines = [
        f"  # {statement.confidence:.1f} — rule: {statement.rule}",
        f"  # sentence: {shown}",
        f"  - id: {statement.id}",
        f"    speaker: {statement.speaker}",
    ]
    if statement.mention is not None and statement.mention.end > statement.mention.start:
        lines.append(_mention(text, "mention", statement.mention, statement.quotes))
    if statement.role:
        lines.append(f"    role: {statement.role}")
    lines.append(f"    act: {statement.act}")
    if statement.cue:
        lines.append(f"    cue: {scalar(statement.cue)}")
    if statement.date:
        lines.append(f"    date: {statement.date}")
    if statement.channel:
        lines.append(f"    channel: {statement.channel}")
    if statement.via:
        lines.append(f"    via: {statement.via}")
    lines.append(f"    proposition: {statement.proposition}")
    if statement.certainty:
        lines.append(f"    certainty: {statement.certainty}")
    if statement.accuses:
        lines.append(f"    accuses: {statement.accuses}")
        if statement.accused_mention is not None:
            lines.append(_mention(text, "accused-mention", statement.accused_mention, statement.quotes))
    if statement.withholds:
        lines.append(f"    withholds: {scalar(statement.withholds)}")
    for key in _KEY_ORDER:
        targets = [t.id for t in statement.targets.get(key, [])]
        if targets:
            lines.append(f"    {key}: {targets[0] if len(targets) == 1 else '[' + ', '.join(targets) + ']'}")
    quotes = [(a, b) for a, b in statement.quotes]
    if len(quotes) == 1:
        lines.append(f"    quote: {_quote(text, quotes[0], inline=True)}")
    else:
        lines.append("    quote:")
        lines.extend(f"      - {_quote(text, q, inline=False)}" for q in quotes)
    return lines


def _quote(text: str, span: tuple[int, int], *, inline: bool) -> str:
    words = scalar(text[span[0] : span[1]])
    hint = _hint(text, span)
    if not hint and inline:
        return words
    return f"{{text: {words}{hint}}}"


def render_annotation(
    document: DraftDocument, statements: list[DraftStatement], propositions: list[Proposition]
) -> str:
    """The annotation file of a draft."""
    lines = [
        "# Machine draft written by `claimgraph extract`: review every statement before `claimgraph add`.",
        "# Each statement says the rule that found it and a confidence from 0 to 1.",
        "",
        "document:",
        f"  id: {document.id}",
        f"  text-file: {scalar(document.text_file)}",
    ]
    if document.published:
        lines.append(f"  published: {document.published}")
    if document.publisher:
        lines.append(f"  publisher: {document.publisher}")
    if document.url:
        lines.append(f"  url: {scalar(document.url)}")
    lines += ["  language: en", f"  source: {scalar(document.source)}", "", "annotation:"]
    lines.append("  by: claimgraph extract (machine draft)")
    if document.annotated_on:
        lines.append(f"  on: {document.annotated_on}")
    if propositions:
        lines += ["", "propositions:"]
        for proposition in propositions:
            lines += [f"  - id: {proposition.id}", f"    text: {scalar(proposition.text)}"]
    lines += ["", "statements:" if statements else "statements: []"]
    for statement in statements:
        lines += render_statement(statement, document.text)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_actors(actors: list[Actor], name: str) -> str:
    """The proposed actors as a registry file (the format of examples/registry/actors.yaml)."""
    lines = [
        "# Actors proposed by `claimgraph extract`: names found in the text but in no registry.",
        "# Check each one: merge it into your registry, correct its type, or rename it.",
        "",
        f"registry: {scalar(name)}",
        "",
        "actors:" if actors else "actors: []",
    ]
    for actor in actors:
        lines += [f"  - id: {actor.id}", f"    type: {actor.type}", "    labels:", f"      en: {scalar(actor.label)}"]
        aliases = [n for n in actor.names if n != actor.label]
        if aliases:
            lines.append(f"    aliases: {{en: [{', '.join(scalar(a) for a in aliases)}]}}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
