"""The SHACL shapes of shapes/: fixtures, seed corpus, meta-validation, conventions.

The fixtures are listed in tests/data/shapes/manifest.ttl, a manifest in the form of the
W3C data-shapes test suite. Each entry is validated with kg.validation.validate_graph and
the SET of (focus node, path, constraint component, source shape, severity) of its
results must equal the set the manifest expects: no result missing, none extra.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyshacl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, REPO
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from cli.main import cli
from kg import vocabulary
from kg.namespaces import ONTOLOGY_IRI
from kg.registry import RELATIONS
from kg.validation import ENGINES, Report, load_ontology, load_shapes, validate_graph

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
CGT = Namespace("https://w3id.org/claimgraph/shapes/tests#")
CG = Namespace("https://w3id.org/claimgraph/ontology#")
CGSH = Namespace("https://w3id.org/claimgraph/shapes#")
EX = Namespace("http://example.org/")
# A plain Namespace: rdflib's XSD warns when pytest probes module attributes on it.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

SHAPES_DIR = REPO / "shapes"
FIXTURES = Path(__file__).parent / "data" / "shapes"
MANIFEST = FIXTURES / "manifest.ttl"
SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}

# The constraint parameters the shapes use, and the component each one belongs to.
COMPONENT = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
# Constraints that validate other shapes against value nodes. pyshacl's focus_nodes
# option skips those nested validations (it treats every value node outside the focus
# list as conforming), so the shapes must not use them.
NESTED = (SH.node, SH["not"], SH["and"], SH["or"], SH.xone, SH.qualifiedValueShape)

Key = tuple[Node, "Node | None", Node, Node, str]


# --- The manifest ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One sht:Validate entry of the manifest."""

    node: URIRef
    name: str
    data: tuple[Path, ...]
    shapes: tuple[Path, ...]
    conforms: bool
    expected: frozenset[Key]
    listed: int  # sh:result nodes written in the manifest (to catch duplicates)
    exercises: frozenset[Node]


def _file(iri: Node) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def read_manifest(path: Path = MANIFEST) -> list[Entry]:
    graph = Graph().parse(path, format="turtle")
    (manifest,) = graph.subjects(RDF.type, MF.Manifest)
    entries = []
    for node in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(node, MF.action)
        report = graph.value(node, MF.result)
        results = list(graph.objects(report, SH.result))
        entries.append(
            Entry(
                node=node,
                name=str(node).rsplit("#", 1)[-1],
                data=tuple(sorted(_file(f) for f in graph.objects(action, SHT.dataGraph))),
                shapes=tuple(sorted(_file(f) for f in graph.objects(action, SHT.shapesGraph))),
                conforms=graph.value(report, SH.conforms).toPython(),
                expected=frozenset(
                    (
                        graph.value(r, SH.focusNode),
                        graph.value(r, SH.resultPath),
                        graph.value(r, SH.sourceConstraintComponent),
                        graph.value(r, SH.sourceShape),
                        SEVERITY[graph.value(r, SH.resultSeverity)],
                    )
                    for r in results
                ),
                listed=len(results),
                exercises=frozenset(graph.objects(node, CGT.exercises)),
            )
        )
    return entries


ENTRIES = read_manifest()


