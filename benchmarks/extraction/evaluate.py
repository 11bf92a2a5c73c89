"""Score ``claimgraph extract`` against hand annotations: precision, recall and F1.

For every gold text (the two seed articles, whose gold is ``examples/annotations/``, and
the texts in ``gold/dev/`` and ``gold/heldout/``) this runs the real command,
``claimgraph extract TEXT --registry ... -o DRAFT``, compiles the draft and the hand
annotation with claimgraph's own compiler (so quotes are anchored exactly as ``add``
anchors them), and compares the two statement by statement.

Statements are matched by their quote spans: a draft statement and a gold statement
match when a quote of one overlaps a quote of the other in the text. Three scores:

* **speaker + act**: a draft statement is right when it matches a gold statement with the
  same speaker and speech act; a gold statement is found when some draft statement with
  the same speaker and act matches it. Precision = right / draft statements, recall =
  found / gold statements. (Overlap matching, not one-to-one: a reviewer who splits one
  drafted quote into the three claims the annotator made has edited, not rewritten. The
  one-to-one figure, where each statement may be used once, is printed alongside.)
* **quote span**: the same without the speaker and act condition.
* **targets**: the links ``denies``, ``refutes`` and ``counters``. A draft link is right
  when a gold link with the same relation joins statements that match both of its ends.

The development part (seeds + ``gold/dev``) is what the extractor's rules were written
against; ``gold/heldout`` was kept aside and is reported on its own.

    .venv/bin/python benchmarks/extraction/evaluate.py
    .venv/bin/python benchmarks/extraction/evaluate.py --json /tmp/extraction.json --show-errors
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from kg.annotation import compile_annotation  # noqa: E402
from kg.errors import ClaimgraphError  # noqa: E402
from kg.yamlfile import load_yaml  # noqa: E402

OA = "http://www.w3.org/ns/oa#"
CG = "https://w3id.org/claimgraph/ontology#"
TARGET_KEYS = ("denies", "refutes", "counters")
REGISTRIES = [ROOT / "examples/registry/actors.yaml", ROOT / "examples/registry/propositions.yaml"]
GOLD_REGISTRY = HERE / "gold/registry.yaml"
PARTS = {
    "seed": sorted((ROOT / "examples/annotations").glob("*.yaml")),
    "dev": sorted((HERE / "gold/dev").glob("*.yaml")),
    "heldout": sorted((HERE / "gold/heldout").glob("*.yaml")),
}
DEVELOPMENT = ("seed", "dev")


@dataclass(frozen=True)
class Statement:
    """What the scores look at in one statement: who, which act, where in the text."""

    sid: str
    speaker: str
    act: str
    spans: tuple[tuple[int, int], ...]
    targets: tuple[tuple[str, str], ...]  # (relation, statement id in the same file)

    def overlaps(self, other: Statement) -> bool:
        return any(a < d and c < b for a, b in self.spans for c, d in other.spans)


@dataclass
class Counts:
    """Counts behind one precision/recall pair."""

    right: int = 0  # draft items that are right
    drafted: int = 0
    found: int = 0  # gold items that are found
    gold: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.right += other.right
        self.drafted += other.drafted
        self.found += other.found
        self.gold += other.gold
        return self

    def scores(self) -> dict[str, float | int]:
        precision = self.right / self.drafted if self.drafted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {**self.__dict__, "precision": precision, "recall": recall, "f1": f1}


@dataclass
class TextScore:
    """The scores of one gold text, and what went wrong, for --show-errors."""

    name: str
    part: str
    speaker_act: Counts = field(default_factory=Counts)
    one_to_one: Counts = field(default_factory=Counts)
    span: Counts = field(default_factory=Counts)
    targets: Counts = field(default_factory=Counts)
    error: str | None = None
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    return [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]


def read_statements(path: Path) -> list[Statement]:
    """The statements of an annotation file, with quote spans as ``add`` would anchor them."""
    document = load_yaml(path)
    compiled = compile_annotation(document, path)
    by_subject: dict[str, dict[str, list[str]]] = {}
    for triple in compiled.triples:
        by_subject.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(
            triple.object.value
        )

    def first(subject: str, predicate: str) -> str:
        return by_subject[subject][predicate][0]

    statements = []
    for entry in document.get("statements") or []:
        if "ref" in entry:
            continue  # a statement recorded by another document; no speaker or act here
        sid = str(entry["id"])
        node = next(s for s in by_subject if s.endswith(f"/statement/{document['document']['id']}/{sid}"))
        spans = []
        for quote in by_subject[node].get(CG + "hasQuote", []):
            for selector in by_subject[quote].get(OA + "hasSelector", []):
                if OA + "start" in by_subject.get(selector, {}):
                    spans.append((int(first(selector, OA + "start")), int(first(selector, OA + "end"))))
        targets = tuple((key, target) for key in TARGET_KEYS for target in _values(entry.get(key)) if "/" not in target)
        statements.append(Statement(sid, str(entry["speaker"]), str(entry["act"]), tuple(sorted(spans)), targets))
    return statements


def _same_voice(a: Statement, b: Statement) -> bool:
    return a.speaker == b.speaker and a.act == b.act


def _one_to_one(draft: list[Statement], gold: list[Statement]) -> int:
    """Largest number of (draft, gold) pairs, each statement used once, that overlap with same speaker and act."""
    edges = {d.sid: [g.sid for g in gold if d.overlaps(g) and _same_voice(d, g)] for d in draft}
    owner: dict[str, str] = {}

    def augment(sid: str, seen: set[str]) -> bool:
        for gid in edges[sid]:
            if gid not in seen:
                seen.add(gid)
                if gid not in owner or augment(owner[gid], seen):
                    owner[gid] = sid
                    return True
        return False

    return sum(augment(d.sid, set()) for d in draft)


def _links(statements: Iterable[Statement]) -> list[tuple[Statement, str, str]]:
    return [(s, relation, target) for s in statements for relation, target in s.targets]


def score(name: str, part: str, draft: list[Statement], gold: list[Statement]) -> TextScore:
    """Compare one draft with its gold annotation."""
    result = TextScore(name, part)
    for counts, matches in ((result.speaker_act, _same_voice), (result.span, lambda a, b: True)):
        counts.drafted, counts.gold = len(draft), len(gold)
        counts.right = sum(any(d.overlaps(g) and matches(d, g) for g in gold) for d in draft)
        counts.found = sum(any(d.overlaps(g) and matches(d, g) for d in draft) for g in gold)
    pairs = _one_to_one(draft, gold)
    result.one_to_one = Counts(pairs, len(draft), pairs, len(gold))
    result.missed = [
        f"{g.sid} {g.speaker} {g.act}" for g in gold if not any(d.overlaps(g) and _same_voice(d, g) for d in draft)
    ]
    result.wrong = [
        f"{d.sid} {d.speaker} {d.act}" for d in draft if not any(d.overlaps(g) and _same_voice(d, g) for g in gold)
    ]

    draft_by_id = {s.sid: s for s in draft}
    gold_by_id = {s.sid: s for s in gold}
    draft_links = [(s, r, draft_by_id[t]) for s, r, t in _links(draft) if t in draft_by_id]
    gold_links = [(s, r, gold_by_id[t]) for s, r, t in _links(gold) if t in gold_by_id]

    def joins(a: tuple[Statement, str, Statement], b: tuple[Statement, str, Statement]) -> bool:
        return a[1] == b[1] and a[0].overlaps(b[0]) and a[2].overlaps(b[2])

    result.targets = Counts(
        right=sum(any(joins(d, g) for g in gold_links) for d in draft_links),
        drafted=len(draft_links),
        found=sum(any(joins(d, g) for d in draft_links) for g in gold_links),
        gold=len(gold_links),
    )
    return result


def run_extract(gold_file: Path, workdir: Path) -> Path:
    """Draft the gold file's text with the real CLI, given only what a user would give it."""
    document = load_yaml(gold_file)["document"]
    text = (gold_file.parent / document["text-file"]).resolve()
    out = workdir / f"{gold_file.stem}.draft.yaml"
    command = [sys.executable, "-m", "cli", "extract", str(text), "-o", str(out), "--id", str(document["id"])]
    for registry in [*REGISTRIES, GOLD_REGISTRY]:
        if registry.exists():
            command += ["--registry", str(registry)]
    for option, key in (("--publisher", "publisher"), ("--date", "published")):
        if document.get(key):
            command += [option, str(document[key])]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"claimgraph extract failed ({done.returncode}): {done.stderr.strip()}")
    return out


