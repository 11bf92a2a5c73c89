"""Extract, review, add: the machine drafts of both seed articles, corrected by a committed
list of fixes, validate and say exactly what the hand annotations in examples/annotations/ say.

The number of fixes is the review effort the extractor leaves (one entry per fix, each
with its reason, in ``tests/data/extraction/corrections-*.yaml``):

* 2025-06-09-prisoner-exchange: 10 corrections for 18 hand-annotated statements
  (8 choose a registry proposition over the minted one, 2 split a quoted sentence);
* 2025-06-14-ukrainska-pravda: 17 corrections for 27 statements (10 registry
  propositions, 5 split sentences the rules keep whole, 2 undo a counter-claim).

So 27 fixes for 45 statements, 18 of them picking a shared proposition from the registry.
Speakers, acts, quote spans, dates, accused actors and targets are otherwise as drafted.
Compared per statement: speaker, act, polarity, quote spans (start/end), date, accused,
proposition, and the denies/refutes/counters/confirms/reports targets named by their quote spans.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES
from extraction_review import apply_corrections, differences, facts, read_draft, write_yaml

from kg.extraction import extract
from kg.yamlfile import load_yaml

REGISTRIES = [EXAMPLES / "registry" / "actors.yaml", EXAMPLES / "registry" / "propositions.yaml"]
SEEDS = {
    # article: (document id of the hand annotation, publisher given on the command line, corrections)
    "2025-06-09-prisoner-exchange": ("doc-2025-06-09", None, 10),
    "2025-06-14-ukrainska-pravda": ("up-2025-06-14", "ukrainska-pravda", 17),
}
SHARED = {str(p["id"]) for p in load_yaml(REGISTRIES[1])["propositions"]}


def draft_file(article: str, folder: Path) -> Path:
    document_id, publisher, _ = SEEDS[article]
    draft = extract(EXAMPLES / "articles" / f"{article}.txt", REGISTRIES, publisher=publisher, document_id=document_id)
    path = folder / f"{article}.yaml"
    path.write_text(draft.annotation_yaml(path), encoding="utf-8")
    return path


def corrections(article: str) -> list[dict]:
    return load_yaml(DATA / "extraction" / f"corrections-{article}.yaml")["corrections"]


@pytest.mark.parametrize("article", sorted(SEEDS))
def test_corrected_draft_validates_and_matches_the_hand_annotation(tmp_path: Path, run, article: str) -> None:
    fixes = corrections(article)
    assert len(fixes) == SEEDS[article][2], "update the counts in this module's docstring"
    corrected = apply_corrections(read_draft(draft_file(article, tmp_path)), fixes)
    fixed = write_yaml(corrected, tmp_path / f"{article}.reviewed.yaml")
    added = run("add", fixed, EXAMPLES / "registry")  # with SHACL validation, into a fresh store
    assert added.exit_code == 0, added.output
    gold = facts(EXAMPLES / "annotations" / f"{article}.yaml")
    assert differences(facts(fixed), gold, SHARED) == []


@pytest.mark.parametrize("article", sorted(SEEDS))
def test_every_correction_is_needed(tmp_path: Path, article: str) -> None:
    """Leaving out any one fix leaves a difference: the list fixes only what the extractor got wrong."""
    draft = read_draft(draft_file(article, tmp_path))
    gold = facts(EXAMPLES / "annotations" / f"{article}.yaml")
    fixes = corrections(article)
    for index, left_out in enumerate(fixes):
        others = fixes[:index] + fixes[index + 1 :]
        if "becomes" not in left_out:  # a later fix may touch the statement it adds or changes
            others = [f for f in others if not _depends_on(f, left_out)]
        reviewed = apply_corrections(copy.deepcopy(draft), others)
        path = write_yaml(reviewed, tmp_path / f"without-{index}.yaml")
        assert differences(facts(path), gold, SHARED), f"fix {index} changes nothing: {left_out['reason']}"


def _depends_on(fix: dict, other: dict) -> bool:
    added = other.get("add", {}).get("id")
    return added is not None and fix.get("statement") == added


def test_the_uncorrected_drafts_differ_from_the_hand_annotations(tmp_path: Path) -> None:
    """A guard on the comparison itself: the raw drafts must not already pass it."""
    for article in SEEDS:
        raw = facts(draft_file(article, tmp_path))
        assert differences(raw, facts(EXAMPLES / "annotations" / f"{article}.yaml"), SHARED)