@cache
def shapes_of(files: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def data_of(files: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def keys(report: Report) -> set[Key]:
    return {(r.focus_node, r.path, r.constraint_component, r.source_shape, r.severity) for r in report.results}


def show(found: Iterable[Key]) -> str:
    def short(term: Node | None) -> str:
        if term is None:
            return "-"
        text = str(term)
        for namespace, prefix in ((EX, "ex:"), (CG, "cg:"), (CGSH, "cgsh:"), (SH, "sh:")):
            text = text.replace(str(namespace), prefix)
        return text

    return "\n".join(sorted("  " + " | ".join(map(short, key)) for key in found)) or "  (none)"


# --- Every manifest entry --------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_manifest_entry(entry: Entry, engine: str) -> None:
    # Both engines must give exactly the hand-worked results: the SPARQL one (default)
    # and pyshacl (the reference).
    assert entry.listed == len(entry.expected), "the manifest lists a result twice"
    report = validate_graph(data_of(entry.data), shapes_of(entry.shapes), engine=engine)
    found = keys(report)
    missing, extra = entry.expected - found, found - entry.expected
    assert not missing and not extra, f"missing:\n{show(missing)}\nunexpected:\n{show(extra)}"
    assert report.conforms is entry.conforms


def test_the_manifest_names_existing_files_and_the_shipped_shapes() -> None:
    shipped = tuple(sorted(SHAPES_DIR.glob("*.ttl")))
    for entry in ENTRIES:
        assert entry.data and all(path.is_file() for path in entry.data), entry.name
        assert entry.shapes and set(entry.shapes) <= set(shipped), entry.name
        # Only data entries that add no cg: resource may leave the ontology-quality shapes out.
        if entry.shapes != shipped:
            assert entry.shapes == (SHAPES_DIR / "claimgraph.ttl",) and FIXTURES / "base.ttl" in entry.data
            data = data_of(entry.data)
            assert not any(str(s).startswith(str(CG)) for s in data.subjects()), entry.name
            assert (None, RDFS.isDefinedBy, None) not in data, entry.name
    assert {e.name for e in ENTRIES if e.shapes == shipped} >= {"base", "ontology-mini", "ontology-terms"}
    fixtures = {path for path in FIXTURES.rglob("*.ttl") if path != MANIFEST}
    assert fixtures == {path for entry in ENTRIES for path in entry.data}, "a fixture file no entry uses"


# --- Coverage: every constraint fails somewhere and holds somewhere ---------------------


def all_shapes(shapes: Graph) -> set[Node]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return found | set(shapes.objects(None, SH.property))


def constraints(shapes: Graph) -> set[tuple[Node, Node]]:
    """(shape, constraint component) for every constraint of every shape."""
    return {
        (shape, component)
        for shape in all_shapes(shapes)
        for parameter, component in COMPONENT.items()
        if (shape, parameter, None) in shapes
    }


def with_ontology(graph: Graph) -> Graph:
    """The data graph as validate_graph builds it."""
    if (ONTOLOGY_IRI, RDF.type, None) not in graph:
        graph += load_ontology()
    return graph


def targets(shapes: Graph, shape: Node, data: Graph) -> set[Node]:
    """Focus nodes of a shape's core targets in ``data``."""
    nodes = set(shapes.objects(shape, SH.targetNode))
    for target_class in shapes.objects(shape, SH.targetClass):
        for cls in data.transitive_subjects(RDFS.subClassOf, target_class):
            nodes |= set(data.subjects(RDF.type, cls))
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        nodes |= set(data.subjects(predicate, None))
    return nodes


def test_every_constraint_has_a_failing_fixture() -> None:
    shapes = load_shapes()
    failing = {(shape, component) for entry in ENTRIES for _, _, component, shape, _ in entry.expected}
    untested = constraints(shapes) - failing
    assert not untested, "constraints that no fixture breaks:\n" + "\n".join(sorted(map(str, untested)))


def exercised(shapes: Graph, shape: Node, data: Graph) -> bool:
    """Whether ``data`` gives ``shape`` something to check: a focus node, with a value."""
    path = shapes.value(shape, SH.path)
    if path is None:
        return bool(targets(shapes, shape, data))
    return any(
        any(True for _ in data.objects(node, path))
        for owner in shapes.subjects(SH.property, shape)
        for node in targets(shapes, owner, data)
    )


def test_every_constraint_has_a_conforming_fixture() -> None:
    # A shape whose constraints all hold on data that gives it something to check. The
    # SPARQL rules find no focus node in data that keeps them (their target is the
    # query), so for them the manifest says which entries come close (cgt:exercises).
    shapes = load_shapes()
    conforming = [with_ontology(data_of(entry.data)) for entry in ENTRIES if entry.conforms]
    named = {shape for entry in ENTRIES for shape in entry.exercises}
    missed = [
        shape
        for shape in all_shapes(shapes)
        if not (
            shape in named
            if (shape, SH.sparql, None) in shapes
            else any(exercised(shapes, shape, data) for data in conforming)
        )
    ]
    assert not missed, "shapes that no conforming fixture exercises: " + ", ".join(map(str, missed))


# --- The seed corpus -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The union of all graphs of a store holding examples/ (the ontology included)."""
    folder = tmp_path_factory.mktemp("seed")
    store, export = folder / "store", folder / "seed.nt"
    runner = CliRunner()
    add = ["add", "--no-validate"] if "--no-validate" in runner.invoke(cli, ["add", "--help"]).output else ["add"]
    result = runner.invoke(cli, ["--store", str(store), *add, str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    # N-Triples export: the union of the named graphs
    result = runner.invoke(cli, ["--store", str(store), "export", "--format", "nt", "-o", str(export)])
    assert result.exit_code == 0, result.output
    return Graph().parse(export, format="nt")


def test_the_seed_corpus_conforms_without_any_result(seed_graph: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in seed_graph
    assert len(set(seed_graph.subjects(RDF.type, CG.Statement))) > 40
    report = validate_graph(seed_graph)
    assert keys(report) == set(), show(keys(report))
    assert report.conforms


def typed_strings(graph: Graph) -> Graph:
    """``graph`` with every plain literal written as "..."^^xsd:string, as Oxigraph gives them back."""
    result = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is None and not o.language:
            o = Literal(str(o), datatype=XSD.string)
        result.add((s, p, o))
    return result


@pytest.mark.parametrize("name", ["base", "ontology-mini"])
def test_plain_and_xsd_string_literals_are_alike(name: str) -> None:
    # RDF 1.1 makes "x" and "x"^^xsd:string one literal, rdflib does not: the shapes must
    # accept both forms (no sh:hasValue or sh:in on literals).
    # (The base with the data shapes only: the miniature covers the ontology's strings.)
    (entry,) = (e for e in ENTRIES if e.name == name)
    data = typed_strings(data_of(entry.data))
    assert any(isinstance(o, Literal) and o.datatype == XSD.string for o in data.objects())
    shapes = shapes_of((SHAPES_DIR / "claimgraph.ttl",)) if name == "base" else shapes_of(entry.shapes)
    report = validate_graph(data, shapes)
    assert keys(report) == set(), show(keys(report))


# --- focus_nodes --------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_focus_nodes_give_exactly_the_results_of_those_nodes(engine: str) -> None:
    # What validating an add relies on: with focus_nodes, pyshacl reports the results of
    # those nodes only, SPARQL rules (with their SPARQL targets) included, and the same
    # results that a full run reports for them.
    (entry,) = (e for e in ENTRIES if e.name == "rules")
    data, shapes = data_of(entry.data), shapes_of(entry.shapes)
    chosen = [EX["bad-dated-after"], EX["bad-mentions"], EX["bad-doc-string-date"], EX.s1]
    focused = keys(validate_graph(data, shapes, focus_nodes=chosen, engine=engine))
    assert focused == {key for key in entry.expected if key[0] in chosen}
    assert {key[0] for key in focused} == set(chosen) - {EX.s1}
    assert {key[3] for key in focused} == {
        CGSH.StatedBeforeIssuedShape,
        CGSH.MentionReferentShape,
        CGSH["SourceDocument-issued"],
    }


# --- Meta-validation -------------------------------------------------------------------


@cache
def shacl_shacl() -> Graph:
    """The SHACL-SHACL shapes (https://www.w3.org/TR/shacl/#shacl-shacl) pyshacl ships."""
    return Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")


def test_the_shapes_graph_conforms_to_shacl_shacl() -> None:
    conforms, _, text = pyshacl.validate(load_shapes(), shacl_graph=shacl_shacl())
    assert conforms, text


def test_meta_validation_catches_a_broken_shape() -> None:
    broken = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ;
            sh:targetClass <https://example.org/C> ;
            sh:property [ sh:path <https://example.org/p> ; sh:minCount "one" ] .
        """,
        format="turtle",
    )
    conforms, _, _ = pyshacl.validate(broken, shacl_graph=shacl_shacl())
    assert not conforms
    with pytest.raises(pyshacl.errors.ReportableRuntimeError):
        pyshacl.validate(Graph(), shacl_graph=broken, meta_shacl=True)


# --- Conventions -----------------------------------------------------------------------


def test_every_shape_has_an_iri_a_label_a_message_and_a_severity() -> None:
    shapes = load_shapes()
    found = all_shapes(shapes)
    assert len(found) > 100
    for shape in found:
        assert isinstance(shape, URIRef) and shape.startswith(str(CGSH)), f"shape without a cgsh: IRI: {shape}"
        for predicate in (RDFS.label, SH.message):
            values = list(shapes.objects(shape, predicate))
            assert values and all(v.language == "en" for v in values), f"{shape}: {predicate}"
        assert shapes.value(shape, SH.severity) in SEVERITY, f"{shape}: sh:severity"


def test_only_the_self_dispute_rule_is_a_warning() -> None:
    shapes = load_shapes()
    warnings = {shape for shape in all_shapes(shapes) if shapes.value(shape, SH.severity) != SH.Violation}
    assert warnings == {CGSH.SelfDisputeShape}
    assert shapes.value(CGSH.SelfDisputeShape, SH.severity) == SH.Warning


def test_no_shape_validates_nested_shapes() -> None:
    shapes = load_shapes()
    for parameter in NESTED:
        assert (None, parameter, None) not in shapes, f"{parameter} is used"
    # sh:property only on node shapes, never inside a property shape
    for shape in shapes.subjects(SH.property, None):
        assert (shape, SH.path, None) not in shapes


def test_sparql_queries_declare_their_prefixes() -> None:
    shapes = load_shapes()
    queries = set(shapes.objects(None, SH.sparql)) | set(shapes.objects(None, SH.target))
    assert len(queries) >= 16
    for query in queries:
        assert isinstance(query, URIRef), f"anonymous query node: {query}"
        assert (query, RDFS.label, None) in shapes, query
        ontology = shapes.value(query, SH.prefixes)
        assert (ontology, RDF.type, OWL.Ontology) in shapes, query
        declared = {str(shapes.value(d, SH.prefix)) for d in shapes.objects(ontology, SH.declare)}
        select = re.sub(r'"[^"]*"|<[^>]*>', "", str(shapes.value(query, SH.select)))
        used = set(re.findall(r"\b([A-Za-z][\w-]*):[A-Za-z_]", select))
        assert used <= declared, (query, used - declared)
        if (query, RDF.type, SH.SPARQLConstraint) in shapes:
            assert (query, SH.message, None) in shapes, query


def test_rule_targets_select_what_the_rule_reports() -> None:
    # A rule's SPARQL target must find every resource its constraint would report; the
    # rules share one query node for both, except the undeclared-term rule.
    shapes = load_shapes()
    for shape in shapes.subjects(SH.target, None):
        target, constraint = shapes.value(shape, SH.target), shapes.value(shape, SH.sparql)
        if shape == CGSH.DeclaredTermShape:
            assert target == CGSH.DeclaredTermTarget and constraint == CGSH.DeclaredTermQuery
        else:
            assert target == constraint, shape
            assert (target, RDF.type, SH.SPARQLTarget) in shapes and (target, RDF.type, SH.SPARQLConstraint) in shapes


def _in_list(shapes: Graph, shape: URIRef) -> set[Node]:
    return set(Collection(shapes, shapes.value(shape, SH["in"])))


@pytest.mark.parametrize(
    ("shape", "value_class"),
    [
        (CGSH["Statement-speechAct"], vocabulary.SPEECH_ACT),
        (CGSH["Statement-channel"], vocabulary.CHANNEL),
        (CGSH["Statement-polarity"], vocabulary.POLARITY),
        (CGSH["Statement-certainty"], vocabulary.CERTAINTY),
        (CGSH["Quote-quoteKind"], vocabulary.QUOTE_KIND),
        (CGSH["ActorMention-referenceKind"], vocabulary.REFERENCE_KIND),
        (CGSH["Rating-normalisedRating"], vocabulary.NORMALISED_RATING),
    ],
    ids=["speech-act", "channel", "polarity", "certainty", "quote-kind", "reference-kind", "normalised-rating"],
)
def test_controlled_value_lists_match_the_ontology(shape: URIRef, value_class: URIRef) -> None:
    ontology = load_ontology()
    in_ontology = set(ontology.subjects(RDF.type, value_class))
    assert _in_list(load_shapes(), shape) == in_ontology == set(vocabulary.values(value_class).values())


def test_relation_types_match_what_the_loader_writes() -> None:
    assert _in_list(load_shapes(), CGSH["PropositionRelationship-relationType"]) == set(RELATIONS.values())


def test_every_class_and_property_of_the_ontology_has_a_shape() -> None:
    ontology, shapes = load_ontology(), load_shapes()
    terms = {t for t in ontology.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI) if isinstance(t, URIRef)}
    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in terms & set(ontology.subjects(RDF.type, OWL.Class)):
        assert set(ontology.transitive_objects(cls, RDFS.subClassOf)) & targeted, f"no shape targets {cls}"
    paths = set(shapes.objects(None, SH.path))
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in terms & set(ontology.subjects(RDF.type, kind)):
            assert prop in paths, f"no property shape for {prop}"


def test_every_shape_file_is_a_described_owl_ontology() -> None:
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        (ontology,) = graph.subjects(RDF.type, OWL.Ontology)
        assert isinstance(ontology, URIRef), path
        assert graph.value(ontology, RDFS.label) is not None
        assert any(graph.objects(ontology, SH.declare)), path
