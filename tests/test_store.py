"""The embedded store's writes: exact, and all or nothing even when the bulk loader is used."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from storecheck import snapshot

from kg import ingest
from kg import store as store_module
from kg.errors import StoreError
from kg.store import EmbeddedStore

EX = "https://w3id.org/claimgraph/id/test/"
P = ox.NamedNode(EX + "p")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def graph(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + "graph/" + name)


def triples(name: str, count: int) -> list[ox.Triple]:
    """``count`` plain triples, with a literal that looks like an N-Triples line end inside."""
    subject = ox.NamedNode(EX + name)
    return [ox.Triple(subject, P, ox.Literal(f"{name} {n} .\nnext line")) for n in range(count)]


@pytest.fixture
def bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send even small writes through the bulk loader, shared out among several loaders."""
    monkeypatch.setattr(store_module, "TRANSACTION_LIMIT", 5)
    monkeypatch.setattr(store_module, "_LOADER_SHARE", 10)
    monkeypatch.setattr(store_module.os, "cpu_count", lambda: 4)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A store holding graphs a (30 triples) and b (20 triples)."""
    opened = EmbeddedStore(tmp_path / "store")
    opened.replace_graphs({graph("a"): triples("a", 30), graph("b"): triples("b", 20)})
    yield opened
    opened.close()


def contents(store: EmbeddedStore) -> dict[str, set[ox.Triple]]:
    found: dict[str, set[ox.Triple]] = {}
    for quad in store.quads():
        found.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return found


def leftovers(path: Path) -> list[str]:
    """Rollback folders left next to the store."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.claimgraph-"))


class FailingLoads:
    """Stands in for the database: passes every call on, but the ``fail_at``-th load or
    bulk load raises, after the earlier ones have been written. With ``let_go`` it then
    drops the database, as a real failure leaves no hold on it, so a rollback can close it."""

    def __init__(self, inner: ox.Store, fail_at: int, error: BaseException, *, let_go: bool = True):
        self.inner, self.fail_at, self.error, self.let_go, self.calls = inner, fail_at, error, let_go, 0

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def _count(self) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            if self.let_go:
                self.inner = None
            raise self.error

    def bulk_load(self, *args, **kwargs) -> None:
        self._count()
        self.inner.bulk_load(*args, **kwargs)

    def load(self, *args, **kwargs) -> None:
        self._count()
        self.inner.load(*args, **kwargs)


@pytest.mark.parametrize("limit", [5, 10_000], ids=["bulk", "transaction"])
def test_replace_graphs_writes_exactly_what_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(store_module, "TRANSACTION_LIMIT", limit)
    monkeypatch.setattr(store_module, "_LOADER_SHARE", 10)
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        new = {graph(name): triples(name, 25) for name in "abcdef"}
        store.replace_graphs(new)
        assert contents(store) == {g.value: set(t) for g, t in new.items()}
        store.replace_graphs({graph("a"): triples("a", 3), graph("z"): triples("z", 2)})
        found = contents(store)
        assert found[graph("a").value] == set(triples("a", 3))
        assert found[graph("z").value] == set(triples("z", 2))
        assert found[graph("b").value] == set(triples("b", 25))
        assert store.graph_size(graph("a")) == 3 and store.graph_size(graph("nothing")) == 0
        assert store.holds_all(graph("a"), triples("a", 3))
        assert not store.holds_all(graph("a"), triples("a", 4))
    assert leftovers(path) == []


def test_blank_nodes_are_fresh_but_shared_across_the_graphs_of_one_write(store: EmbeddedStore, bulk: None) -> None:
    node = ox.BlankNode("shared")
    store.replace_graphs(
        {
            graph("a"): [ox.Triple(node, TYPE, ox.NamedNode(EX + "Thing")), *triples("a", 30)],
            graph("c"): [ox.Triple(ox.NamedNode(EX + "c"), P, node), *triples("c", 30)],
        }
    )
    (typed,) = [q for q in store.quads(graph("a")) if q.predicate == TYPE]
    (pointing,) = [q for q in store.quads(graph("c")) if isinstance(q.object, ox.BlankNode)]
    assert typed.subject == pointing.object
    assert typed.subject != node  # renamed: never clashes with blank nodes already stored


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_a_failure_in_the_middle_of_a_multi_graph_bulk_write_changes_nothing(
    store: EmbeddedStore, bulk: None, fail_at: int
) -> None:
    before = snapshot_of(store)
    failing = FailingLoads(store._store, fail_at, OSError("disk full"))
    store._store = failing
    new = {graph(name): triples(name, 40) for name in "abcdef"}  # replaces a and b, adds four more
    with pytest.raises(StoreError, match="nothing was changed"):
        store.replace_graphs(new)
    assert failing.calls >= fail_at  # the write really was under way
    assert store._store is not failing  # reopened on the restored folder
    assert snapshot_of(store) == before
    assert leftovers(store.path) == []
    store.replace_graphs(new)  # and the store still works
    assert contents(store) == {g.value: set(t) for g, t in new.items()}


