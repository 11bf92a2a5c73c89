"""``claimgraph export --format claimreview`` (kg.claimreview_export): round trip and schema.org types.

The export is checked against SHACL shapes built from schema.org's own vocabulary triples
(tests/data/schemaorg/claimreview-vocabulary.ttl) by the rule schema.org uses to generate
its published shapes file, with one deliberate difference explained in
``schema_org_shapes``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from rdflib.term import Node

from cli.main import cli
from kg.datagraph import to_rdflib
from kg.namespaces import CG, SCHEMA
from kg.store import EmbeddedStore

DATA = Path(__file__).parent / "data" / "claimreview"
VOCABULARY = Path(__file__).parent / "data" / "schemaorg" / "claimreview-vocabulary.ttl"
VALIDATION = Namespace("http://schema.org/validation#")
# A plain Namespace: rdflib's XSD warns when pytest probes module attributes on it.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
# What each schema.org data type accepts, as SHACL constraints that any one of may hold.
LITERALS: dict[URIRef, tuple[tuple[URIRef, URIRef], ...]] = {
    SCHEMA.Text: ((SH.datatype, XSD.string), (SH.datatype, RDF.langString)),
    SCHEMA.URL: ((SH.nodeKind, SH.IRI), (SH.datatype, XSD.anyURI)),
    SCHEMA.Date: ((SH.datatype, XSD.date),),
    SCHEMA.DateTime: ((SH.datatype, XSD.dateTime),),
    SCHEMA.Number: tuple((SH.datatype, t) for t in (XSD.integer, XSD.decimal, XSD.double, XSD.float)),
}
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


def any_of(shapes: Graph, owner: Node, alternatives: list[list[tuple[URIRef, Node]]]) -> None:
    """Give ``owner`` the constraints of ``alternatives``: directly for one, as ``sh:or`` for several."""
    if len(alternatives) == 1:
        for predicate, value in alternatives[0]:
            shapes.add((owner, predicate, value))
        return
    members = []
    for constraints in alternatives:
        member = BNode()
        for predicate, value in constraints:
            shapes.add((member, predicate, value))
        members.append(member)
    head = BNode()
    Collection(shapes, head, members)
    shapes.add((owner, SH["or"], head))


def shape_of(cls: URIRef) -> URIRef:
    """The name schema.org's shapes file gives the node shape of a class."""
    return VALIDATION["ValidSchema" + cls.removeprefix(str(SCHEMA))]


def schema_org_shapes(vocabulary: Graph, *, literal_datatypes: bool = True) -> Graph:
    """SHACL shapes made from schema.org vocabulary triples by the rule of schema.org's published shapes.

    That rule gives each class a node shape ``ValidSchema<Class>`` that targets the class and
    requires an IRI or a blank node, with one property shape per property whose
    ``domainIncludes`` is the class: each value must fit the node shape of one of the
    property's ``rangeIncludes``. The rule treats the data types (Text, URL, Date, ...) like
    any class, so their shapes also require an IRI or a blank node and no literal value can
    conform. With ``literal_datatypes`` (the default) the data type shapes accept the
    literals of their type instead (``LITERALS``); that is the one difference.
    """
    shapes = Graph()
    for cls in sorted(vocabulary.subjects(RDF.type, RDFS.Class)):
        shape = shape_of(cls)
        shapes.add((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, SH.targetClass, cls))
        if literal_datatypes and cls in LITERALS:
            any_of(shapes, shape, [[constraint] for constraint in LITERALS[cls]])
        else:
            shapes.add((shape, SH.nodeKind, SH.BlankNodeOrIRI))
        for prop in sorted(vocabulary.subjects(SCHEMA.domainIncludes, cls)):
            property_shape = BNode()
            shapes.add((shape, SH.property, property_shape))
            shapes.add((property_shape, SH.path, prop))
            ranges = sorted(vocabulary.objects(prop, SCHEMA.rangeIncludes))
            any_of(shapes, property_shape, [[(SH.node, shape_of(r))] for r in ranges])
    return shapes


def schema_org_validate(data: Graph, *, literal_datatypes: bool = True) -> tuple[bool, Graph]:
    """Validate ``data`` with the class tree mixed in, as schema.org's subclasses file is meant to be."""
    vocabulary = Graph().parse(VOCABULARY, format="turtle")
    tree = Graph()
    for narrower, broader in vocabulary.subject_objects(RDFS.subClassOf):
        tree.add((narrower, RDFS.subClassOf, broader))
    shapes = schema_org_shapes(vocabulary, literal_datatypes=literal_datatypes)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=tree)
    return conforms, report


