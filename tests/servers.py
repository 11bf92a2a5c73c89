"""Real SPARQL servers (Oxigraph, Virtuoso 7) that the test suite runs on 127.0.0.1.

Each server is a private subprocess on free ports with its data in a folder of its own.
Only the standard library is used here, never claimgraph's code, so that a bug in kg/
cannot hide behind a fixture.
"""

from __future__ import annotations

import atexit
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from kg import serve as serving
from kg.errors import ConfigError

OXIGRAPH_TIMEOUT = 15.0
VIRTUOSO_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0
OWNED_PREFIXES = ("https://w3id.org/claimgraph/", "urn:claimgraph:")
VIRTUOSO_TEMPLATE = Path(__file__).parent / "data" / "virtuoso" / "virtuoso.ini"
VIRTUOSO_BINARIES = ("/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")
LIST_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
STARTED: list[Server] = []


class ServerUnavailable(Exception):
    """A server could not be started; the message says why."""


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports on 127.0.0.1 that were free a moment ago."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    """One TCP port on 127.0.0.1 that was free a moment ago."""
    return free_ports(1)[0]


def log_tail(path: Path, lines: int = 20) -> str:
    """The last lines of a log file, or a note that there is none."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            tail = "".join(deque(handle, maxlen=lines)).rstrip()
    except OSError:
        return f"(no log at {path})"
    return f"last lines of {path}:\n{tail}" if tail else f"({path} is empty)"


