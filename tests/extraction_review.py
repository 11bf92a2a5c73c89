"""Review helpers for the extraction tests: apply a list of corrections to a draft, and read
the statements of an annotation file as ``add`` compiles them, keyed by quote span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.annotation import compile_annotation
from kg.yamlfile import load_yaml

CG = "https://w3id.org/claimgraph/ontology#"
OA = "http://www.w3.org/ns/oa#"
TARGETS = ("denies", "refutes", "counters", "confirms", "reports")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Facts:
    """What matters about one statement, with targets named by their quote spans."""

    speaker: str
    act: str
    polarity: str
    spans: Spans
    date: str | None
    accused: str | None
    proposition: str
    targets: frozenset[tuple[str, Spans]]


def apply_corrections(draft: dict[str, Any], corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply review fixes in order: ``{statement, key, value}`` sets (or, with value null,
    removes) one key; ``{drop}`` removes a statement; ``{add}`` appends one;
    ``{proposition, becomes}`` replaces a drafted proposition by a registry one everywhere."""
    corrections = plain(corrections)
    statements = draft["statements"]
    by_id = {s["id"]: s for s in statements}
    for fix in corrections:
        assert fix.get("reason"), f"every correction says why: {fix}"
        if "drop" in fix:
            statements.remove(by_id.pop(fix["drop"]))
        elif "add" in fix:
            if "define" in fix:
                draft.setdefault("propositions", []).append(dict(fix["define"]))
            statements.append(dict(fix["add"]))
            by_id[fix["add"]["id"]] = statements[-1]
        elif "becomes" in fix:
            old = fix["proposition"]
            draft["propositions"] = [p for p in draft.get("propositions") or [] if p["id"] != old]
            hits = [s for s in statements if s["proposition"] == old]
            assert hits, f"no statement has proposition {old!r}"
            for statement in hits:
                statement["proposition"] = fix["becomes"]
        else:
            statement = by_id[fix["statement"]]
            if fix["value"] is None:
                statement.pop(fix["key"], None)
            else:
                statement[fix["key"]] = fix["value"]
    return draft


def plain(value: Any) -> Any:
    """A loaded YAML value as plain dicts and lists (to dump it again)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def read_draft(path: Path) -> dict[str, Any]:
    """A draft annotation file as plain data (read as ``add`` reads it: dates stay text)."""
    return plain(load_yaml(path))


def write_yaml(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return path


def facts(path: Path) -> dict[Spans, Facts]:
    """The statements of an annotation file, compiled as ``add`` does, keyed by their quote spans."""
    document = load_yaml(path)
    compiled = compile_annotation(document, path)
    graph: dict[str, dict[str, list[str]]] = {}
    for triple in compiled.triples:
        graph.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(triple.object.value)

    def last(value: str | None) -> str | None:
        return re.split(r"[/#]", value)[-1] if value else None

    def one(subject: str, predicate: str) -> str | None:
        values = graph.get(subject, {}).get(predicate, [])
        return values[0] if values else None

    def spans_of(node: str) -> Spans:
        found = []
        for quote in graph[node].get(CG + "hasQuote", []):
            for selector in graph[quote][OA + "hasSelector"]:
                if OA + "start" in graph[selector]:
                    found.append((int(one(selector, OA + "start")), int(one(selector, OA + "end"))))
        return tuple(sorted(found))

    nodes = [
        s for s, p in graph.items() if CG + "Statement" in p.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", [])
    ]
    spans = {node: spans_of(node) for node in nodes}
    result = {}
    for node in nodes:
        targets = frozenset(
            (key, spans[target]) for key in TARGETS for target in graph[node].get(CG + key, []) if target in spans
        )
        result[spans[node]] = Facts(
            speaker=last(one(node, CG + "speaker")) or "",
            act=last(one(node, CG + "speechAct")) or "",
            polarity=last(one(node, CG + "polarity")) or "",
            spans=spans[node],
            date=one(node, CG + "statedOn"),
            accused=last(one(node, CG + "accuses")),
            proposition=last(one(node, CG + "expresses")) or "",
            targets=targets,
        )
    assert len(result) == len(nodes), "two statements share the same quote spans"
    return result


def differences(draft: dict[Spans, Facts], gold: dict[Spans, Facts], shared: set[str]) -> list[str]:
    """Every way the corrected draft differs from the gold annotation (empty when they agree).

    Propositions in ``shared`` (the registry's) must be the same id; document-local ones
    must correspond one to one (the draft mints its own ids for them)."""
    problems = [f"missing statement {spans}" for spans in gold if spans not in draft]
    problems += [f"extra statement {spans}" for spans in draft if spans not in gold]
    local: dict[str, str] = {}
    for spans in sorted(set(draft) & set(gold)):
        mine, theirs = draft[spans], gold[spans]
        for name in ("speaker", "act", "polarity", "date", "accused", "targets"):
            if getattr(mine, name) != getattr(theirs, name):
                problems.append(f"{spans} {name}: {getattr(mine, name)!r} != {getattr(theirs, name)!r}")
        if mine.proposition in shared or theirs.proposition in shared:
            if mine.proposition != theirs.proposition:
                problems.append(f"{spans} proposition: {mine.proposition!r} != {theirs.proposition!r}")
        elif local.setdefault(mine.proposition, theirs.proposition) != theirs.proposition:
            problems.append(f"{spans} proposition {mine.proposition!r} stands for two gold propositions")
    if len(set(local.values())) != len(local):
        problems.append("two drafted propositions stand for one gold proposition")
    return problems
