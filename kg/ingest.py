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
from kg.datagraph import context_of, neighbourhood
from kg.errors import FormatError, InputError, ShapeViolations, UnknownReferenceError
from kg.namespaces import ONTOLOGY_IRI
from kg.rdfinput import RDF_FORMATS, read_rdf
from kg.registry import REGISTRY_KEYS, compile_registry
from kg.resources import ontology_path
from kg.sparql_validation import report_graph
from kg.store import EmbeddedStore, Store
from kg.streaming import STREAM_BYTES, Streamed, scan, stream_file, streamable
from kg.updates import has_blank_node
from kg.validation import DEFAULT_ENGINE, Report, validate_graph, validate_store
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


def _compile_files(files: Sequence[Path], owners: dict[str, Path]) -> list[CompiledGraph]:
    """Compile each file, refusing two files that fill one graph (``owners`` records who fills what)."""
    compiled: list[CompiledGraph] = []
    for path in files:
        for result in compile_file(path):
            _claim(owners, str(result.graph), path)
            compiled.append(result)
    return compiled


def _claim(owners: dict[str, Path], graph: str, path: Path) -> None:
    if graph in owners:
        raise InputError(
            f"fills graph <{graph}>, which {owners[graph]} fills too; give each document its own id",
            path=path,
        )
    owners[graph] = path


def _with_ontology(compiled: list[CompiledGraph], owners: dict[str, Path]) -> list[CompiledGraph]:
    """The ontology goes along as its own named graph, so that queries over the store can
    use its labels and class hierarchy, unless an input file brings that graph itself."""
    if str(ONTOLOGY_IRI) in owners:
        return compiled
    return compiled + read_rdf(ontology_path(), default_graph=ONTOLOGY_IRI)


def plan(paths: Sequence[str | Path], store: Store | None) -> list[CompiledGraph]:
    """Read, compile and cross-check everything named by ``paths``; write nothing."""
    owners: dict[str, Path] = {}
    compiled = _with_ontology(_compile_files(collect_files(paths), owners), owners)
    _check_references(compiled, store)
    return compiled


def dry_run(paths: Sequence[str | Path], store: Store | None, stream_bytes: int = STREAM_BYTES) -> tuple[int, int]:
    """Check everything an add of ``paths`` would read, write nothing: (graphs, triples).

    Files ``add`` would stream are parsed strictly once, without keeping their triples;
    with such files in the batch, the ids the other files use are not checked.
    """
    files = collect_files(paths)
    large = [f for f in files if streamable(f, stream_bytes)]
    graphs: dict[str, int] = {}
    owners: dict[str, Path] = {}
    for path in large:
        for graph, count in scan(path).items():
            _claim(owners, graph.value, path)
            graphs[graph.value] = count
    compiled = _with_ontology(_compile_files([f for f in files if f not in large], owners), owners)
    if not large:  # what streamed files declare is not known without loading them
        _check_references(compiled, store)
    for result in compiled:
        graphs[str(result.graph)] = len(result.triples)
    return len(graphs), sum(graphs.values())


def _canonical(triples: Iterable[tuple]) -> set[tuple]:
    """Triples with blank nodes relabelled canonically, so isomorphic graphs compare equal."""
    triples = list(triples)
    if not any(isinstance(term, ox.BlankNode) for triple in triples for term in triple):
        return set(triples)
    graph = ox.NamedNode("urn:x-claimgraph:compare")
    dataset = ox.Dataset([ox.Quad(s, p, o, graph) for s, p, o in triples])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {(q.subject, q.predicate, q.object) for q in dataset}


