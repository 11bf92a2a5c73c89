"""A SPARQL server as the store: the seed graph on Oxigraph server and on Virtuoso.

What the saved queries must answer is checked by hand against the articles in
test_saved_queries_*.py on the embedded store. Here the same query files, with the same
parameters, run against each server after a push, and must give the same rows: so the
hand-checked answers carry over. Push, pull, add, remove, validate, export and stats are
driven through the CLI as a user would, with the credentials in the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, MINI
from servers import Server

from cli.main import cli
from kg import queries, remote, transfer
from kg import trace as tracing
from kg.config import Endpoint
from kg.errors import EndpointError, EndpointUnavailable, TransferError
from kg.remote import RemoteStore
from kg.store import EmbeddedStore

# The fact-check queries need reviews, which the seed does not hold: they run on the seed
# with the review fixtures imported (test_fact_check_queries_give_the_embedded_rows).
REVIEW_QUERIES = {"reviewed-claims", "claims-rated-false-but-repeated", "reviews-of-actor"}
REVIEW_CASES: list[tuple[str, dict[str, str]]] = [
    ("reviewed-claims", {}),
    ("claims-rated-false-but-repeated", {}),
    ("reviews-of-actor", {"actor": "russian-propaganda"}),
    ("reviews-of-actor", {"actor": "medinsky"}),
]
# Parameter cases: every query's header defaults, and the cases the local tests use.
CASES: list[tuple[str, dict[str, str]]] = [
    (q.name, dict(q.defaults)) for q in queries.catalogue() if q.name not in REVIEW_QUERIES
] + [
    ("actor-statements", {"actor": "medinsky"}),
    ("actor-statements", {"actor": "government-of-ukraine"}),
    ("attribution-chain", {"statement": "up-2025-06-14/s19b"}),
    ("denials-of-actor", {"actor": "russian-propaganda"}),
    ("dispute-thread", {"statement": "up-2025-06-14/s19"}),
    ("document-statements", {"document": "up-2025-06-14"}),
    ("find-claims", {"text": "bodies"}),
    ("quote-context", {"statement": "up-2025-06-14/s19b"}),
    ("sides", {"topic": "prisoner-exchange"}),
    ("timeline", {"proposition": "ukraine-refuses-to-collect-bodies"}),
    ("timeline", {"topic": "body-repatriation"}),
    ("who-said", {"proposition": "ukraine-refuses-to-collect-bodies"}),
]
TRACES = ["indefinite period", "doc-2025-06-09/s8", "bodies"]
DOC = "https://w3id.org/claimgraph/id/graph/document/"


def endpoint(server: Server, **changes: object) -> Endpoint:
    settings = {
        "query_url": server.query_url,
        "update_url": server.update_url,
        "gsp_url": server.gsp_url,
        "user": server.user,
        "password": server.password,
        "auth": server.auth or "basic",
        "timeout": 30.0,
        "retries": 2,
        **changes,
    }
    return Endpoint(**settings)


def environment(server: Server) -> dict[str, str]:
    """How a user points claimgraph at the server: URLs and credentials in the environment."""
    env = {"CLAIMGRAPH_ENDPOINT": server.query_url, "CLAIMGRAPH_UPDATE_ENDPOINT": server.update_url}
    if server.gsp_url:
        env["CLAIMGRAPH_GSP_ENDPOINT"] = server.gsp_url
    if server.user:
        env |= {"CLAIMGRAPH_USER": server.user, "CLAIMGRAPH_PASSWORD": server.password or ""}
        env["CLAIMGRAPH_AUTH"] = server.auth or "basic"
    return env


def runner(server: Server, store: Path) -> Callable[..., Result]:
    """``claimgraph --store STORE ARGS`` with the server chosen in the environment."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)], env=environment(server))

    return invoke


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("remote") / "seed"
    assert CliRunner().invoke(cli, ["--store", str(path), "add", str(EXAMPLES)]).exit_code == 0
    return path


# GROUP_CONCAT joins in whatever order the engine meets the values (SPARQL leaves it
# open), so these columns are compared as sets of their "; "-separated parts.
CONCATENATED = {("corroborated", "speakers"), ("corroborated", "documents")}


