"""Large line-based RDF files are streamed into the store: same graphs, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO
from storecheck import snapshot

from kg import ingest, streaming
from kg.errors import FormatError, InputError, ShapeViolations
from kg.namespaces import ONTOLOGY_IRI
from kg.store import EmbeddedStore

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate

EX = "http://example.org/"
G1, G2 = f"<{EX}g1>", f"<{EX}g2>"
FILE_GRAPH = "https://w3id.org/claimgraph/id/graph/file/"
STATEMENT = "<https://w3id.org/claimgraph/ontology#Statement>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def graphs_of(store: EmbeddedStore) -> dict[str, set[tuple[str, str, str]]]:
    found: dict[str, set[tuple[str, str, str]]] = {}
    for quad in store.quads():
        found.setdefault(quad.graph_name.value, set()).add((str(quad.subject), str(quad.predicate), str(quad.object)))
    return found


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A valid generated corpus of about 2,000 triples, as N-Quads."""
    path = tmp_path / "corpus.nq"
    with path.open("w", encoding="utf-8") as out:
        generate(2000, out)
    return path


def test_pieces_end_at_line_ends_and_know_their_first_line(tmp_path: Path) -> None:
    lines = [f'<{EX}s{n}> <{EX}p> "{"x" * n}" .' for n in range(10)]
    path = write(tmp_path / "f.nt", lines)
    pieces = list(streaming.pieces(path, size=100))
    assert b"".join(piece for _, piece in pieces) == path.read_bytes()
    assert all(piece.endswith(b"\n") for _, piece in pieces)
    assert len(pieces) > 2
    for first_line, piece in pieces:  # each piece starts with the line its number names
        assert piece.split(b"\n")[0].decode() == lines[first_line - 1]


def test_only_large_line_based_files_without_blank_nodes_are_streamed(tmp_path: Path) -> None:
    nquads = write(tmp_path / "a.nq", [f"<{EX}s> <{EX}p> <{EX}o> {G1} ."])
    blank = write(tmp_path / "b.nq", [f"_:x <{EX}p> <{EX}o> {G1} ."])
    turtle = write(tmp_path / "c.ttl", [f"<{EX}s> <{EX}p> <{EX}o> ."])
    assert streaming.streamable(nquads, threshold=1)
    assert not streaming.streamable(nquads)  # far below the default size
    assert not streaming.streamable(blank, threshold=1)
    assert not streaming.streamable(turtle, threshold=1)


def test_a_streamed_add_stores_what_an_ordinary_add_stores(tmp_path: Path, corpus: Path) -> None:
    with EmbeddedStore(tmp_path / "ordinary") as store:
        ordinary = ingest.add([corpus], store, validate=True)
    with EmbeddedStore(tmp_path / "streamed") as store:
        streamed = ingest.add([corpus], store, validate=True, stream_bytes=1)
    assert snapshot(tmp_path / "streamed") == snapshot(tmp_path / "ordinary")
    as_rows = {(c.graph, c.triples, c.status) for c in streamed.changes}
    assert as_rows == {(c.graph, c.triples, c.status) for c in ordinary.changes}
    assert {c.status for c in streamed.changes} == {"added"}


def test_triples_outside_named_graphs_go_to_the_files_own_graph(tmp_path: Path) -> None:
    quads = write(tmp_path / "dump.nq", [f"<{EX}a> <{EX}p> <{EX}b> {G1} .", f"<{EX}c> <{EX}p> <{EX}d> ."])
    triples = write(tmp_path / "plain.nt", [f"<{EX}e> <{EX}p> <{EX}f> .", f"<{EX}g> <{EX}p> <{EX}h> ."])
    with EmbeddedStore(tmp_path / "store") as store:
        outcome = ingest.add([quads, triples], store, validate=False, stream_bytes=1)
        stored = graphs_of(store)
        assert store.default_graph_size() == 0
    assert stored[f"{EX}g1"] == {(f"<{EX}a>", f"<{EX}p>", f"<{EX}b>")}
    assert stored[FILE_GRAPH + "dump"] == {(f"<{EX}c>", f"<{EX}p>", f"<{EX}d>")}
    assert len(stored[FILE_GRAPH + "plain"]) == 2
    counts = {c.graph: c.triples for c in outcome.changes if c.graph != str(ONTOLOGY_IRI)}
    assert counts == {f"{EX}g1": 1, FILE_GRAPH + "dump": 1, FILE_GRAPH + "plain": 2}


def test_streaming_into_a_store_with_graphs_replaces_only_the_graphs_the_file_fills(tmp_path: Path) -> None:
    old = write(tmp_path / "old.nq", [f'<{EX}a> <{EX}p> "old" {G1} .', f'<{EX}b> <{EX}p> "kept" {G2} .'])
    new = write(tmp_path / "new.nq", [f'<{EX}a> <{EX}p> "new" {G1} .'])
    with EmbeddedStore(tmp_path / "store") as store:
        ingest.add([old], store, validate=False)
        outcome = ingest.add([new], store, validate=False, stream_bytes=1)
        stored = graphs_of(store)
    assert stored[f"{EX}g1"] == {(f"<{EX}a>", f"<{EX}p>", '"new"')}
    assert stored[f"{EX}g2"] == {(f"<{EX}b>", f"<{EX}p>", '"kept"')}
    assert [(c.graph, c.status) for c in outcome.changes if c.graph == f"{EX}g1"] == [(f"{EX}g1", "replaced")]


