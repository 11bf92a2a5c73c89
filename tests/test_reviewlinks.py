"""Linking reviews to propositions (kg.reviewlinks): wording match at import, ``claimgraph link`` by hand."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from cli.main import cli
from kg.namespaces import CG, ID, SCHEMA
from kg.reviewlinks import LINKS_GRAPH, normalise_text, resolve
from kg.store import EmbeddedStore

DATA = Path(__file__).parent / "data" / "claimreview"


def run(store: Path, *args: str | Path):
    return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“Ukraine has been refusing”", "ukraine has been refusing."),
        ("  Ukraine   postponed\nthe exchange ", "Ukraine postponed the exchange"),
        ("'Kyiv denied this!'", "kyiv denied this"),
    ],
)
def test_normalised_wordings_match(a: str, b: str) -> None:
    assert normalise_text(a) == normalise_text(b)


def test_different_wordings_do_not_match() -> None:
    assert normalise_text("Ukraine postponed the exchange") != normalise_text("Ukraine postponed an exchange")


def test_resolve_takes_iris_curies_paths_and_ids() -> None:
    assert resolve("ukraine-postponed-exchange", "proposition").value == ID + "proposition/ukraine-postponed-exchange"
    assert resolve("review/abc", "review").value == ID + "review/abc"
    assert resolve("id:review/abc", "review").value == ID + "review/abc"
    assert resolve(ID + "review/abc", "review").value == ID + "review/abc"


def _review_of(store: Path, url: str) -> str:
    with EmbeddedStore(store) as opened:
        (row,) = list(opened.query(f"SELECT ?r WHERE {{ ?r <{SCHEMA.url}> <{url}> }}"))
        return row["r"].value


def _links(store: Path) -> set[tuple[str, str]]:
    with EmbeddedStore(store) as opened:
        quads = opened.quads(ox.NamedNode(str(LINKS_GRAPH)))
        return {(q.subject.value, q.object.value) for q in quads if q.predicate.value == str(CG.reviewedProposition)}


def test_link_by_hand(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run(store, "add", EXAMPLES).exit_code == 0
    assert run(store, "import", "claimreview", DATA / "list.json").exit_code == 0
    # "Ukraine got back only 1,200 soldiers in June." matches no proposition's wording
    review = _review_of(store, "https://factcheck.example/2025/06/only-1200")
    short = review.removeprefix(ID)
    result = run(store, "link", short, "released-2025-06-09-categories")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"linked: {short} reviews proposition/released-2025-06-09-categories"
    expected = {(review, ID + "proposition/released-2025-06-09-categories")}
    assert _links(store) == expected
    again = run(store, "link", "id:" + short, ID + "proposition/released-2025-06-09-categories")
    assert again.exit_code == 0 and again.output.startswith("already linked:")
    assert _links(store) == expected
    missing = run(store, "link", short, "no-such-proposition")
    assert missing.exit_code == 2
    assert "no proposition (cg:Proposition)" in missing.output
    not_a_review = run(store, "link", "proposition/ukraine-postponed-exchange", "ukraine-postponed-exchange")
    assert not_a_review.exit_code == 2 and "no fact-check review" in not_a_review.output
    assert _links(store) == expected
    # the manual link shows in the saved query
    rows = run(store, "query", "reviewed-claims", "--format", "csv").output.splitlines()
    assert any(short in row and "released-2025-06-09-categories" in row for row in rows)
