"""SHACL validation of claimgraph data against the shapes in ``shapes/``.

Two engines give the same results: ``sparql`` (the default) compiles the shapes into
SPARQL queries that Oxigraph runs over the store itself (:mod:`kg.sparql_validation`);
``pyshacl`` is the reference, run on an rdflib copy of the data. The data always
carries the ontology, so that class targets and ``sh:class`` see subclasses (a
``cg:Person`` is a ``cg:Actor``) without any inference step, and so that the "every
cg: term is declared" rule can look terms up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node, URIRef

from kg.compiled import to_oxigraph
from kg.datagraph import union_graph
from kg.errors import FormatError
from kg.namespaces import ONTOLOGY_IRI
from kg.resources import ontology_path, resource_dir
from kg.store import EmbeddedStore, Store

ENGINES = ("sparql", "pyshacl")
DEFAULT_ENGINE = "sparql"
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
SEVERITY_RANK = {"info": 1, "warning": 2, "violation": 3}


def shapes_dir() -> Path:
    """The shipped shapes folder."""
    return resource_dir("shapes")


def load_shapes(directory: Path | None = None) -> Graph:
    """Every Turtle file of a shapes folder, as one shapes graph (the shipped ones parsed once)."""
    if directory is None:
        return _shipped_shapes()
    return _parse_shapes(directory)


@cache
def _shipped_shapes() -> Graph:
    return _parse_shapes(shapes_dir())


def _parse_shapes(folder: Path) -> Graph:
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise FormatError("no shapes (*.ttl) in folder", path=folder)
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types on bad Turtle
            raise FormatError(f"malformed shapes file: {str(exc).splitlines()[0]}", path=path) from exc
    return graph


@cache
def load_ontology() -> Graph:
    """The ontology as an rdflib graph (parsed once; treat it as read-only)."""
    return Graph().parse(ontology_path(), format="turtle")


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with the terms a report needs."""

    focus_node: Node
    path: Node | None
    value: Node | None
    source_shape: Node
    constraint_component: Node
    severity: str
    message: str


@dataclass
class Report:
    """The outcome of one validation run."""

    conforms: bool
    results: list[Result] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    def worst(self) -> str | None:
        """The highest severity among the results (None when there are none)."""
        return max((r.severity for r in self.results), key=SEVERITY_RANK.__getitem__, default=None)

    def fails(self, fail_on: str) -> bool:
        """Whether results at or above ``fail_on`` (violation, warning, info, none) exist."""
        if fail_on == "none":
            return False
        return any(SEVERITY_RANK[r.severity] >= SEVERITY_RANK[fail_on] for r in self.results)


def _results(report: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(node, SH.resultMessage)
        results.append(
            Result(
                focus_node=report.value(node, SH.focusNode),
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                source_shape=report.value(node, SH.sourceShape),
                constraint_component=report.value(node, SH.sourceConstraintComponent),
                severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "violation"),
                message=str(message) if isinstance(message, Literal) else "",
            )
        )
    return sorted(results, key=lambda r: (str(r.source_shape), str(r.focus_node), str(r.path), str(r.value)))


def validate_graph(
    data: Graph,
    shapes: Graph | None = None,
    *,
    focus_nodes: list[URIRef] | None = None,
    with_ontology: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """Validate ``data`` (plus the ontology) against ``shapes`` (default: the shipped ones).

    The ``sparql`` engine loads the data into an in-memory Oxigraph store; shapes it does
    not compile, and literals Oxigraph would rewrite, go to pyshacl instead.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    data_graph = data
    if with_ontology and (ONTOLOGY_IRI, RDF.type, None) not in data:
        data_graph = Graph()
        for triple in data:
            data_graph.add(triple)
        for triple in load_ontology():
            data_graph.add(triple)
    if engine == "pyshacl" or _rewritten_by_oxigraph(data_graph):
        return _pyshacl(data_graph, shapes_graph, focus_nodes)
    memory = ox.Store()
    memory.bulk_extend(ox.Quad(*map(to_oxigraph, triple)) for triple in data_graph)
    report = _sparql(memory.query, shapes_graph, focus_nodes)
    return report if report is not None else _pyshacl(data_graph, shapes_graph, focus_nodes)


# Datatypes Oxigraph stores as their base type ("5"^^xsd:int is kept as xsd:integer):
# sh:datatype could not tell them apart once loaded, so such data goes to pyshacl.
_XSD = "http://www.w3.org/2001/XMLSchema#"
_REWRITTEN = {
    URIRef(_XSD + name)
    for name in [
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
        "dateTimeStamp",
    ]
}


def _rewritten_by_oxigraph(data: Graph) -> bool:
    return any(isinstance(o, Literal) and o.datatype in _REWRITTEN for o in data.objects())


def validate_store(
    store: Store,
    shapes: Graph | None = None,
    *,
    engine: str = DEFAULT_ENGINE,
    focus_nodes: list[URIRef] | None = None,
) -> Report:
    """Validate the union of the store's graphs (which hold the ontology).

    The ``sparql`` engine queries an embedded store in place. Anything else (a remote
    store, whose SPARQL dialect must not change the results, or the pyshacl engine)
    validates a copy of the data, as :func:`validate_graph` does.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    ontology = ox.NamedNode(str(ONTOLOGY_IRI))
    if engine == "sparql" and isinstance(store, EmbeddedStore) and ontology in store.named_graphs():
        report = _sparql(store.query, shapes_graph, focus_nodes)
        if report is not None:
            return report
    return validate_graph(union_graph(store), shapes_graph, focus_nodes=focus_nodes, engine=engine)


def _sparql(
    query: Callable[[str], ox.QuerySolutions], shapes: Graph, focus_nodes: list[URIRef] | None
) -> Report | None:
    """The fast engine's report, or None when the shapes use what it does not compile."""
    from kg import sparql_validation  # it builds this module's Result objects

    try:
        compiled = sparql_validation.compile_shapes(shapes, query)
    except sparql_validation.UnsupportedShapes:
        return None
    try:
        results = sparql_validation.run(compiled, query, focus_nodes)
    except SyntaxError as exc:
        raise FormatError(f"the shapes cannot be used: a SPARQL query in them is invalid: {exc}") from exc
    conforms = not results
    return Report(conforms=conforms, results=results, graph=sparql_validation.report_graph(results, conforms))


def _pyshacl(data_graph: Graph, shapes_graph: Graph, focus_nodes: list[URIRef] | None) -> Report:
    try:
        conforms, report_graph, text = pyshacl_validate(
            data_graph,
            shacl_graph=shapes_graph,
            advanced=True,
            allow_warnings=False,
            focus_nodes=focus_nodes or None,
        )
    except ReportableRuntimeError as exc:
        raise FormatError(f"the shapes cannot be used: {exc.message.splitlines()[0]}") from exc
    if not isinstance(report_graph, Graph):
        raise FormatError(f"the shapes cannot be used: {str(text).strip().splitlines()[0]}")
    return Report(conforms=bool(conforms), results=_results(report_graph), graph=report_graph)
