"""Where the remote SPARQL endpoint is and how to log in: options, environment, config file.

Each setting is taken from the first of: the command-line option, the environment
variable, the config file. Credentials are read only from the environment or the
config file, so they never appear on a command line (where ``ps`` shows them), and
:class:`Endpoint` keeps the password out of its ``repr``.

The config file is TOML, ``$CLAIMGRAPH_CONFIG`` or ``$XDG_CONFIG_HOME/claimgraph/config.toml``
(``~/.config/claimgraph/config.toml``), with one ``[endpoint]`` table::

    [endpoint]
    query = "http://127.0.0.1:8890/sparql"
    update = "http://127.0.0.1:8890/sparql-auth"
    gsp = "http://127.0.0.1:8890/sparql-graph-crud-auth"
    user = "dba"
    password = "..."
    auth = "digest"      # or "basic" (the default)
    timeout = 30         # seconds for one request
    retries = 3          # attempts for a read that meets a dead or failing server
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENV = {
    "query": "CLAIMGRAPH_ENDPOINT",
    "update": "CLAIMGRAPH_UPDATE_ENDPOINT",
    "gsp": "CLAIMGRAPH_GSP_ENDPOINT",
    "user": "CLAIMGRAPH_USER",
    "password": "CLAIMGRAPH_PASSWORD",
    "auth": "CLAIMGRAPH_AUTH",
    "timeout": "CLAIMGRAPH_TIMEOUT",
    "retries": "CLAIMGRAPH_RETRIES",
}
CONFIG_ENV = "CLAIMGRAPH_CONFIG"
AUTH_SCHEMES = ("basic", "digest")
_KEYS = set(ENV)


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 service: query URL, update and Graph Store Protocol URLs, login."""

    query_url: str
    update_url: str
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "basic"
    timeout: float = 30.0
    retries: int = 3

    def __post_init__(self) -> None:
        for name in ("query_url", "update_url", "gsp_url"):
            url = getattr(self, name)
            if url is not None:
                _check_url(url, name.removesuffix("_url"))
        if self.auth not in AUTH_SCHEMES:
            raise ConfigError(f"auth must be one of {', '.join(AUTH_SCHEMES)}, not {self.auth!r}")
        if (self.user is None) != (self.password is None):
            raise ConfigError("give both a user and a password for the endpoint, or neither")
        if not self.timeout > 0:
            raise ConfigError(f"timeout must be a positive number of seconds, not {self.timeout!r}")
        if self.retries < 1:
            raise ConfigError(f"retries must be at least 1, not {self.retries!r}")


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        shown = "***@" + url.rpartition("@")[2] if "@" in url else url  # it may hold a password
        raise ConfigError(f"the {what} endpoint must be an http(s) URL, not {shown!r}")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(
            f"the {what} endpoint URL holds credentials; give them in ${ENV['user']} and "
            f"${ENV['password']} or the config file instead"
        )


def config_path(environ: Mapping[str, str]) -> Path:
    """The config file claimgraph reads (it need not exist)."""
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    base = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "claimgraph" / "config.toml"


def read_config(path: Path, *, required: bool = False) -> dict[str, object]:
    """The ``[endpoint]`` table of a config file ({} when there is no file)."""
    if not path.exists():
        if required:
            raise ConfigError(f"config file {path} does not exist")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from exc
    table = data.get("endpoint", {})
    if not isinstance(table, dict):
        raise ConfigError("[endpoint] must be a table", path=path)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [endpoint]: {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})", path=path
        )
    return table


def resolve(
    options: Mapping[str, str | None],
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Endpoint | None:
    """The endpoint chosen by ``options`` (query/update/gsp URLs), the environment and the
    config file; ``None`` when no query endpoint is set anywhere (use the embedded store)."""
    environ = os.environ if environ is None else environ
    path = config_file or config_path(environ)
    config = read_config(path, required=config_file is not None)

    def setting(key: str) -> object | None:
        if options.get(key):
            return options[key]
        if environ.get(ENV[key]):
            return environ[ENV[key]]
        return config.get(key)

    query = setting("query")
    if query is None:
        return None
    try:
        timeout = float(_or_default(setting("timeout"), 30))
        retries = int(_or_default(setting("retries"), 3))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"timeout and retries must be numbers: {exc}") from exc
    user, password = setting("user"), setting("password")
    return Endpoint(
        query_url=str(query),
        update_url=str(setting("update") or query),
        gsp_url=str(setting("gsp")) if setting("gsp") else None,
        user=str(user) if user is not None else None,
        password=str(password) if password is not None else None,
        auth=str(setting("auth") or "basic").lower(),
        timeout=timeout,
        retries=retries,
    )


def _or_default(value: object | None, default: object) -> object:
    """``value``, or ``default`` when it is unset (a 0 from the config file stays 0, to be refused)."""
    return default if value is None or value == "" else value