def graph_status(store: Store, graph: ox.NamedNode, triples: list[ox.Triple]) -> tuple[str, int]:
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
    stream_bytes: int = STREAM_BYTES,
) -> AddResult:
    """Add (or re-add) files and folders to the store, atomically.

    With ``validate`` the changed graphs are checked against the SHACL shapes together
    with the stored context they touch (see :func:`kg.datagraph.neighbourhood`); any
    violation refuses the whole add with :class:`ShapeViolations` and writes nothing.
    Line-based RDF files of ``stream_bytes`` or more go into an embedded store without
    being held in memory (:mod:`kg.streaming`); the store then checks what they bring.
    """
    files = collect_files(paths)
    large = [f for f in files if isinstance(store, EmbeddedStore) and streamable(f, stream_bytes)]
    if not large:
        compiled = plan(files, store)
        return _write(compiled, store, validate, shapes, engine)
    assert isinstance(store, EmbeddedStore)
    owners: dict[str, Path] = {}
    compiled = _compile_files([f for f in files if f not in large], owners)  # errors show before any writing
    with store.rollback_point():
        streamed = [stream_file(store, path, subjects=validate) for path in large]
        for done in streamed:
            for graph in done.counts:
                _claim(owners, graph.value, done.path)
        compiled = _with_ontology(compiled, owners)
        _check_references(compiled, store)
        outcome = _write(compiled, store, validate, shapes, engine)
        changes = [
            GraphChange(graph.value, done.path, count, "replaced" if graph in done.replaced else "added")
            for done in streamed
            for graph, count in sorted(done.counts.items(), key=lambda item: item[0].value)
        ]
        outcome.changes = changes + outcome.changes
        if validate:
            report, data = _check_streamed(store, streamed, shapes, engine)
            if outcome.report is None:
                outcome.report, outcome.data = report, data
    return outcome


def _write(compiled: list[CompiledGraph], store: Store, validate: bool, shapes: Graph | None, engine: str) -> AddResult:
    """Validate what changes among ``compiled`` with its stored context, then write it in one go."""
    contents: dict[ox.NamedNode, list[ox.Triple]] = {}
    changes = []
    for result in compiled:
        graph = ox.NamedNode(str(result.graph))
        status, count = graph_status(store, graph, result.triples)
        changes.append(GraphChange(str(result.graph), result.source, count, status))
        if status != "unchanged":
            contents[graph] = result.triples
    outcome = AddResult(changes)
    if validate and contents:
        outcome.report, outcome.data = check_changes(store, contents, shapes, engine)
    store.replace_graphs(contents)
    return outcome


def _check_streamed(
    store: EmbeddedStore, streamed: list[Streamed], shapes: Graph | None, engine: str
) -> tuple[Report, Graph]:
    """Validate the whole store once streamed files are in it; refuse violations about their subjects."""
    results = validate_store(store, shapes, engine=engine).results
    if not all(done.whole_store for done in streamed):  # leave out what was in the store before
        subjects = set().union(*(done.subjects for done in streamed))
        results = [r for r in results if str(r.focus_node) in subjects]
    report = Report(conforms=not results, results=results, graph=report_graph(results, not results))
    data = context_of(store, results)
    _refuse_violations(report, data, "add")
    return report, data


def check_changes(
    store: Store,
    contents: dict[ox.NamedNode, list[ox.Triple]],
    shapes: Graph | None,
    engine: str,
    action: str = "add",
) -> tuple[Report, Graph]:
    """Validate new graph contents with the stored context they touch, before writing them.

    Refuses (:class:`ShapeViolations`) when they break a shape; ``action`` names the
    command in the message.
    """
    data = neighbourhood(store, contents)
    subjects = {t.subject for triples in contents.values() for t in triples}
    focus = sorted(URIRef(s.value) for s in subjects if isinstance(s, ox.NamedNode))
    report = validate_graph(data, shapes, focus_nodes=focus, engine=engine)
    _refuse_violations(report, data, action)
    return report, data


def _refuse_violations(report: Report, data: Graph, action: str) -> None:
    if report.fails("violation"):
        count = sum(1 for r in report.results if r.severity == "violation")
        raise ShapeViolations(
            f"{action} refused: the new data breaks {count} shape constraint(s); nothing was written "
            f"(fix the data, or {action} with --no-validate)",
            report=report,
            data=data,
        )