def rows(store, name: str, values: dict[str, str]) -> list[tuple]:
    """A query's rows in the order it gives them, each as sorted (variable, N-Triples term) pairs."""
    found = queries.execute(store, queries.load(name), values)

    def cell(variable: str, term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        if (name, variable) in CONCATENATED:
            return "; ".join(sorted(term.value.split("; ")))
        return str(term)

    return [tuple(sorted((k, cell(k, v)) for k, v in row.items() if v is not None)) for row in found.rows]


def canonical(store) -> dict[str, set[tuple]]:
    """Each graph's triples with blank nodes relabelled canonically."""
    result = {}
    for graph in store.named_graphs():
        dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object, graph) for q in store.quads(graph))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        result[graph.value] = {(str(q.subject), str(q.predicate), str(q.object)) for q in dataset}
    return result


def case_key(name: str, values: dict[str, str]) -> tuple[str, str]:
    return name, ",".join(f"{k}={v}" for k, v in sorted(values.items()))


def agrees(local: EmbeddedStore, server: RemoteStore, name: str, values: dict[str, str]) -> bool:
    """The same rows in the same order (every saved query orders its rows completely)."""
    try:
        return rows(local, name, values) == rows(server, name, values)
    except EndpointError:
        return False


def test_push_then_every_saved_query_gives_the_embedded_rows(sparql_server: Server, seed: Path) -> None:
    result = runner(sparql_server, seed)("push")
    assert result.exit_code == 0, result.output
    assert "pushed 5 graphs" in result.output
    server = RemoteStore(endpoint(sparql_server))
    with EmbeddedStore(seed) as local:
        assert len(server) == len(local)
        differ = [case_key(name, values) for name, values in CASES if not agrees(local, server, name, values)]
        assert differ == []
        assert all(rows(local, name, values) for name, values in CASES if values)
        for needle in TRACES:
            assert tracing.as_json(tracing.trace(server, needle)) == tracing.as_json(tracing.trace(local, needle))


def test_fact_check_queries_give_the_embedded_rows(sparql_server: Server, tmp_path: Path) -> None:
    from test_saved_queries_factcheck import reviewed_store

    reviewed = reviewed_store(tmp_path)
    result = runner(sparql_server, reviewed)("push")
    assert result.exit_code == 0, result.output
    server = RemoteStore(endpoint(sparql_server))
    with EmbeddedStore(reviewed) as local:
        differ = [case_key(name, values) for name, values in REVIEW_CASES if not agrees(local, server, name, values)]
        assert differ == []
        assert all(rows(local, name, values) for name, values in REVIEW_CASES)


def test_push_twice_changes_nothing_and_pull_round_trips(sparql_server: Server, seed: Path, tmp_path: Path) -> None:
    run = runner(sparql_server, seed)
    assert run("push").exit_code == 0
    server = RemoteStore(endpoint(sparql_server))
    first = canonical(server)
    assert run("push").exit_code == 0
    assert canonical(server) == first
    pulled = tmp_path / "pulled"
    for _ in range(2):  # pulling again is idempotent too
        result = runner(sparql_server, pulled)("pull")
        assert result.exit_code == 0, result.output
        assert "pulled 5 graphs" in result.output
    with EmbeddedStore(seed) as local, EmbeddedStore(pulled) as back:
        assert canonical(back) == canonical(local) == first


def test_commands_work_against_the_server(sparql_server: Server, seed: Path, tmp_path: Path) -> None:
    run = runner(sparql_server, tmp_path / "unused")
    added = run("add", EXAMPLES)
    assert added.exit_code == 0, added.output
    assert "5 graphs: 5 added" in added.output
    assert "unchanged" in run("add", EXAMPLES).output  # the same files again: nothing to write
    assert not (tmp_path / "unused").exists()  # the embedded store was never touched
    stats = run("stats", "--format", "json")
    assert stats.exit_code == 0, stats.output
    assert stats.output == CliRunner().invoke(cli, ["--store", str(seed), "stats", "--format", "json"]).output
    assert '"cg:Statement": 45' in stats.output
    validated = run("validate")
    assert validated.exit_code == 0, validated.output
    exported = run("export", "--format", "nq")
    assert exported.exit_code == 0
    assert len(exported.stdout_bytes.splitlines()) == len(RemoteStore(endpoint(sparql_server)))
    assert "Kyiv denied this." in run("trace", "indefinite period").output
    removed = run("remove", "up-2025-06-14")
    assert removed.exit_code == 0, removed.output
    assert DOC + "up-2025-06-14" not in {g.value for g in RemoteStore(endpoint(sparql_server)).named_graphs()}
    listed = run("query", "who-said", "--param", "proposition=ukraine-postponed-exchange", "--format", "csv")
    assert listed.exit_code == 0, listed.output
    # a header, Medinsky's accusation (s8) and Kyiv's denial (s9): the 14 June article
    # does not speak of the postponement
    assert [line.split(",")[0].rsplit("/", 1)[-1] for line in listed.output.splitlines()] == ["statement", "s8", "s9"]