def failing_paths(report: Graph) -> set[str]:
    return {str(path) for path in report.objects(None, SH.resultPath)}


def test_the_export_has_schema_org_types(exported: tuple[Path, Path]) -> None:
    _, out = exported
    data = Graph().parse(out, format="json-ld")
    assert len(set(data.subjects(RDF.type, SCHEMA.ClaimReview))) == 9
    conforms, report = schema_org_validate(data)
    assert conforms, report.serialize(format="turtle")


def wrong_author(graph: list[dict]) -> None:
    graph[0]["author"] = "Example Fact Check"  # Text, where an Organization or a Person is expected


def wrong_claim_date(graph: list[dict]) -> None:
    graph[0]["itemReviewed"]["datePublished"] = {"@value": "June", "@type": "xsd:string"}  # not a Date


def wrong_rating_value(graph: list[dict]) -> None:
    graph[0]["reviewRating"]["ratingValue"] = {"@id": "https://example.org/five"}  # an IRI, not a Number or Text


def wrong_item_reviewed(graph: list[dict]) -> None:
    graph[1]["itemReviewed"] = "a claim"  # a property of Review, reached through the class tree


@pytest.mark.parametrize(
    ("spoil", "paths"),
    [
        (wrong_author, {SCHEMA.author}),
        # the claim is checked as a Claim; itemReviewed expects a Thing, which has no datePublished
        (wrong_claim_date, {SCHEMA.datePublished}),
        # the rating is checked as a Rating, and again as reviewRating's value (a Rating)
        (wrong_rating_value, {SCHEMA.ratingValue, SCHEMA.reviewRating}),
        (wrong_item_reviewed, {SCHEMA.itemReviewed}),
    ],
)
def test_the_schema_org_shapes_catch_wrong_types(exported: tuple[Path, Path], spoil, paths: set[URIRef]) -> None:
    _, out = exported
    document = json.loads(out.read_text(encoding="utf-8"))
    spoil(document["@graph"])
    conforms, report = schema_org_validate(Graph().parse(data=json.dumps(document), format="json-ld"))
    assert not conforms
    assert failing_paths(report) == {str(path) for path in paths}


def test_the_data_type_shapes_as_the_rule_makes_them_refuse_every_literal(exported: tuple[Path, Path]) -> None:
    """Why the shapes differ from the rule: without the change, the plainest ClaimReview fails."""
    review = Graph()
    node = URIRef("https://factcheck.example/review/1")
    review.add((node, RDF.type, SCHEMA.ClaimReview))
    review.add((node, SCHEMA.claimReviewed, Literal("The exchange was postponed.")))
    assert schema_org_validate(review)[0]
    conforms, report = schema_org_validate(review, literal_datatypes=False)
    assert not conforms
    assert failing_paths(report) == {str(SCHEMA.claimReviewed)}
    # The export fails the same way, and for no other reason: every value refused is a literal,
    # except the ratings, which fail as reviewRating's values because their own literals do.
    _, out = exported
    conforms, report = schema_org_validate(Graph().parse(out, format="json-ld"), literal_datatypes=False)
    assert not conforms
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    refused = [(report.value(r, SH.resultPath), report.value(r, SH.value)) for r in results]
    assert {str(path) for path, value in refused if not isinstance(value, Literal)} == {str(SCHEMA.reviewRating)}


def test_every_schema_org_property_of_the_export_is_checked(exported: tuple[Path, Path]) -> None:
    """Each property the export writes has a property shape on a class of its subject."""
    _, out = exported
    data = Graph().parse(out, format="json-ld")
    vocabulary = Graph().parse(VOCABULARY, format="turtle")
    unchecked = set()
    for subject, prop, _ in data:
        if prop == RDF.type:
            continue
        classes = {
            c for t in data.objects(subject, RDF.type) for c in vocabulary.transitive_objects(t, RDFS.subClassOf)
        }
        if not classes & set(vocabulary.objects(prop, SCHEMA.domainIncludes)):
            unchecked.add(str(prop))
    assert unchecked == set()
    used = {str(p) for p in data.predicates() if p != RDF.type}
    assert str(SCHEMA.appearance) in used and str(SCHEMA.worstRating) in used