def test_an_interrupt_during_a_bulk_write_changes_nothing(store: EmbeddedStore, bulk: None) -> None:
    before = snapshot_of(store)
    store._store = FailingLoads(store._store, 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        store.replace_graphs({graph(name): triples(name, 40) for name in "abcdef"})
    assert snapshot_of(store) == before


def test_a_failed_small_write_is_one_transaction_and_changes_nothing(store: EmbeddedStore) -> None:
    before = snapshot_of(store)
    store._store = FailingLoads(store._store, 1, OSError("disk full"), let_go=False)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.replace_graphs({graph("c"): triples("c", 3), graph("d"): triples("d", 3)})
    assert snapshot_of(store) == before


def test_a_write_cut_short_by_a_crash_is_rolled_back_on_the_next_open(tmp_path: Path, bulk: None) -> None:
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        store.replace_graphs({graph("a"): triples("a", 30)})
        before = snapshot_of(store)
        # what a crash leaves: a rollback point, and a store with half of a write in it
        store._store.backup(store._sibling("rollback"))
        store._store.remove_graph(graph("a"))
        store._store.bulk_load(store_module.nquads(graph("b"), triples("b", 9)), format=ox.RdfFormat.N_QUADS)
    assert snapshot(path) != before
    with EmbeddedStore(path) as reopened:
        assert snapshot_of(reopened) == before
    assert leftovers(path) == []


def test_a_store_that_cannot_be_closed_is_put_back_on_the_next_open(store: EmbeddedStore, bulk: None) -> None:
    before = snapshot_of(store)
    store._store = FailingLoads(store._store, 2, OSError("disk full"), let_go=False)  # still held
    with pytest.raises(StoreError, match="put back when the store is next opened") as failed:
        store.replace_graphs({graph(name): triples(name, 40) for name in "abcdef"})
    path = store.path
    store._store = None  # let go of it, and of the failure's frames that hold it
    del failed
    gc.collect()
    with EmbeddedStore(path) as reopened:
        assert snapshot_of(reopened) == before
    assert leftovers(path) == []


def test_a_crash_between_the_two_renames_of_a_rollback_is_finished_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        store.replace_graphs({graph("a"): triples("a", 3)})
        before = snapshot_of(store)
        store._store.backup(store._sibling("rollback"))
        store._store.remove_graph(graph("a"))
        discarded = store._sibling("discarded")
    path.rename(discarded)
    with EmbeddedStore(path, create=False) as reopened:
        assert snapshot_of(reopened) == before
    assert leftovers(path) == []


def test_adding_an_n_quads_file_through_the_bulk_loader(tmp_path: Path, bulk: None) -> None:
    """Added, then unchanged, then only the edited graph replaced, each graph exactly as in the file."""
    source = tmp_path / "corpus.nq"
    lines = [f'<{EX}s{n}> <{EX}p> "{n} .\\n" <{EX}graph/g{n % 5}> .\n' for n in range(200)]
    source.write_text("".join(lines), encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        first = ingest.add([source], store, validate=False)
        assert {c.status for c in first.changes if "/test/" in c.graph} == {"added"}
        assert [c.triples for c in first.changes if "/test/" in c.graph] == [40] * 5
        again = ingest.add([source], store, validate=False)
        assert {c.status for c in again.changes} == {"unchanged"}
        source.write_text("".join(lines).replace('"7 .', '"seven .'), encoding="utf-8")
        edited = ingest.add([source], store, validate=False)
        assert {c.graph.rsplit("/", 1)[1]: c.status for c in edited.changes if c.status != "unchanged"} == {
            "g2": "replaced"
        }
        expected: dict[str, set[ox.Triple]] = {}
        for quad in ox.parse(source.read_bytes(), format=ox.RdfFormat.N_QUADS):
            expected.setdefault(quad.graph_name.value, set()).add(quad.triple)
        found = contents(store)
        assert {g: found[g] for g in expected} == expected


def snapshot_of(store: EmbeddedStore) -> set[tuple[str, str, str, str]]:
    """The store's quads with blank nodes relabelled canonically."""
    dataset = ox.Dataset(store.quads())
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in dataset}
