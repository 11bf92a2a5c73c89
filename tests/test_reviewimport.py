"""``claimgraph import``: fact-check files into named graphs of the store (kg.reviewimport)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from cli.main import cli
from kg.namespaces import CG, ID, SCHEMA
from kg.store import EmbeddedStore
from kg.validation import validate_store

DATA = Path(__file__).parent / "data" / "claimreview"
CR = ID + "graph/claimreview/"


def run(store: Path, *args: str | Path):
    return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)])


def triples(store: Path, graph: str) -> set[ox.Triple]:
    with EmbeddedStore(store) as opened:
        return {q.triple for q in opened.quads(ox.NamedNode(graph))}


def select(store: Path, query: str) -> list[tuple[str, ...]]:
    prefixes = f"PREFIX cg: <{CG}> PREFIX schema: <{SCHEMA}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    with EmbeddedStore(store) as opened:
        found = opened.query(prefixes + query)
        names = [v.value for v in found.variables]
        return sorted(tuple(row[n].value if row[n] is not None else "" for n in names) for row in found)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    assert run(store, "add", EXAMPLES).exit_code == 0
    return store


def test_import_links_a_review_to_the_seed_corpus(seeded: Path) -> None:
    result = run(seeded, "import", "claimreview", DATA / "single.json")
    assert result.exit_code == 0, result.output
    assert "added     graph/claimreview/single.json  1 claims, 1 reviews, 1 linked" in result.output
    # The claim, in curly quotes and without the final stop, has the wording of
    # ukraine-refuses-to-collect-bodies, which Russian propaganda's s19 asserts and Yusov's
    # s19b refutes: the review is linked to that proposition, and so to both statements.
    rows = select(
        seeded,
        "SELECT ?statement ?polarity WHERE { ?review cg:reviewedProposition ?p . "
        "?s cg:expresses ?p ; cg:polarity ?pol . BIND(STRAFTER(STR(?s), 'statement/') AS ?statement) "
        "BIND(STRAFTER(STR(?pol), '#') AS ?polarity) }",
    )
    assert rows == [("up-2025-06-14/s19", "polarity-affirmative"), ("up-2025-06-14/s19b", "polarity-negative")]
    # the claimant "Russian propagandists" is the registry's russian-propaganda (an alias)
    assert select(seeded, "SELECT ?who WHERE { ?r schema:itemReviewed/schema:author ?who }") == [
        (ID + "actor/russian-propaganda",)
    ]
    # the verdict is a review, not a statement: no statement was added
    assert select(seeded, f"SELECT ?s WHERE {{ GRAPH <{CR}single.json> {{ ?s a cg:Statement }} }}") == []
    with EmbeddedStore(seeded) as store:
        assert validate_store(store).results == []


def test_reimporting_changes_nothing(seeded: Path) -> None:
    files = [DATA / name for name in ("single.json", "list.json", "graph.json", "claimreviewed-text.json")]
    assert run(seeded, "import", "claimreview", *files).exit_code == 1  # graph.json skips a record
    before = {name: triples(seeded, CR + name.name) for name in files}
    again = run(seeded, "import", "claimreview", *files)
    assert again.exit_code == 1
    assert again.output.count("unchanged ") == 4
    assert {name: triples(seeded, CR + name.name) for name in files} == before
    assert all(before.values())


def test_exit_codes_and_messages(seeded: Path) -> None:
    google = run(seeded, "import", "google-factcheck", DATA / "google.json")
    assert google.exit_code == 1
    assert f"{DATA / 'google.json'}: record 1: claimReview[0] has no publisher (skipped)" in google.output
    assert "record 4: text must be a string, not int (skipped)" in google.output
    assert "claimgraph: error: 4 malformed record(s) skipped; the others were imported" in google.output
    assert "3 claims, 4 reviews" in google.output
    size = len(triples(seeded, ID + "graph/google-factcheck/google.json"))
    assert size > 0
    broken = run(seeded, "import", "claimreview", DATA / "single.json", DATA / "broken.json")
    assert broken.exit_code == 2
    assert f"claimgraph: error: {DATA / 'broken.json'}:3: not JSON" in broken.output
    assert triples(seeded, CR + "single.json") == set()  # nothing written: the whole import stopped
    clean = run(seeded, "import", "claimreview", DATA / "claimreviewed-text.json")
    assert clean.exit_code == 0, clean.output


def test_claimants_become_actors_of_the_right_kind(seeded: Path) -> None:
    assert run(seeded, "import", "claimreview", DATA / "list.json", DATA / "claimreviewed-text.json").exit_code == 0
    assert run(seeded, "import", "google-factcheck", DATA / "google.json").exit_code == 1
    rows = select(
        seeded,
        "SELECT DISTINCT ?claimant ?class WHERE { ?r schema:itemReviewed/schema:author ?a . ?a a ?c "
        "BIND(STRAFTER(STR(?a), '/id/') AS ?claimant) BIND(STRAFTER(STR(?c), '#') AS ?class) }",
    )
    assert rows == [
        ("actor/claimant/ivan-example", "Actor"),  # a name in no registry: a new actor, kind unknown
        ("actor/medinsky", "Person"),  # "Vladimir Medinsky" and "vladimir medinsky": the registry's
        ("actor/unnamed/facebook-posts", "AnonymousSource"),
        ("actor/unnamed/multiple-sources", "CollectiveActor"),
        ("actor/unnamed/x-facebook", "AnonymousSource"),
    ]
    publishers = select(seeded, "SELECT DISTINCT ?p ?c WHERE { ?r a schema:ClaimReview ; schema:author ?p . ?p a ?c }")
    assert {c for _, c in publishers} == {str(CG.Organization)}
    with EmbeddedStore(seeded) as store:
        assert validate_store(store).results == []


def test_normalised_ratings_are_recorded_next_to_the_wording(seeded: Path) -> None:
    files = [DATA / n for n in ("single.json", "list.json", "graph.json", "claimreviewed-text.json")]
    run(seeded, "import", "claimreview", *files)
    run(seeded, "import", "google-factcheck", DATA / "google.json")
    rows = select(
        seeded,
        "SELECT DISTINCT ?g ?wording ?value ?normalised WHERE { ?r schema:reviewRating ?g . ?g cg:normalisedRating ?n "
        "OPTIONAL { ?g schema:alternateName ?wording } OPTIONAL { ?g schema:ratingValue ?value } "
        "BIND(STRAFTER(STR(?n), 'rating-') AS ?normalised) }",
    )
    assert sorted(row[1:] for row in rows) == [
        ("", "4", "mostly-true"),  # graph.json: 4 on a scale of 1 to 5
        ("False", "1", "false"),
        ("Falso", "", "false"),
        ("Half True", "", "mixed"),
        ("Misleading", "", "unrated"),
        ("Mostly False", "", "mostly-false"),
        ("Pants on Fire!", "", "false"),
        ("True", "5", "true"),
        ("Unverifiable", "", "unrated"),
    ]


def test_unknown_ids_for_a_missing_file(seeded: Path, tmp_path: Path) -> None:
    result = run(seeded, "import", "claimreview", tmp_path / "nope.json")
    assert result.exit_code == 2


def test_reimporting_a_file_whose_records_are_all_malformed_empties_its_graph(seeded: Path, tmp_path: Path) -> None:
    copy = tmp_path / "fc.json"
    copy.write_text((DATA / "single.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(seeded, "import", "claimreview", copy).exit_code == 0
    assert triples(seeded, CR + "fc.json")
    copy.write_text('[{"@type": "ClaimReview", "claimReviewed": "x"}]', encoding="utf-8")
    result = run(seeded, "import", "claimreview", copy)
    assert result.exit_code == 1
    assert f"{copy}: record 0: has no author or publisher (the fact-checker) (skipped)" in result.output
    assert "emptied   graph/claimreview/fc.json" in result.output
    assert triples(seeded, CR + "fc.json") == set()
