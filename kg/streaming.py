"""Add large N-Triples and N-Quads files without holding them in memory.

``add`` reads an ordinary file whole, compares it graph by graph with the store, and
writes only what changed (:mod:`kg.ingest`). A dump of millions of triples does not fit
that way on a laptop: its parsed triples take several times the file's size. Such a
file is instead cut at line ends into pieces that Oxigraph's bulk loader takes two
at a time (one per core). Memory stays at a few pieces whatever the file's size.

The price: every graph of a streamed file is written again even when it has not
changed, and a file with blank nodes is read the ordinary way (blank node labels must
name one node across the whole file, and the loader names them per piece).
"""

from __future__ import annotations

import mmap
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox

from kg.errors import FormatError, StoreError
from kg.namespaces import file_graph
from kg.rdfinput import RDF_FORMATS
from kg.store import EmbeddedStore

STREAM_BYTES = 64 * 2**20  # files at least this large are streamed
PIECE_BYTES = 32 * 2**20  # bytes per bulk-loader call
LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}  # can be cut at any line end
_GRAPH_OF = attrgetter("graph_name")
_SUBJECT_OF = attrgetter("subject")


def streamable(path: Path, threshold: int = STREAM_BYTES) -> bool:
    """Whether ``path`` is large, line-based and free of blank nodes, so it can be streamed."""
    if RDF_FORMATS.get(path.suffix.lower()) not in LINE_FORMATS:
        return False
    try:
        if path.stat().st_size < max(threshold, 1):
            return False
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"_:") < 0  # also in a literal: then the file is just read the ordinary way
    except (OSError, ValueError):
        return False  # the ordinary reader reports what is wrong with the file


@dataclass
class Streamed:
    """What streaming one file wrote: triples per graph, and the subjects when asked for."""

    path: Path
    whole_store: bool  # the store had no graphs before: everything in it came from here
    counts: Counter[ox.NamedNode] = field(default_factory=Counter)
    replaced: set[ox.NamedNode] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)  # when asked for, and not whole_store


def pieces(path: Path, size: int = PIECE_BYTES) -> Iterator[tuple[int, bytes]]:
    """The file in pieces of about ``size`` bytes cut after a line end, with each piece's first line number."""
    line = 1
    with path.open("rb") as handle:
        rest = b""
        while True:
            block = handle.read(size)
            if not block:
                break
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            piece, rest = data[:cut], data[cut:]
            yield line, piece
            line += piece.count(b"\n")
        if rest:
            yield line, rest


def _scan(path: Path, rdf_format: ox.RdfFormat, subjects: bool) -> tuple[Counter, set[str]]:
    """Parse the whole file strictly: triples per graph, and (if asked) every IRI subject."""
    counts: Counter = Counter()
    seen: set[str] = set()
    quads = ox.parse(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri())
    try:
        if subjects:
            for quad in quads:
                counts[quad.graph_name] += 1
                seen.add(quad.subject.value)
        else:
            counts.update(map(_GRAPH_OF, quads))
    except SyntaxError as exc:
        raise FormatError(f"malformed {rdf_format.name}: {exc.msg or exc}", path=path, line=exc.lineno) from exc
    except ValueError as exc:
        raise FormatError(f"cannot read {rdf_format.name}: {exc}", path=path) from exc
    return counts, seen


def scan(path: Path) -> Counter[ox.NamedNode]:
    """Parse a file that would be streamed, strictly, and count the triples of each graph it fills."""
    rdf_format = RDF_FORMATS[path.suffix.lower()]
    counts, _ = _scan(path, rdf_format, subjects=False)
    own = ox.NamedNode(str(file_graph(path.stem)))
    return Counter({own if isinstance(graph, ox.DefaultGraph) else graph: n for graph, n in counts.items()})


def stream_file(store: EmbeddedStore, path: Path, *, subjects: bool = False) -> Streamed:
    """Write the graphs of one large file into ``store``; call inside :meth:`EmbeddedStore.rollback_point`.

    Graphs the store holds already and the file fills are dropped first, so each ends up
    holding exactly the file's triples; the file is read once before loading to learn
    which. Into a store without graphs the file goes at once, checked strictly by the
    loader itself, and the store counts the triples of each graph afterwards. Triples
    outside any named graph go to the file's own graph, as for every RDF file. An error
    leaves the undoing to the rollback point.
    """
    rdf_format = RDF_FORMATS[path.suffix.lower()]
    own = ox.NamedNode(str(file_graph(path.stem)))
    before = set(store.named_graphs())
    if store.default_graph_size():
        raise StoreError(f"store {store.location} holds triples outside named graphs; cannot stream {path} into it")
    result = Streamed(path, whole_store=not before)
    if before:
        counts, result.subjects = _scan(path, rdf_format, subjects)
        filled = {own if isinstance(graph, ox.DefaultGraph) else graph for graph in counts}
        for graph in sorted(filled & before, key=lambda g: g.value):
            store.drop_graph(graph)
        _load(store, path, rdf_format, own, strict=False)  # the scan has checked every line
    else:
        _load(store, path, rdf_format, own, strict=True)
        counts = Counter(store.graph_sizes())
        counts[ox.DefaultGraph()] = store.default_graph_size()
    if counts.get(ox.DefaultGraph()):
        store.move_default_graph(own)
    for graph, count in counts.items():
        if count:
            result.counts[own if isinstance(graph, ox.DefaultGraph) else graph] += count
    result.replaced = {graph for graph in result.counts if graph in before}
    return result


def _load(store: EmbeddedStore, path: Path, rdf_format: ox.RdfFormat, own: ox.NamedNode, *, strict: bool) -> None:
    """Bulk-load the file piece by piece, two pieces at a time (one per core)."""
    target = own if rdf_format == ox.RdfFormat.N_TRIPLES else None
    running: list[tuple[int, Future]] = []

    def settle(entry: tuple[int, Future]) -> None:
        line, done = entry
        try:
            done.result()
        except SyntaxError as exc:
            where = line + (exc.lineno or 1) - 1
            raise FormatError(f"malformed {rdf_format.name}: {exc.msg or exc}", path=path, line=where) from exc
        except (OSError, ValueError) as exc:
            raise StoreError(f"writing {path} to store {store.location} failed: {exc}") from exc

    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            for line, piece in pieces(path, PIECE_BYTES):
                while len(running) >= 2:
                    settle(running.pop(0))
                running.append((line, pool.submit(store.load_piece, piece, rdf_format, target, strict=strict)))
            while running:
                settle(running.pop(0))
        finally:
            for _, done in running:
                done.cancel()
