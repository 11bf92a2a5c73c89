"""``claimgraph trace`` on the seed graph: the dispute told from the saved queries.

Expected threads are read off the 9 June article: "Medinsky accused Ukraine of postponing
the exchange ... for an “indefinite period”. Kyiv denied this. The Coordination
Headquarters ... emphasized that Russia had provided Ukraine with completely different
lists" (s8, s9, s10 in examples/annotations/2025-06-09-prisoner-exchange.yaml).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from storecheck import snapshot

from cli.main import cli

S = "https://w3id.org/claimgraph/id/statement/"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trace") / "store"
    assert CliRunner().invoke(cli, ["--store", str(path), "add", str(EXAMPLES)]).exit_code == 0
    return path


def trace(seed: Path, *args: str):
    return CliRunner().invoke(cli, ["--store", str(seed), "trace", *args], catch_exceptions=False)


def test_indefinite_period_shows_accusation_denial_and_counter(seed: Path) -> None:
    result = trace(seed, "indefinite period")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Ukraine postponed the exchange of prisoners of war for an indefinite period." in text
    for expected in (
        "claimed first  Vladimir Medinsky",
        "accused Ukraine of postponing the exchange of prisoners of war",
        "denied         Government of Ukraine (as “Kyiv”) — denies doc-2025-06-09/s8",
        "“Kyiv denied this.”",
        "countered      Coordination Headquarters for the Treatment of Prisoners of War",
        "completely different lists",
    ):
        assert expected in text, expected
    assert text.count("doc-2025-06-09 · ") == 3  # all three read from the 9 June article
    # the story in text order: accusation, denial, counter
    assert text.index("Vladimir Medinsky") < text.index("Kyiv denied") < text.index("different lists")


def test_json_lists_the_thread_in_order(seed: Path) -> None:
    data = json.loads(trace(seed, "indefinite period", "--format", "json").output)
    assert len(data) == 1
    entries = [(e["status"], e["statement"].removeprefix(S), e["in_reply_to"]) for e in data[0]["entries"]]
    assert entries == [
        ("claimed first", "doc-2025-06-09/s8", None),
        ("denied", "doc-2025-06-09/s9", S + "doc-2025-06-09/s8"),
        ("countered", "doc-2025-06-09/s10", S + "doc-2025-06-09/s8"),
    ]
    assert data[0]["entries"][0]["role"] == "Head of the Russian delegation at the negotiations in Istanbul"


def test_a_statement_id_traces_its_proposition(seed: Path) -> None:
    by_id = json.loads(trace(seed, "doc-2025-06-09/s8", "--format", "json").output)
    by_text = json.loads(trace(seed, "indefinite period", "--format", "json").output)
    assert by_id == by_text


def test_the_refuted_claim_known_only_through_yusov(seed: Path) -> None:
    # "he refuted Russian propaganda claims that Ukraine has been refusing to collect the
    # bodies": the claim (s19) and Yusov's refutation (s19b) of the same proposition.
    data = json.loads(trace(seed, "ukraine-refuses-to-collect-bodies", "--format", "json").output)
    statuses = {e["statement"].removeprefix(S): e["status"] for e in data[0]["entries"]}
    assert statuses == {"up-2025-06-14/s19": "claimed first", "up-2025-06-14/s19b": "refuted"}


def test_the_returned_group_is_reported_then_repeated_by_its_sources(seed: Path) -> None:
    # 14 June: the article's lead (s12, Ukrainska Pravda) comes first in the text, then the
    # "Source:" line names Yusov twice, the Headquarters, Umierov and the Border Guard.
    data = json.loads(trace(seed, "group-returned-2025-06-14", "--format", "json").output)
    entries = data[0]["entries"]
    assert entries[0]["statement"] == S + "up-2025-06-14/s12" and entries[0]["status"] == "claimed first"
    assert {e["statement"].removeprefix(S + "up-2025-06-14/") for e in entries[1:]} == {
        "s13",
        "s13b",
        "s13c",
        "s13d",
        "s13e",
    }
    assert {e["status"] for e in entries[1:]} == {"repeated"}


@pytest.mark.parametrize("needle", ["no such words anywhere", '"""} ; DROP ALL ; #', "x" * 500])
def test_nothing_found_is_bad_input_and_changes_nothing(seed: Path, needle: str) -> None:
    before = snapshot(seed)
    result = CliRunner().invoke(cli, ["--store", str(seed), "trace", needle])
    assert result.exit_code == 2
    assert "no proposition or quote matches" in result.output
    assert snapshot(seed) == before


def test_demo_ends_with_contested_claims_and_the_trace(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "demo"])
    assert result.exit_code == 0, result.output
    tail = result.output[result.output.index("Contested claims") :]
    assert "id:proposition/ukraine-postponed-exchange" in tail
    assert "id:proposition/ukraine-refuses-to-collect-bodies" in tail
    assert "denied         Government of Ukraine (as “Kyiv”)" in tail
