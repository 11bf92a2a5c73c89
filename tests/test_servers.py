"""The real SPARQL servers the suite starts: updates land, reset() clears them, stop/start work."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from servers import Server

GRAPH = "https://w3id.org/claimgraph/id/graph/test"
TRIPLE = '<https://w3id.org/claimgraph/id/claim/1> <https://w3id.org/claimgraph/ns#text> "smoke test"'
TIMEOUT = 10


def post_update(server: Server, update: str, password: str | None = None) -> int:
    """Send a form-encoded update with the server's credentials; return the HTTP status."""
    request = urllib.request.Request(
        server.update_url,
        data=urllib.parse.urlencode({"update": update}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with server.opener(password).open(request, timeout=TIMEOUT) as response:
        response.read()
        return response.status


def texts_in_test_graph(server: Server) -> list[str]:
    """The objects of the test graph, as plain strings."""
    rows = server.select(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return [row["o"]["value"] for row in rows]


def test_update_lands_in_a_named_graph_and_reset_removes_it(sparql_server: Server) -> None:
    assert texts_in_test_graph(sparql_server) == []
    assert post_update(sparql_server, f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}") in (200, 204)
    assert texts_in_test_graph(sparql_server) == ["smoke test"]
    assert GRAPH in sparql_server.owned_graphs()
    sparql_server.reset()
    assert texts_in_test_graph(sparql_server) == []
    assert sparql_server.owned_graphs() == []


def test_reset_leaves_other_graphs_alone(sparql_server: Server) -> None:
    other = "urn:example:not-claimgraph"
    post_update(
        sparql_server, f"INSERT DATA {{ GRAPH <{other}> {{ {TRIPLE} }} GRAPH <urn:claimgraph:x> {{ {TRIPLE} }} }}"
    )
    sparql_server.reset()
    graphs = {row["g"]["value"] for row in sparql_server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert other in graphs
    assert "urn:claimgraph:x" not in graphs
    post_update(sparql_server, f"DROP SILENT GRAPH <{other}>")


def test_virtuoso_rejects_a_wrong_password(virtuoso: Server) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        post_update(virtuoso, f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}", password="wrong")
    assert caught.value.code == 401
    assert texts_in_test_graph(virtuoso) == []


def test_stopped_server_refuses_connections_and_comes_back(sparql_server: Server) -> None:
    post_update(sparql_server, f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}")
    sparql_server.stop()
    sparql_server.stop()
    assert not sparql_server.running
    with pytest.raises(urllib.error.URLError):
        sparql_server.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    sparql_server.start()
    assert sparql_server.running
    assert texts_in_test_graph(sparql_server) == ["smoke test"]


def test_graph_store_protocol_round_trip(sparql_server: Server) -> None:
    if sparql_server.gsp_url is None:
        pytest.skip(f"{sparql_server.name} has no usable Graph Store Protocol endpoint")
    url = f"{sparql_server.gsp_url}?graph={urllib.parse.quote(GRAPH, safe='')}"
    opener = sparql_server.opener()
    put = urllib.request.Request(
        url, data=f"{TRIPLE} .\n".encode(), headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    with opener.open(put, timeout=TIMEOUT) as response:
        assert response.status in (200, 201, 204)
    get = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with opener.open(get, timeout=TIMEOUT) as response:
        assert "smoke test" in response.read().decode()
    with opener.open(urllib.request.Request(url, method="DELETE"), timeout=TIMEOUT) as response:
        assert response.status in (200, 204)
    assert texts_in_test_graph(sparql_server) == []
