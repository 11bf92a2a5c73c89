"""``claimgraph export --format claimreview`` (kg.claimreview_export): round trip and schema.org types.

The export is checked against tests/data/schemaorg/claimreview-shapes.ttl, shapes written
for these tests from schema.org's documented expected types: schema.org's published SHACL
file cannot be fetched here and is not used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from cli.main import cli
from kg.datagraph import to_rdflib
from kg.namespaces import CG, SCHEMA
from kg.store import EmbeddedStore

DATA = Path(__file__).parent / "data" / "claimreview"
SHAPES = Path(__file__).parent / "data" / "schemaorg" / "claimreview-shapes.ttl"
FILES = ("single.json", "list.json", "graph.json", "claimreviewed-text.json")


def run(store: Path, *args: str | Path):
    return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A seed store with every fixture imported, and its ClaimReview export."""
    folder = tmp_path_factory.mktemp("export")
    store, out = folder / "store", folder / "reviews.json"
    assert run(store, "add", EXAMPLES).exit_code == 0
    run(store, "import", "claimreview", *(DATA / name for name in FILES))
    run(store, "import", "google-factcheck", DATA / "google.json")
    result = run(store, "export", "--format", "claimreview", "-o", out)
    assert result.exit_code == 0, result.output
    return store, out


def review_data(store: Path) -> Graph:
    """The triples about reviews, their ratings and the claims they rate (links left out)."""
    graph = Graph()
    with EmbeddedStore(store) as opened:
        query = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
            ?review a <{SCHEMA.ClaimReview}> ; <{SCHEMA.reviewRating}> ?rating ; <{SCHEMA.itemReviewed}> ?claim .
            VALUES ?role {{ 1 2 3 }}
            BIND(IF(?role = 1, ?review, IF(?role = 2, ?rating, ?claim)) AS ?s)
            ?s ?p ?o FILTER(?p != <{CG.reviewedProposition}>) }}"""
        for row in opened.query(query):
            graph.add(tuple(to_rdflib(row[name]) for name in ("s", "p", "o")))
    return graph


def test_the_export_lists_every_review_with_an_inline_context(exported: tuple[Path, Path]) -> None:
    _, out = exported
    document = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict) and document["@context"]["@vocab"] == "http://schema.org/"
    reviews = document["@graph"]
    # 1 + 2 + 1 + 1 reviews from the ClaimReview files, 4 from the Google file
    assert len(reviews) == 9
    assert all(r["@type"] == "ClaimReview" for r in reviews)
    single = next(r for r in reviews if r.get("url") == "https://factcheck.example/2025/06/bodies")
    assert single["reviewRating"]["alternateName"] == "False"
    assert single["itemReviewed"]["author"]["name"] == "Russian propaganda"  # the registry's actor
    assert single["itemReviewed"]["author"]["additionalType"] == str(CG.CollectiveActor)
    assert [a["url"] for a in single["itemReviewed"]["appearance"]] == [
        "https://t.example/channel/123",
        "https://t.example/channel/456",
    ]


def test_round_trip(exported: tuple[Path, Path], tmp_path: Path) -> None:
    store, out = exported
    fresh, again = tmp_path / "fresh", tmp_path / "again.json"
    imported = run(fresh, "import", "claimreview", out)
    assert imported.exit_code == 0, imported.output
    assert run(fresh, "export", "--format", "claimreview", "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
    assert isomorphic(review_data(fresh), review_data(store))
    assert len(review_data(store)) > 80


def test_the_export_has_schema_org_types(exported: tuple[Path, Path]) -> None:
    _, out = exported
    data = Graph().parse(out, format="json-ld")
    assert len(list(data.subjects(None, SCHEMA.ClaimReview))) == 9
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, text


def test_the_schema_org_shapes_catch_wrong_types(exported: tuple[Path, Path]) -> None:
    _, out = exported
    document = json.loads(out.read_text(encoding="utf-8"))
    document["@graph"][0]["author"] = "Example Fact Check"  # Text, not an Organization
    document["@graph"][0]["itemReviewed"]["datePublished"] = {"@value": "June", "@type": "xsd:string"}
    data = Graph().parse(data=json.dumps(document), format="json-ld")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES, format="turtle"))
    assert not conforms
    paths = {str(o) for o in report.objects(None, SH.resultPath)}
    assert {str(SCHEMA.author), str(SCHEMA.datePublished)} <= paths