@dataclass
class Server:
    """A SPARQL server process that the tests own: its endpoints, credentials and lifecycle."""

    name: str
    query_url: str
    update_url: str
    gsp_url: str | None
    user: str | None
    password: str | None
    auth: str | None
    command: list[str] = field(repr=False)
    data_dir: Path = field(repr=False)
    ports: dict[str, int] = field(default_factory=dict)
    startup_timeout: float = OXIGRAPH_TIMEOUT
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def log_path(self) -> Path:
        """Where the server's stdout and stderr go."""
        return self.data_dir / f"{self.name}-server.log"

    @property
    def running(self) -> bool:
        """Whether the process this object started is still alive."""
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start the process (no-op when running) and wait until its query endpoint answers."""
        if self.running:
            return
        self.process = None
        self._before_start()
        with self.log_path.open("ab") as log:
            log.write(f"--- {time.strftime('%H:%M:%S')} starting: {' '.join(self.command)}\n".encode())
            log.flush()
            try:
                self.process = subprocess.Popen(
                    self.command,
                    cwd=self.data_dir,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as error:
                raise ServerUnavailable(f"{self.name}: cannot run {self.command[0]}: {error}") from error
        if all(server is not self for server in STARTED):
            STARTED.append(self)
        self._wait_ready()

    def stop(self) -> None:
        """Stop the process by its PID and wait for it to exit; safe to call twice."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)

    def opener(self, password: str | None = None) -> urllib.request.OpenerDirector:
        """A urllib opener that sends this server's credentials (or ``password`` instead)."""
        if self.auth is None or self.user is None:
            return urllib.request.build_opener()
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, self.update_url, self.user, password if password is not None else self.password)
        if self.gsp_url:
            manager.add_password(None, self.gsp_url, self.user, password if password is not None else self.password)
        handler_type = (
            urllib.request.HTTPDigestAuthHandler if self.auth == "digest" else urllib.request.HTTPBasicAuthHandler
        )
        return urllib.request.build_opener(handler_type(manager))

    def select(self, query: str, timeout: float = REQUEST_TIMEOUT) -> list[dict[str, dict[str, str]]]:
        """Run a SELECT (form-encoded POST) and return its JSON bindings."""
        request = urllib.request.Request(
            self.query_url,
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)["results"]["bindings"]

    def update(self, update: str, timeout: float = REQUEST_TIMEOUT) -> None:
        """Run a SPARQL update (form-encoded POST) with this server's credentials."""
        request = urllib.request.Request(
            self.update_url,
            data=urllib.parse.urlencode({"update": update}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        with self.opener().open(request, timeout=timeout) as response:
            response.read()

    def owned_graphs(self) -> list[str]:
        """The non-empty named graphs whose IRI starts with one of the test-owned prefixes."""
        rows = self.select(LIST_GRAPHS)
        graphs = {row["g"]["value"] for row in rows if row["g"]["type"] == "uri"}
        return sorted(graph for graph in graphs if graph.startswith(OWNED_PREFIXES))

    def reset(self) -> None:
        """Drop every claimgraph-owned named graph (system graphs are never touched)."""
        graphs = self.owned_graphs()
        if graphs:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs), timeout=120)
        left = self.owned_graphs()
        if left:
            raise RuntimeError(f"{self.name}: reset left graphs behind: {left}")

    def _before_start(self) -> None:
        """Clear what a killed run may have left (Virtuoso's lock file)."""
        lock = self.data_dir / "virtuoso.lck"
        if self.name == "virtuoso" and lock.exists():
            lock.unlink()

    def _wait_ready(self) -> None:
        """Poll an ASK query until it answers; kill the process and raise if it does not in time."""
        deadline = time.monotonic() + self.startup_timeout
        probe = urllib.parse.urlencode({"query": "ASK {}"})
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            assert self.process is not None
            code = self.process.poll()
            if code is not None:
                self.process = None
                raise ServerUnavailable(
                    f"{self.name} exited with code {code} while starting; {log_tail(self.log_path)}"
                )
            request = urllib.request.Request(
                f"{self.query_url}?{probe}", headers={"Accept": "application/sparql-results+json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    if "boolean" in json.load(response):
                        return
            except (OSError, ValueError) as error:
                last_error = str(error)
            time.sleep(0.2)
        self.stop()
        raise ServerUnavailable(
            f"{self.name} did not answer at {self.query_url} within {self.startup_timeout:.0f} s "
            f"(last error: {last_error}); {log_tail(self.log_path)}"
        )


@atexit.register
def stop_all() -> None:
    """Stop every server still running when Python exits, so that none outlives a crashed run."""
    for server in STARTED:
        server.stop()


def oxigraph_binary() -> str:
    """The ``oxigraph`` program claimgraph's own ``serve`` would run."""
    try:
        return serving.oxigraph_binary()
    except ConfigError as exc:
        raise ServerUnavailable(str(exc)) from exc


def virtuoso_binary() -> str:
    """The ``virtuoso-t`` server binary of Debian's virtuoso-opensource package."""
    found = shutil.which("virtuoso-t")
    if found:
        return found
    for candidate in VIRTUOSO_BINARIES:
        if Path(candidate).is_file():
            return candidate
    raise ServerUnavailable("virtuoso-t is not installed (Debian package virtuoso-opensource)")


def start_oxigraph(data_dir: Path) -> Server:
    """Start ``oxigraph serve`` on a free port with its store in ``data_dir``."""
    binary = oxigraph_binary()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(
        name="oxigraph",
        query_url=f"{base}/query",
        update_url=f"{base}/update",
        gsp_url=f"{base}/store",
        user=None,
        password=None,
        auth=None,
        command=[binary, "serve", "--location", str(data_dir / "store"), "--bind", f"127.0.0.1:{port}"],
        data_dir=data_dir,
        ports={"http": port},
        startup_timeout=OXIGRAPH_TIMEOUT,
    )
    server.start()
    return server


def start_virtuoso(data_dir: Path) -> Server:
    """Start a private Virtuoso 7 (new database, user dba/dba) with its files in ``data_dir``."""
    binary = virtuoso_binary()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "vsp").mkdir(exist_ok=True)
    isql_port, http_port = free_ports(2)
    ini = data_dir / "virtuoso.ini"
    template = Template(VIRTUOSO_TEMPLATE.read_text(encoding="utf-8"))
    ini.write_text(template.substitute(dir=data_dir, isql_port=isql_port, http_port=http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    server = Server(
        name="virtuoso",
        query_url=f"{base}/sparql",
        update_url=f"{base}/sparql-auth",
        gsp_url=f"{base}/sparql-graph-crud-auth",
        user="dba",
        password="dba",
        auth="digest",
        command=[binary, "+foreground", "+configfile", str(ini)],
        data_dir=data_dir,
        ports={"isql": isql_port, "http": http_port},
        startup_timeout=VIRTUOSO_TIMEOUT,
    )
    server.start()
    return server
