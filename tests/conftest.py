"""Shared fixtures: a CLI runner bound to a temporary store, and store snapshots."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from servers import Server, ServerUnavailable, start_oxigraph, start_virtuoso

from cli.main import cli

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store folder that does not exist yet."""
    return tmp_path / "store"


@pytest.fixture
def run(store_path: Path) -> Callable[..., Result]:
    """Run ``claimgraph --store STORE ARGS...`` in-process and return click's result."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, ["--store", str(store_path), *map(str, args)], catch_exceptions=False)

    return invoke


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (registry, annotation, article)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


# --- Real SPARQL servers on 127.0.0.1 (see tests/servers.py) ---------------------------------


def serve(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, start: Callable[[Path], Server]
) -> Iterator[Server]:
    """Start one server for the session, or skip the tests that need it; stop it at the end."""
    try:
        server = start(tmp_path_factory.mktemp(request.fixturename))
    except ServerUnavailable as error:
        pytest.skip(str(error))
    try:
        yield server
    finally:
        server.stop()


def clean(server: Server) -> Server:
    """The session server, running and without claimgraph graphs; restarted if a test left it stuck."""
    server.start()
    try:
        server.reset()
    except OSError:
        server.stop()
        server.start()
        server.reset()
    return server


@pytest.fixture(scope="session")
def oxigraph_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An ``oxigraph serve`` process shared by the session."""
    yield from serve(request, tmp_path_factory, start_oxigraph)


@pytest.fixture(scope="session")
def virtuoso_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A private Virtuoso 7 process shared by the session."""
    yield from serve(request, tmp_path_factory, start_virtuoso)


@pytest.fixture
def oxigraph(oxigraph_server: Server) -> Server:
    """The session's Oxigraph, running, with no claimgraph graphs."""
    return clean(oxigraph_server)


@pytest.fixture
def virtuoso(virtuoso_server: Server) -> Server:
    """The session's Virtuoso, running, with no claimgraph graphs."""
    return clean(virtuoso_server)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def sparql_server(request: pytest.FixtureRequest) -> Server:
    """Each real SPARQL server in turn, running and clean."""
    return request.getfixturevalue(request.param)
