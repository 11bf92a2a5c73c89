"""The SPARQL client against a scripted local HTTP server: retries, failures, auth, GSP."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli.main import cli
from kg.config import Endpoint
from kg.endpoint import SparqlClient, parse_json_results
from kg.errors import EndpointError, EndpointRefused, EndpointUnavailable

SELECT = "SELECT ?s WHERE { ?s ?p ?o }"
ROWS = json.dumps(
    {
        "head": {"vars": ["s"]},
        "results": {"bindings": [{"s": {"type": "uri", "value": "http://example.org/a"}}]},
    }
).encode()


@dataclass
class Reply:
    """One canned answer: status, body, headers, and how long to wait before sending it."""

    status: int = 200
    body: bytes = ROWS
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/sparql-results+json"})
    delay: float = 0.0


@dataclass
class Recorded:
    """What the fake server saw of one request."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        """The request body decoded as an HTML form."""
        return urllib.parse.parse_qs(self.body.decode("ascii"))

    @property
    def query(self) -> dict[str, list[str]]:
        """The URL's query string, decoded."""
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)


class FakeServer:
    """A SPARQL server on 127.0.0.1 that gives its canned replies in order (the last one
    again once they run out) and records every request."""

    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply()]
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)

    @property
    def url(self) -> str:
        """The server's root URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with ``replies``."""
        self.replies = list(replies)

    def _next(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = fake._next(Recorded(self.command, self.path, dict(self.headers.items()), body))
                time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:  # the client gave up waiting
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                """Keep the test output quiet."""

        return Handler

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    """A running fake server; the test must leave urllib's process-wide opener as it was."""
    before = urllib.request._opener  # type: ignore[attr-defined]
    with FakeServer() as server:
        yield server
    assert urllib.request._opener is before  # type: ignore[attr-defined]


def endpoint(fake: FakeServer, **settings: object) -> Endpoint:
    """An Endpoint whose query, update and GSP URLs are on the fake server."""
    values: dict[str, object] = {
        "query_url": f"{fake.url}/sparql",
        "update_url": f"{fake.url}/update",
        "gsp_url": f"{fake.url}/store",
        "timeout": 5.0,
    }
    values.update(settings)
    return Endpoint(**values)  # type: ignore[arg-type]


def client(fake: FakeServer, sleeps: list[float] | None = None, **settings: object) -> SparqlClient:
    """A SparqlClient for the fake server that records its backoff pauses instead of waiting."""
    record = sleeps if sleeps is not None else []
    return SparqlClient(endpoint(fake, **settings), sleep=record.append)


def values(solutions: ox.QuerySolutions, name: str = "s") -> list[str]:
    """The values bound to ``name`` in each row."""
    return [row[name].value for row in solutions]


def dead_url() -> str:
    """A URL on 127.0.0.1 whose port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


# -- retries ------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 503])
def test_read_is_retried_with_backoff_then_succeeds(fake: FakeServer, status: int) -> None:
    fake.script(Reply(status, b"busy"), Reply(status, b"busy"), Reply())
    sleeps: list[float] = []
    rows = client(fake, sleeps, retries=3).select(SELECT)
    assert values(rows) == ["http://example.org/a"]
    assert sleeps == [0.5, 1.0]
    assert len(fake.requests) == 3


def test_persistent_503_gives_up_after_retries(fake: FakeServer) -> None:
    fake.script(Reply(503, b"overloaded"))
    sleeps: list[float] = []
    with pytest.raises(EndpointUnavailable) as caught:
        client(fake, sleeps, retries=4).select(SELECT)
    assert len(fake.requests) == 4
    assert sleeps == [0.5, 1.0, 2.0]
    message = str(caught.value)
    assert message.startswith(f"{fake.url}/sparql: HTTP 503 Service Unavailable")
    assert "overloaded" in message


def test_update_meeting_503_is_sent_once(fake: FakeServer) -> None:
    fake.script(Reply(503, b"overloaded"))
    sleeps: list[float] = []
    with pytest.raises(EndpointUnavailable, match="HTTP 503"):
        client(fake, sleeps, retries=3).update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert len(fake.requests) == 1
    assert fake.requests[0].path == "/update"
    assert sleeps == []


# -- failures -----------------------------------------------------------------------
def test_401_is_refused_at_once_and_hides_the_password(fake: FakeServer) -> None:
    password = "s3cret-pw"
    token = base64.b64encode(f"dba:{password}".encode()).decode()
    echo = f"denied for Authorization: Basic {token} (password {password})".encode()
    fake.script(Reply(401, echo, {"Content-Type": "text/plain"}))
    sleeps: list[float] = []
    with pytest.raises(EndpointRefused) as caught:
        client(fake, sleeps, retries=3, user="dba", password=password).select(SELECT)
    message = str(caught.value)
    assert len(fake.requests) == 1
    assert sleeps == []
    assert message.startswith(f"{fake.url}/sparql: HTTP 401")
    assert "check the endpoint user, password" in message
    assert password not in message
    assert token not in message


@pytest.mark.parametrize("status", [400, 500, 502])
def test_password_echoed_in_an_error_body_is_cut_out(fake: FakeServer, status: int) -> None:
    password = "pä$$wörd"
    fake.script(Reply(status, f"bad query from dba/{password}".encode(), {"Content-Type": "text/plain"}))
    with pytest.raises(EndpointError) as caught:
        client(fake, retries=1, user="dba", password=password).select(SELECT)
    message = str(caught.value)
    assert f"HTTP {status}" in message
    assert "bad query from dba/***" in message
    assert "w\\xc3\\xb6rd" not in message and "wörd" not in message


def test_no_answer_in_time(fake: FakeServer) -> None:
    fake.script(Reply(delay=1.0))
    started = time.monotonic()
    with pytest.raises(EndpointUnavailable) as caught:
        client(fake, timeout=0.3, retries=1).select(SELECT)
    assert time.monotonic() - started < 0.9
    assert str(caught.value) == f"{fake.url}/sparql: no answer within 0.3 s"


def test_dead_endpoint_is_connection_refused() -> None:
    url = dead_url()
    sleeps: list[float] = []
    sparql = SparqlClient(Endpoint(url, url, timeout=2.0, retries=2), sleep=sleeps.append)
    with pytest.raises(EndpointUnavailable) as caught:
        sparql.select(SELECT)
    assert str(caught.value) == f"{url}: connection refused (is the server running?)"
    assert sleeps == [0.5]


def test_400_body_starts_the_message_on_one_line(fake: FakeServer) -> None:
    body = b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1:\nsyntax error at 'WHER' before '{'\n" + b"x" * 500
    fake.script(Reply(400, body, {"Content-Type": "text/plain"}))
    sleeps: list[float] = []
    with pytest.raises(EndpointRefused) as caught:
        client(fake, sleeps, retries=3).select(SELECT)
    message = str(caught.value)
    assert len(fake.requests) == 1
    assert "\n" not in message
    assert message.startswith(
        f"{fake.url}/sparql: HTTP 400 Bad Request: Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'WHER' before '{{'"
    )
    assert len(message) < 300


def test_error_without_a_body_is_just_the_status(fake: FakeServer) -> None:
    fake.script(Reply(500, b"", {}))
    with pytest.raises(EndpointUnavailable) as caught:
        client(fake, retries=1).select(SELECT)
    assert str(caught.value) == f"{fake.url}/sparql: HTTP 500 Internal Server Error"


def test_404_on_the_query_url_is_refused_at_once(fake: FakeServer) -> None:
    fake.script(Reply(404, b"no such service", {"Content-Type": "text/plain"}))
    sleeps: list[float] = []
    with pytest.raises(EndpointRefused) as caught:
        client(fake, sleeps, retries=3).select(SELECT)
    assert str(caught.value) == f"{fake.url}/sparql: HTTP 404 Not Found: no such service"
    assert (len(fake.requests), sleeps) == (1, [])


def test_answer_that_is_not_json_is_refused(fake: FakeServer) -> None:
    fake.script(Reply(200, b"<html>login page</html>", {"Content-Type": "text/html"}))
    with pytest.raises(EndpointRefused, match="not SPARQL JSON results"):
        client(fake).select(SELECT)


# -- what the requests look like ----------------------------------------------------
def test_query_is_a_form_encoded_post_with_default_graphs(fake: FakeServer) -> None:
    client(fake).select(SELECT, default_graphs=["http://example.org/g1", "http://example.org/g2"])
    (request,) = fake.requests
    assert request.method == "POST"
    assert request.path == "/sparql"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert "application/sparql-results+json" in request.headers["Accept"]
    assert request.form["query"] == [SELECT]
    assert request.form["default-graph-uri"] == ["http://example.org/g1", "http://example.org/g2"]
    assert request.headers["User-Agent"].startswith("claimgraph/")
    assert "Authorization" not in request.headers


def test_update_is_a_form_encoded_post(fake: FakeServer) -> None:
    fake.script(Reply(200, b"", {}))
    update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }"
    client(fake).update(update)
    (request,) = fake.requests
    assert (request.method, request.path) == ("POST", "/update")
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.form == {"update": [update]}


def test_basic_auth_is_sent(fake: FakeServer) -> None:
    client(fake, user="dba", password="pä:ss").select(SELECT)
    scheme, token = fake.requests[0].headers["Authorization"].split(" ", 1)
    assert scheme == "Basic"
    assert base64.b64decode(token).decode() == "dba:pä:ss"


def digest_challenge(realm: str) -> Reply:
    """A 401 asking for digest auth in ``realm``."""
    challenge = f'Digest realm="{realm}", nonce="abc123", qop="auth", algorithm=MD5'
    return Reply(401, b"log in", {"WWW-Authenticate": challenge, "Content-Type": "text/plain"})


def test_digest_auth_answers_the_challenge(fake: FakeServer) -> None:
    fake.script(digest_challenge("SPARQL"), Reply())
    rows = client(fake, user="dba", password="pw", auth="digest").select(SELECT)
    assert values(rows) == ["http://example.org/a"]
    assert len(fake.requests) == 2
    assert "Authorization" not in fake.requests[0].headers
    answer = fake.requests[1].headers["Authorization"]
    assert answer.startswith('Digest username="dba"')
    assert 'realm="SPARQL"' in answer
    assert "pw" not in answer.replace('"dba"', "")
    assert fake.requests[1].form["query"] == [SELECT]


def test_digest_auth_in_another_realm(fake: FakeServer) -> None:
    fake.script(digest_challenge("Fuseki"), Reply())
    client(fake, user="dba", password="pw", auth="digest").select(SELECT)
    assert len(fake.requests) == 2
    assert 'realm="Fuseki"' in fake.requests[1].headers["Authorization"]


def test_gsp_digest_auth_answers_the_challenge(fake: FakeServer) -> None:
    fake.script(digest_challenge("graph store"), Reply(200, b"", {"Content-Type": "application/n-triples"}))
    assert client(fake, user="dba", password="pw", auth="digest").gsp_get("http://example.org/g") == []
    assert len(fake.requests) == 2
    assert fake.requests[1].headers["Authorization"].startswith('Digest username="dba"')


# -- Graph Store Protocol -----------------------------------------------------------
GRAPH = "http://example.org/graph/1"
TRIPLE = ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))


@pytest.mark.parametrize(
    ("media_type", "body"),
    [
        ("application/n-triples", b'<http://example.org/s> <http://example.org/p> "o" .\n'),
        ("text/turtle; charset=utf-8", b'@prefix ex: <http://example.org/> .\nex:s ex:p "o" .\n'),
    ],
)
def test_gsp_get_parses_by_content_type(fake: FakeServer, media_type: str, body: bytes) -> None:
    fake.script(Reply(200, body, {"Content-Type": media_type}))
    assert client(fake).gsp_get(GRAPH) == [TRIPLE]
    (request,) = fake.requests
    assert request.method == "GET"
    assert request.path.startswith("/store?")
    assert request.query == {"graph": [GRAPH]}
    assert "application/n-triples" in request.headers["Accept"]


def test_gsp_get_of_a_missing_graph_is_empty(fake: FakeServer) -> None:
    fake.script(Reply(404, b"no such graph", {"Content-Type": "text/plain"}))
    assert client(fake).gsp_get(GRAPH) == []


def test_gsp_get_in_an_unreadable_format_is_refused(fake: FakeServer) -> None:
    fake.script(Reply(200, b"<html/>", {"Content-Type": "text/html"}))
    with pytest.raises(EndpointRefused, match="text/html"):
        client(fake).gsp_get(GRAPH)


def test_gsp_put_sends_n_triples(fake: FakeServer) -> None:
    fake.script(Reply(201, b"", {}))
    client(fake, user="dba", password="pw").gsp_put(GRAPH, [TRIPLE])
    (request,) = fake.requests
    assert request.method == "PUT"
    assert request.path.startswith("/store?")
    assert request.query == {"graph": [GRAPH]}
    assert request.headers["Content-Type"] == "application/n-triples"
    assert list(ox.parse(request.body, ox.RdfFormat.N_TRIPLES)) == [ox.Quad(*TRIPLE, ox.DefaultGraph())]
    assert base64.b64decode(request.headers["Authorization"].split()[1]) == b"dba:pw"


def test_gsp_put_meeting_503_is_sent_once(fake: FakeServer) -> None:
    fake.script(Reply(503, b"busy", {}))
    sleeps: list[float] = []
    with pytest.raises(EndpointUnavailable, match=r"/store: HTTP 503"):
        client(fake, sleeps, retries=3).gsp_put(GRAPH, [TRIPLE])
    assert len(fake.requests) == 1
    assert sleeps == []


def test_gsp_delete_tolerates_404_but_not_500(fake: FakeServer) -> None:
    fake.script(Reply(404, b"", {}), Reply(500, b"disk full", {}))
    sparql = client(fake)
    sparql.gsp_delete(GRAPH)
    assert fake.requests[0].method == "DELETE"
    assert fake.requests[0].query == {"graph": [GRAPH]}
    with pytest.raises(EndpointUnavailable, match="HTTP 500 Internal Server Error: disk full"):
        sparql.gsp_delete(GRAPH)


def test_gsp_without_a_gsp_url_is_an_error(fake: FakeServer) -> None:
    with pytest.raises(EndpointError, match="--gsp-endpoint"):
        client(fake, gsp_url=None).gsp_get(GRAPH)
    assert fake.requests == []


# -- parsing results ----------------------------------------------------------------
def test_parse_json_results_mends_virtuoso_terms() -> None:
    xsd_int = "http://www.w3.org/2001/XMLSchema#integer"
    document = {
        "head": {"vars": ["x", "n"]},
        "results": {
            "bindings": [
                {
                    "x": {"type": "bnode", "value": "nodeID://b1"},
                    "n": {"type": "typed-literal", "datatype": xsd_int, "value": "7"},
                },
                {"x": {"type": "bnode", "value": "nodeID://b1"}, "n": {"type": "literal", "value": "plain"}},
                {"x": {"type": "bnode", "value": "nodeID://b2"}},
            ]
        },
    }
    rows = list(parse_json_results(json.dumps(document).encode(), "http://h/sparql"))
    assert rows[0]["n"] == ox.Literal("7", datatype=ox.NamedNode(xsd_int))
    assert rows[1]["n"] == ox.Literal("plain")
    assert isinstance(rows[0]["x"], ox.BlankNode)
    assert rows[0]["x"] == rows[1]["x"]
    assert rows[2]["x"] != rows[0]["x"]
    assert rows[2]["n"] is None


def test_parse_json_results_ask() -> None:
    result = parse_json_results(b'{"head": {}, "boolean": true}', "http://h/sparql")
    assert isinstance(result, ox.QueryBoolean)
    assert bool(result) is True


@pytest.mark.parametrize("body", [b"<html>oops</html>", b"[]", b'{"head": {"vars": ["x"]}, "results": 3}'])
def test_parse_json_results_refuses_what_is_not_results(body: bytes) -> None:
    with pytest.raises(EndpointRefused) as caught:
        parse_json_results(body, "http://h/sparql")
    assert str(caught.value).startswith("http://h/sparql: ")


# -- the command line ---------------------------------------------------------------
def test_cli_reports_a_failing_server_in_one_line(fake: FakeServer, tmp_path: Path) -> None:
    fake.script(Reply(500, b"Internal error: out of memory", {"Content-Type": "text/plain"}))
    url = f"{fake.url}/sparql"
    env = {
        "CLAIMGRAPH_RETRIES": "1",
        "CLAIMGRAPH_CONFIG": str(tmp_path / "none.toml"),
        "CLAIMGRAPH_ENDPOINT": None,
        "CLAIMGRAPH_USER": None,
        "CLAIMGRAPH_PASSWORD": None,
    }
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "--endpoint", url, "stats"], env=env)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"claimgraph: error: {url}: HTTP 500 Internal Server Error")
    assert "out of memory" in lines[0]
    assert len(fake.requests) == 1
    assert not (tmp_path / "store").exists()
