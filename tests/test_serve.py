"""``claimgraph serve``: the embedded store answers SPARQLWrapper from another process.

The seed graph has 45 statements (s1..s21d over the two annotation files: 18 in the
9 June article, 27 in the 14 June one, as test_seed_corpus counts them), so a COUNT of
cg:Statement over the served union must say 45.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from servers import free_port
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from cli.main import cli

COUNT_STATEMENTS = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a cg:Statement }
"""


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    assert CliRunner().invoke(cli, ["--store", str(path), "add", str(EXAMPLES)]).exit_code == 0
    return path


def _serve(store: Path, port: int, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "cli", "serve", "--store", str(store), "--port", str(port), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until_up(process: subprocess.Popen, url: str, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited early: {process.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"serve did not answer at {url} within {limit} s")


@pytest.fixture
def served(seed: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The seed store served on a free port; yields the base URL."""
    port = free_port()
    process = _serve(seed, port, *getattr(request, "param", ()))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base + "/")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_sparqlwrapper_in_another_process_reads_the_union(served: str) -> None:
    client = SPARQLWrapper(served + "/query")
    client.setQuery(COUNT_STATEMENTS)
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert rows == [{"n": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "45"}}]


def test_the_query_ui_is_served(served: str) -> None:
    with urllib.request.urlopen(served + "/", timeout=5) as response:
        page = response.read().decode("utf-8", "replace")
    assert response.status == 200
    assert "<html" in page.lower()


@pytest.mark.parametrize("served", [("--read-only",)], indirect=True)
def test_read_only_refuses_updates(served: str) -> None:
    request = urllib.request.Request(
        served + "/update",
        data=b"update=DROP+ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code >= 400
    client = SPARQLWrapper(served + "/query")
    client.setQuery(COUNT_STATEMENTS)
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "45"


def test_serving_a_missing_store_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "no store at" in result.output


def test_a_store_in_use_is_reported(seed: Path, served: str) -> None:
    process = _serve(seed, free_port())  # the first server holds the store's lock
    process.wait(timeout=20)
    assert process.returncode == 2
    assert b"the server stopped with exit code" in process.stderr.read()
