"""``claimgraph serve``: the embedded store as a SPARQL endpoint with a query UI.

The store folder is an Oxigraph database, so Oxigraph's own server (the ``oxigraph``
command, installed with claimgraph) serves it as is: SPARQL 1.1 query at ``/query``,
update at ``/update``, Graph Store Protocol at ``/store``, and a query UI at ``/``. It
serves the union of the named graphs as the default graph, as claimgraph's own
queries see it.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError, StoreError
from kg.store import EmbeddedStore


@dataclass(frozen=True)
class ServeCommand:
    """The server process to run, and where it will answer."""

    argv: list[str]
    base_url: str

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: beside this Python first (same virtual env), then on PATH."""
    name = "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ConfigError("the 'oxigraph' server program is not installed (pip install oxigraph)")
    return found


def command(store: Path, *, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False) -> ServeCommand:
    """The command line that serves ``store`` on ``host:port``."""
    if not EmbeddedStore.exists(store):
        raise StoreError(f"no store at {store} (run 'claimgraph add' or 'claimgraph demo' first)")
    if not 0 < port < 65536:
        raise ConfigError(f"port must be between 1 and 65535, not {port}")
    verb = "serve-read-only" if read_only else "serve"
    argv = [oxigraph_binary(), verb, "--location", str(store), "--bind", f"{host}:{port}", "--union-default-graph"]
    shown = f"[{host}]" if ":" in host else host
    return ServeCommand(argv, f"http://{shown}:{port}")
