"""Talking to a SPARQL 1.1 service: queries, updates and the Graph Store Protocol.

Queries and updates are form-encoded POSTs (some servers hang on a raw
``application/sparql-query`` body), Graph Store Protocol requests are GET/PUT/DELETE,
all through one urllib opener that holds the login, and always with a timeout. The
opener is this client's own: it answers a digest challenge in any realm and leaves the
process-wide urllib opener alone (SPARQLWrapper installs its own there for digest and
only answers the realm "SPARQL", so it is not used for the exchange itself).

Every failure becomes an :class:`~kg.errors.EndpointError` whose message names the URL
and never the credentials. Reads that meet a dead or failing server are retried with
backoff; writes are sent once, because a write whose answer was lost may have landed.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import pyoxigraph as ox

import kg
from kg.config import Endpoint
from kg.errors import EndpointError, EndpointRefused, EndpointUnavailable

T = TypeVar("T")
_AGENT = f"claimgraph/{kg.__version__}"
_BACKOFF = 0.5  # seconds before the second attempt; doubled for each further one
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULTS_ACCEPT = "application/sparql-results+json"


class SparqlClient:
    """One endpoint's query, update and Graph Store Protocol URLs, with its login."""

    def __init__(self, endpoint: Endpoint, *, sleep: Callable[[float], None] = time.sleep):
        self.endpoint = endpoint
        self._sleep = sleep
        self._opener = _opener(endpoint)

    # -- SPARQL protocol ----------------------------------------------------------
    def select(self, sparql: str, default_graphs: Sequence[str] = ()) -> ox.QuerySolutions | ox.QueryBoolean:
        """Run a SELECT or ASK query; ``default_graphs`` make the default graph their merge."""
        url = self.endpoint.query_url
        form = [("query", sparql), *(("default-graph-uri", graph) for graph in default_graphs)]
        body = self._retrying(lambda: self._call(url, lambda: self._post(url, form, _RESULTS_ACCEPT)))
        return parse_json_results(body, url)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update, once."""
        url = self.endpoint.update_url
        self._call(url, lambda: self._post(url, [("update", sparql)], "*/*"))

    def _post(self, url: str, form: list[tuple[str, str]], accept: str) -> bytes:
        """One form-encoded POST of the SPARQL protocol; the answer's body."""
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": _AGENT},
        )
        with self._opener.open(request, timeout=self.endpoint.timeout) as response:
            return response.read()

    # -- Graph Store Protocol -----------------------------------------------------
    def gsp_get(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph (empty when the server has no such graph)."""
        url = self._gsp_url()
        request = _gsp_request(url, graph, "GET", headers={"Accept": _RDF_ACCEPT})

        def attempt() -> tuple[bytes, str]:
            try:
                with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                    return response.read(), response.headers.get_content_type()
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return b"", "application/n-triples"
                raise

        body, media_type = self._retrying(lambda: self._call(url, attempt))
        if not body.strip():
            return []
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise EndpointRefused(f"{url}: answered a graph as {media_type}, which claimgraph cannot read")
        try:
            return [quad.triple for quad in ox.parse(body, rdf_format)]
        except SyntaxError as exc:
            raise EndpointRefused(f"{url}: sent a graph that is not valid {media_type}: {exc}") from exc

    def gsp_put(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make one named graph hold exactly ``triples`` (one request, sent once)."""
        url = self._gsp_url()
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode()
        request = _gsp_request(url, graph, "PUT", headers={"Content-Type": "application/n-triples"}, data=body)
        self._call(url, lambda: self._opener.open(request, timeout=self.endpoint.timeout).close())

    def gsp_delete(self, graph: str) -> None:
        """Remove one named graph; a graph that is not there is not an error."""
        url = self._gsp_url()
        request = _gsp_request(url, graph, "DELETE")

        def attempt() -> None:
            try:
                self._opener.open(request, timeout=self.endpoint.timeout).close()
            except urllib.error.HTTPError as exc:
                if exc.code != 404:
                    raise

        self._call(url, attempt)

    def _gsp_url(self) -> str:
        if self.endpoint.gsp_url is None:
            raise EndpointError("no Graph Store Protocol endpoint is set (--gsp-endpoint)")
        return self.endpoint.gsp_url

    # -- errors and retries -------------------------------------------------------
    def _call(self, url: str, action: Callable[[], T]) -> T:
        """Run one HTTP exchange, turning every failure into an EndpointError naming ``url``."""
        try:
            return action()
        except EndpointError:
            raise
        except (OSError, http.client.HTTPException) as exc:
            raise self._scrub(describe_failure(url, exc, self.endpoint.timeout)) from None

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Run a read, again after a pause while the server is unreachable or failing."""
        for number in range(1, self.endpoint.retries + 1):
            try:
                return attempt()
            except EndpointError as exc:
                if not exc.retryable or number == self.endpoint.retries:
                    raise
                self._sleep(_BACKOFF * 2 ** (number - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _scrub(self, error: EndpointError) -> EndpointError:
        """The same error, with the password cut out should a server echo it back."""
        password = self.endpoint.password
        if password and password in error.message:
            return type(error)(error.message.replace(password, "***"))
        return error


def describe_failure(url: str, exc: BaseException, timeout: float) -> EndpointError:
    """One line for a failed exchange with ``url``: what went wrong, in words."""
    status = exc.code if isinstance(exc, urllib.error.HTTPError) else None
    if status is not None:
        detail = _body_excerpt(exc)
        reason = http.client.responses.get(status, "")
        text = f"{url}: HTTP {status} {reason}".rstrip()
        if status in (401, 403):
            return EndpointRefused(f"{text}: check the endpoint user, password and auth scheme")
        text += f": {detail}" if detail else ""
        return EndpointUnavailable(text) if status >= 500 else EndpointRefused(text)
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return EndpointUnavailable(f"{url}: no answer within {timeout:g} s")
    if isinstance(reason, ConnectionRefusedError):
        return EndpointUnavailable(f"{url}: connection refused (is the server running?)")
    if isinstance(reason, socket.gaierror):
        return EndpointUnavailable(f"{url}: unknown host")
    if isinstance(reason, (OSError, http.client.HTTPException)):
        return EndpointUnavailable(f"{url}: {reason.__class__.__name__}: {reason}".rstrip(": "))
    return EndpointUnavailable(f"{url}: {reason}")


def _body_excerpt(exc: BaseException, limit: int = 200) -> str:
    """The start of an error response's body, on one line."""
    try:
        raw = exc.read() if isinstance(exc, urllib.error.HTTPError) else b""
    except OSError:
        raw = b""
    text = " ".join(raw.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    """A urllib opener that logs in to the endpoint's URLs (basic or digest)."""
    if endpoint.user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in (endpoint.query_url, endpoint.update_url, endpoint.gsp_url):
        if url is not None:
            passwords.add_password(None, url, endpoint.user, endpoint.password)
    if endpoint.auth == "digest":
        return urllib.request.build_opener(_DigestAuth(passwords))
    return urllib.request.build_opener(_PreemptiveBasicAuth(passwords))


class _DigestAuth(urllib.request.HTTPDigestAuthHandler):
    """urllib's digest login, which forgets its retry count even when the retried request
    fails (a 404 for a missing graph): otherwise the sixth such request reads as a 401."""

    def http_error_401(self, req, fp, code, msg, headers):
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        finally:
            self.reset_retry_count()


class _PreemptiveBasicAuth(urllib.request.HTTPBasicAuthHandler):
    """Basic auth sent with the first request, as servers that never ask for it expect."""

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        user, password = self.passwd.find_user_password(None, request.full_url)
        if user is not None and not request.has_header("Authorization"):
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
        return request

    https_request = http_request


def _gsp_request(
    url: str, graph: str, method: str, *, headers: dict[str, str] | None = None, data: bytes | None = None
) -> urllib.request.Request:
    separator = "&" if "?" in url else "?"
    target = f"{url}{separator}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(target, data=data, method=method, headers=headers or {})
    request.add_header("User-Agent", _AGENT)
    return request


def parse_json_results(body: bytes, url: str) -> ox.QuerySolutions | ox.QueryBoolean:
    """SPARQL JSON results as pyoxigraph solutions, the same objects the embedded store gives.

    Some servers use the pre-standard ``typed-literal`` type and blank node labels that
    are not valid N-Triples labels (Virtuoso's ``nodeID://b10001``); both are mended first.
    """
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise EndpointRefused(f"{url}: the answer is not SPARQL JSON results: {exc}") from exc
    results = document.get("results", {}) if isinstance(document, dict) else None
    if not isinstance(results, dict):
        raise EndpointRefused(f"{url}: the answer is not SPARQL JSON results: no results object")
    labels: dict[str, str] = {}
    for row in results.get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            elif term.get("type") == "bnode":
                term["value"] = labels.setdefault(term["value"], f"r{len(labels)}")
    try:
        return ox.parse_query_results(json.dumps(document).encode(), ox.QueryResultsFormat.JSON)
    except SyntaxError as exc:
        raise EndpointRefused(f"{url}: the answer is not valid SPARQL JSON results: {exc}") from exc
