"""``claimgraph add``: turn files and folders into named graphs, check them, store them.

Everything is read, compiled and cross-checked before the store is touched; then all
changed graphs are replaced in one all-or-nothing write. Any error leaves the store as
it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.annotation import compile_annotation
from kg.compiled import CompiledGraph, Reference
from kg.datagraph import neighbourhood
from kg.errors import FormatError, InputError, ShapeViolations, UnknownReferenceError
from kg.namespaces import ONTOLOGY_IRI
from kg.rdfinput import RDF_FORMATS, read_rdf
from kg.registry import REGISTRY_KEYS, compile_registry
from kg.resources import ontology_path
from kg.store import Store
from kg.updates import has_blank_node
from kg.validation import DEFAULT_ENGINE, Report, validate_graph
from kg.yamlfile import LineMapping, load_yaml

YAML_SUFFIXES = {".yaml", ".yml"}
INPUT_SUFFIXES = YAML_SUFFIXES | set(RDF_FORMATS)


def collect_files(paths: Sequence[str | Path]) -> list[Path]:
    """The input files named by ``paths``; folders are searched recursively, in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            if not found:
                raise InputError(
                    f"no annotation or RDF files in folder (looked for {', '.join(sorted(INPUT_SUFFIXES))})",
                    path=path,
                )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in INPUT_SUFFIXES:
                expected = ", ".join(sorted(INPUT_SUFFIXES))
                raise FormatError(
                    f"cannot read files of type {path.suffix or '(none)'!r}; expected {expected}",
                    path=path,
                )
            files.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def compile_file(path: Path) -> list[CompiledGraph]:
    """Compile one input file into the named graphs it fills."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return read_rdf(path)
    document = load_yaml(path)
    if not isinstance(document, LineMapping):
        raise FormatError(
            "expected a YAML mapping with 'document:' (annotation) or 'actors:'/'propositions:' (registry)",
            path=path,
            line=1,
        )
    if "document" in document:
        return [compile_annotation(document, path)]
    if REGISTRY_KEYS & set(document):
        return [compile_registry(document, path)]
    raise FormatError(
        "neither an annotation file ('document:') nor a registry ('actors:', 'topics:', 'propositions:', 'relations:')",
        path=path,
        line=1,
    )


@dataclass(frozen=True)
class GraphChange:
    """One named graph an add wrote, and whether it was new, replaced or unchanged."""

    graph: str
    source: Path
    triples: int
    status: str


def _check_references(compiled: list[CompiledGraph], store: Store | None) -> None:
    declared = set().union(*(c.declares for c in compiled)) if compiled else set()
    pending: list[Reference] = [r for c in compiled for r in c.requires if r.iri not in declared]
    if not pending:
        return
    replaced = [ox.NamedNode(str(c.graph)) for c in compiled]
    found = store.existing_subjects((str(r.iri) for r in pending), excluding=replaced) if store else set()
    missing = [r for r in pending if str(r.iri) not in found]
    if missing:
        first = missing[0]
        more = f" (and {len(missing) - 1} more unknown ids)" if len(missing) > 1 else ""
        raise UnknownReferenceError(
            f"unknown {first.kind} {first.written!r} (not declared in the files being added or in the store){more}",
            path=first.path,
            line=first.line,
        )


def plan(paths: Sequence[str | Path], store: Store | None) -> list[CompiledGraph]:
    """Read, compile and cross-check everything named by ``paths``; write nothing.

    The ontology goes along as its own named graph, so that queries over the store can
    use its labels and class hierarchy, unless an input file brings that graph itself.
    """
    compiled: list[CompiledGraph] = []
    owners: dict[str, Path] = {}
    for path in collect_files(paths):
        for result in compile_file(path):
            graph = str(result.graph)
            if graph in owners:
                raise InputError(
                    f"fills graph <{graph}>, which {owners[graph]} fills too; give each document its own id",
                    path=path,
                )
            owners[graph] = path
            compiled.append(result)
    if str(ONTOLOGY_IRI) not in owners:
        compiled.extend(read_rdf(ontology_path(), default_graph=ONTOLOGY_IRI))
    _check_references(compiled, store)
    return compiled


def _canonical(triples: Iterable[tuple]) -> set[tuple]:
    """Triples with blank nodes relabelled canonically, so isomorphic graphs compare equal."""
    triples = list(triples)
    if not any(isinstance(term, ox.BlankNode) for triple in triples for term in triple):
        return set(triples)
    graph = ox.NamedNode("urn:x-claimgraph:compare")
    dataset = ox.Dataset([ox.Quad(s, p, o, graph) for s, p, o in triples])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {(q.subject, q.predicate, q.object) for q in dataset}


def _status(store: Store, graph: ox.NamedNode, triples: list[ox.Triple]) -> tuple[str, int]:
    """Whether ``triples`` add, leave unchanged or replace ``graph``, and how many distinct triples they are.

    Cheap checks first, since reading a stored graph back costs far more than counting
    it or looking triples up: the stored size, then each new triple looked up. Only a
    graph with blank nodes (whose stored labels differ) is read and compared up to
    relabelling.
    """
    new = set(triples)
    size = store.graph_size(graph)
    if size == 0:
        return "added", len(new)
    if size != len(new):
        return "replaced", len(new)
    if store.holds_all(graph, new):
        return "unchanged", len(new)
    if not any(map(has_blank_node, new)):
        return "replaced", len(new)
    current = [(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    same = _canonical((t.subject, t.predicate, t.object) for t in new) == _canonical(current)
    return ("unchanged" if same else "replaced"), len(new)


@dataclass
class AddResult:
    """What an add wrote, and the validation report of what it added (if validated)."""

    changes: list[GraphChange]
    report: Report | None = None
    data: Graph | None = None


def add(
    paths: Sequence[str | Path],
    store: Store,
    *,
    validate: bool = True,
    shapes: Graph | None = None,
    engine: str = DEFAULT_ENGINE,
) -> AddResult:
    """Add (or re-add) files and folders to the store, atomically.

    With ``validate`` the changed graphs are checked against the SHACL shapes together
    with the stored context they touch (see :func:`kg.datagraph.neighbourhood`); any
    violation refuses the whole add with :class:`ShapeViolations` and writes nothing.
    """
    compiled = plan(paths, store)
    contents: dict[ox.NamedNode, list[ox.Triple]] = {}
    changes = []
    for result in compiled:
        graph = ox.NamedNode(str(result.graph))
        status, count = _status(store, graph, result.triples)
        changes.append(GraphChange(str(result.graph), result.source, count, status))
        if status != "unchanged":
            contents[graph] = result.triples
    outcome = AddResult(changes)
    if validate and contents:
        outcome.data = neighbourhood(store, contents)
        subjects = {t.subject for triples in contents.values() for t in triples}
        focus = sorted(URIRef(s.value) for s in subjects if isinstance(s, ox.NamedNode))
        outcome.report = validate_graph(outcome.data, shapes, focus_nodes=focus, engine=engine)
        if outcome.report.fails("violation"):
            count = sum(1 for r in outcome.report.results if r.severity == "violation")
            raise ShapeViolations(
                f"add refused: the new data breaks {count} shape constraint(s); nothing was written "
                "(fix the data, or add with --no-validate)",
                report=outcome.report,
                data=outcome.data,
            )
    store.replace_graphs(contents)
    return outcome