def evaluate(parts: dict[str, list[Path]], workdir: Path) -> list[TextScore]:
    """Score every gold file of ``parts``."""
    scores = []
    for part, files in parts.items():
        for gold_file in files:
            gold = read_statements(gold_file)
            try:
                draft = read_statements(run_extract(gold_file, workdir))
            except (ClaimgraphError, RuntimeError) as exc:
                failed = TextScore(gold_file.stem, part, error=str(exc))
                for counts in (failed.speaker_act, failed.one_to_one, failed.span):
                    counts.gold = len(gold)
                failed.targets.gold = len(_links(gold))
                scores.append(failed)
                continue
            scores.append(score(gold_file.stem, part, draft, gold))
    return scores


def total(scores: Iterable[TextScore]) -> TextScore:
    """Micro-averaged counts over several texts."""
    summed = TextScore("", "")
    for s in scores:
        summed.speaker_act += s.speaker_act
        summed.one_to_one += s.one_to_one
        summed.span += s.span
        summed.targets += s.targets
    return summed


def _row(label: str, s: TextScore) -> str:
    cells = [label.ljust(38), f"{s.speaker_act.gold:>4} {s.speaker_act.drafted:>5}"]
    for counts in (s.speaker_act, s.one_to_one, s.span, s.targets):
        p = counts.scores()
        cells.append(f"{p['precision']:.2f} {p['recall']:.2f} {p['f1']:.2f}")
    return "  ".join(cells) + (f"  ERROR: {s.error}" if s.error else "")