@pytest.mark.parametrize("fresh", [True, False], ids=["empty-store", "store-with-graphs"])
def test_a_malformed_line_is_reported_with_its_number_and_nothing_is_written(
    tmp_path: Path, fresh: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f'<{EX}s{n}> <{EX}p> "{n:03d} {"y" * 40}" {G1} .' for n in range(60)]
    lines[47] = f'<{EX}s47> <{EX}p> "unterminated {G1} .'
    bad = write(tmp_path / "bad.nq", lines)
    store_path = tmp_path / "store"
    with EmbeddedStore(store_path) as store:
        if not fresh:
            ingest.add([write(tmp_path / "old.nq", [f"<{EX}a> <{EX}p> <{EX}b> {G1} ."])], store, validate=False)
    before = snapshot(store_path)
    monkeypatch.setattr(streaming, "PIECE_BYTES", 1000)  # several pieces: the error lies in a later one
    with EmbeddedStore(store_path) as store, pytest.raises(FormatError) as caught:
        ingest.add([bad], store, validate=False, stream_bytes=1)
    assert caught.value.line == 48
    assert caught.value.path == str(bad)
    assert snapshot(store_path) == before


def test_a_streamed_file_that_breaks_the_shapes_is_refused_and_nothing_is_written(tmp_path: Path, corpus: Path) -> None:
    store_path = tmp_path / "store"
    broken = tmp_path / "broken.nq"
    broken.write_text(
        corpus.read_text(encoding="utf-8") + f"<{EX}lonely> {RDF_TYPE} {STATEMENT} {G1} .\n", encoding="utf-8"
    )
    with EmbeddedStore(store_path) as store:
        pass
    before = snapshot(store_path)
    with EmbeddedStore(store_path) as store, pytest.raises(ShapeViolations) as caught:
        ingest.add([broken], store, stream_bytes=1)
    assert {str(r.focus_node) for r in caught.value.report.results} == {f"{EX}lonely"}
    assert snapshot(store_path) == before


def test_violations_already_in_the_store_are_not_blamed_on_a_streamed_file(tmp_path: Path, corpus: Path) -> None:
    lonely = write(tmp_path / "lonely.nq", [f"<{EX}lonely> {RDF_TYPE} {STATEMENT} {G2} ."])
    with EmbeddedStore(tmp_path / "store") as store:
        ingest.add([lonely], store, validate=False)
        outcome = ingest.add([corpus], store, stream_bytes=1)
    assert outcome.report is not None
    assert not [r for r in outcome.report.results if r.severity == "violation"]


def test_a_small_file_filling_a_streamed_graph_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    big = write(tmp_path / "big.nq", [f"<{EX}a> <{EX}p> <{EX}b> {G1} ."])
    small = write(tmp_path / "small.trig", [f"{G1} {{ <{EX}c> <{EX}p> <{EX}d> . }}"])
    store_path = tmp_path / "store"
    with EmbeddedStore(store_path):
        pass
    before = snapshot(store_path)
    with EmbeddedStore(store_path) as store, pytest.raises(InputError, match="fills graph"):
        ingest.add([big, small], store, validate=False, stream_bytes=50)
    assert snapshot(store_path) == before


def test_the_ontology_graph_is_added_once_when_a_streamed_file_brings_it(tmp_path: Path) -> None:
    dump = write(tmp_path / "dump.nq", [f"<{EX}a> <{EX}p> <{EX}b> <{ONTOLOGY_IRI}> ."])
    with EmbeddedStore(tmp_path / "store") as store:
        ingest.add([dump], store, validate=False, stream_bytes=1)
        stored = graphs_of(store)
    assert stored[str(ONTOLOGY_IRI)] == {(f"<{EX}a>", f"<{EX}p>", f"<{EX}b>")}  # not the shipped ontology


def test_a_dry_run_parses_a_file_to_be_streamed_and_counts_it(tmp_path: Path) -> None:
    dump = write(
        tmp_path / "dump.nq",
        [f"<{EX}a> <{EX}p> <{EX}b> {G1} .", f"<{EX}c> <{EX}p> <{EX}d> {G1} .", f"<{EX}e> <{EX}p> <{EX}f> ."],
    )
    graphs, triples = ingest.dry_run([dump], None, stream_bytes=1)
    ontology = ingest.dry_run([write(tmp_path / "o.nq", [f"<{EX}x> <{EX}p> <{EX}y> {G2} ."])], None)
    # g1 and the file's own graph; the ontology graph comes along as in every add
    assert (graphs, triples) == (2 + ontology[0] - 1, 3 + ontology[1] - 1)
    bad = write(tmp_path / "bad.nq", [f"<{EX}a> <{EX}p> <{EX}b> {G1} .", "<broken"])
    with pytest.raises(FormatError) as caught:
        ingest.dry_run([bad], None, stream_bytes=1)
    assert caught.value.line == 2


def test_a_refused_streamed_add_also_undoes_the_ordinary_files_written_with_it(tmp_path: Path) -> None:
    old = write(tmp_path / "notes.trig", [f'{G2} {{ <{EX}c> <{EX}p> "old" . }}'])
    store_path = tmp_path / "store"
    with EmbeddedStore(store_path) as store:
        ingest.add([old], store, validate=False)
    before = snapshot(store_path)
    write(tmp_path / "notes.trig", [f'{G2} {{ <{EX}c> <{EX}p> "new" . }}'])  # replaces g2: a write of its own
    big = write(tmp_path / "big.nq", [f"<{EX}lonely> {RDF_TYPE} {STATEMENT} {G1} ."])
    with EmbeddedStore(store_path) as store, pytest.raises(ShapeViolations):
        ingest.add([big, old], store, stream_bytes=50)
    assert snapshot(store_path) == before