def test_a_refused_add_leaves_the_server_as_it_was(sparql_server: Server, mini_corpus: Path) -> None:
    run = runner(sparql_server, mini_corpus / "unused")
    assert run("add", MINI).exit_code == 0
    before = canonical(RemoteStore(endpoint(sparql_server)))
    annotation = mini_corpus / "annotation.yaml"
    text = annotation.read_text(encoding="utf-8")
    changed = text.replace("quote: Capital denied this", "quote: Capital rejected this")
    assert changed != text
    annotation.write_text(changed, encoding="utf-8")
    result = run("add", mini_corpus)
    assert result.exit_code == 2
    assert "quote not found" in result.output
    assert canonical(RemoteStore(endpoint(sparql_server))) == before


def test_a_large_graph_is_written_through_a_staging_graph(sparql_server: Server, seed: Path) -> None:
    result = runner(sparql_server, seed)("push", "--batch", "100")  # the 1060-triple graph takes 11 batches
    assert result.exit_code == 0, result.output
    server = RemoteStore(endpoint(sparql_server))
    with EmbeddedStore(seed) as local:
        assert canonical(server) == canonical(local)
    leftovers = server.raw_query(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{remote.STAGING}")) }}'
    )
    assert list(leftovers) == []


def test_a_failed_push_says_which_graphs_were_copied(
    oxigraph: Server, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = RemoteStore(endpoint(oxigraph))
    real = RemoteStore.write_graph
    calls: list[str] = []

    def failing(self: RemoteStore, graph: ox.NamedNode, triples, batch: int) -> None:
        calls.append(graph.value)
        if len(calls) == 3:
            raise EndpointUnavailable(f"{oxigraph.update_url}: HTTP 503 Service Unavailable")
        real(self, graph, triples, batch)

    monkeypatch.setattr(RemoteStore, "write_graph", failing)
    with EmbeddedStore(seed) as local, pytest.raises(TransferError) as stopped:
        transfer.push(local, server)
    message = str(stopped.value)
    assert "Copied 2 of 5 graphs: graph/document/doc-2025-06-09, graph/document/up-2025-06-14" in message
    assert "stopped at graph graph/registry/actors, which is unchanged" in message
    assert [g.value for g in server.named_graphs()] == calls[:2]


def test_a_stopped_server_is_a_one_line_error(oxigraph: Server, seed: Path) -> None:
    oxigraph.stop()
    result = runner(oxigraph, seed)("stats")
    assert result.exit_code == 2
    assert (
        result.output.strip() == f"claimgraph: error: {oxigraph.query_url}: connection refused (is the server running?)"
    )


def test_a_wrong_password_is_refused_without_showing_it(virtuoso: Server, seed: Path) -> None:
    wrong = Server(**{**virtuoso.__dict__, "password": "not-the-password-42"})
    result = runner(wrong, seed)("add", EXAMPLES)
    assert result.exit_code == 2
    assert "HTTP 401" in result.output
    assert virtuoso.update_url in result.output or (virtuoso.gsp_url or "") in result.output
    assert "not-the-password-42" not in result.output
    assert len(RemoteStore(endpoint(virtuoso))) == 0


def test_graphs_outside_claimgraphs_namespace_are_refused(sparql_server: Server, tmp_path: Path) -> None:
    trig = tmp_path / "other.trig"
    trig.write_text("<http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 . }\n")
    result = runner(sparql_server, tmp_path / "unused")("add", "--no-validate", trig)
    assert result.exit_code == 2
    assert "outside claimgraph's graphs" in result.output
    assert len(RemoteStore(endpoint(sparql_server))) == 0


def test_an_empty_server_is_an_empty_store(sparql_server: Server) -> None:
    """Virtuoso's own system graphs must not show through as claimgraph data."""
    server = RemoteStore(endpoint(sparql_server))
    assert len(server) == 0
    assert server.named_graphs() == []
    assert list(server.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")) == []