def report(scores: list[TextScore], show_errors: bool) -> str:
    """The table: one row per text, then the development part, the held-out part and all."""
    head = "  ".join(
        ["text".ljust(38), "gold draft", "speaker+act P R F1", "1-to-1 P R F1 ", "span P R F1   ", "targets P R F1"]
    )
    lines = [head, "-" * len(head)]
    for s in scores:
        lines.append(_row(f"{s.part}/{s.name}", s))
        if show_errors:
            lines += [f"    missed: {m}" for m in s.missed] + [f"    wrong:  {w}" for w in s.wrong]
    lines.append("-" * len(head))
    development = [s for s in scores if s.part in DEVELOPMENT]
    heldout = [s for s in scores if s.part == "heldout"]
    lines.append(_row("development (seed + dev)", total(development)))
    if heldout:
        lines.append(_row("held out", total(heldout)))
    lines.append(_row("all", total(scores)))
    overall = total(scores)
    sa, tg = overall.speaker_act.scores()["f1"], overall.targets.scores()["f1"]
    lines.append("")
    lines.append(
        f"target speaker+act F1 >= 0.85 over the whole gold set: {sa:.3f} {'holds' if sa >= 0.85 else 'NOT MET'}"
    )
    lines.append(
        f"target targets F1 >= 0.70 over the whole gold set:     {tg:.3f} {'holds' if tg >= 0.70 else 'NOT MET'}"
    )
    return "\n".join(lines)


def as_json(scores: list[TextScore]) -> dict[str, Any]:
    def scored(s: TextScore) -> dict[str, Any]:
        keys = ("speaker_act", "one_to_one", "span", "targets")
        return {k: getattr(s, k).scores() for k in keys} | {"error": s.error, "missed": s.missed, "wrong": s.wrong}

    return {
        "texts": {f"{s.part}/{s.name}": scored(s) for s in scores},
        "development": scored(total(s for s in scores if s.part in DEVELOPMENT)),
        "heldout": scored(total(s for s in scores if s.part == "heldout")),
        "all": scored(total(scores)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part", choices=[*PARTS, "development", "all"], default="all", help="which texts (default all)"
    )
    parser.add_argument("--show-errors", action="store_true", help="list missed and wrong statements per text")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    args = parser.parse_args(argv)
    wanted = {"all": list(PARTS), "development": list(DEVELOPMENT)}.get(args.part, [args.part])
    with tempfile.TemporaryDirectory(prefix="claimgraph-extract-") as workdir:
        scores = evaluate({part: PARTS[part] for part in wanted}, Path(workdir))
    print(report(scores, args.show_errors))
    if args.json:
        args.json.write_text(json.dumps(as_json(scores), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
