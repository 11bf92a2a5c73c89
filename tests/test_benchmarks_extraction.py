"""The extraction evaluation scores drafts as its docstring says, on cases worked out by hand."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks" / "extraction"))

from evaluate import PARTS, Statement, read_statements, score

from kg.textsource import read_text_file


def statement(sid: str, speaker: str, act: str, start: int, end: int, *targets: tuple[str, str]) -> Statement:
    return Statement(sid, speaker, act, ((start, end),), tuple(targets))


GOLD = [
    statement("g1", "medinsky", "accuses", 0, 10),
    statement("g2", "government-of-ukraine", "denies", 20, 30, ("denies", "g1")),
    statement("g3", "document", "asserts", 60, 80),
]


def test_overlap_with_the_same_speaker_and_act_counts_and_anything_else_does_not() -> None:
    draft = [
        statement("d1", "medinsky", "accuses", 5, 15),  # right: overlaps g1, same speaker and act
        statement("d2", "government-of-ukraine", "asserts", 20, 25, ("denies", "d1")),  # act differs from g2
        statement("d3", "yusov", "asserts", 40, 50),  # overlaps nothing
        statement("d4", "document", "asserts", 60, 65),  # right: inside g3
        statement("d5", "document", "asserts", 70, 80),  # right: inside g3 as well
    ]
    result = score("t", "dev", draft, GOLD)
    assert (result.speaker_act.right, result.speaker_act.drafted) == (3, 5)  # d1, d4, d5
    assert (result.speaker_act.found, result.speaker_act.gold) == (2, 3)  # g1, g3
    assert (result.one_to_one.right, result.one_to_one.found) == (2, 2)  # g3 pairs with d4 or d5, not both
    assert (result.span.right, result.span.found) == (4, 3)  # all but d3; every gold statement
    # d2 -denies-> d1 joins statements overlapping g2 and g1, as the gold link does
    assert (result.targets.right, result.targets.drafted, result.targets.found, result.targets.gold) == (1, 1, 1, 1)
    scores = result.speaker_act.scores()
    assert scores["precision"] == pytest.approx(3 / 5)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 * (3 / 5) * (2 / 3) / (3 / 5 + 2 / 3))


def test_a_target_link_must_have_the_same_relation_and_both_ends_right() -> None:
    draft = [
        statement("d1", "medinsky", "accuses", 0, 10),
        statement("d2", "government-of-ukraine", "denies", 20, 30, ("refutes", "d1")),  # wrong relation
        statement("d3", "government-of-ukraine", "denies", 22, 28, ("denies", "d4")),  # wrong target
        statement("d4", "yusov", "asserts", 40, 50),
    ]
    result = score("t", "dev", draft, GOLD)
    assert (result.targets.right, result.targets.drafted, result.targets.found, result.targets.gold) == (0, 2, 0, 1)


def test_the_seed_gold_reads_with_its_hand_written_spans_and_targets() -> None:
    seed = next(path for path in PARTS["seed"] if path.stem == "2025-06-09-prisoner-exchange")
    statements = {s.sid: s for s in read_statements(seed)}
    assert len(statements) == 18
    text = read_text_file(REPO / "examples/articles/2025-06-09-prisoner-exchange.txt").text
    start, end = statements["s9"].spans[0]
    assert text[start:end] == "Kyiv denied this."
    assert statements["s9"].targets == (("denies", "s8"),)
    assert statements["s10"].targets == (("counters", "s8"),)


def test_the_gold_set_has_a_held_out_part_and_every_file_reads() -> None:
    assert len(PARTS["dev"]) >= 3 and len(PARTS["heldout"]) >= 3
    assert len(PARTS["dev"]) + len(PARTS["heldout"]) >= 6
    for path in PARTS["dev"] + PARTS["heldout"]:
        assert read_statements(path), path
