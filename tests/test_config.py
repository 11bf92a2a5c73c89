"""Endpoint settings: option > environment > config file, credentials, validation, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from kg.config import ENV, Endpoint, config_path, read_config, resolve
from kg.errors import ConfigError

Q_OPT, Q_ENV, Q_FILE = "http://opt.test/sparql", "http://env.test/sparql", "http://file.test/sparql"


def write_config(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    """A config file holding ``text``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def endpoint_table(**settings: object) -> str:
    """An ``[endpoint]`` table in TOML (strings quoted, numbers as they are)."""
    lines = [f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {value}" for key, value in settings.items()]
    return "[endpoint]\n" + "\n".join(lines) + "\n"


@pytest.fixture
def no_config(tmp_path: Path) -> dict[str, str]:
    """An environment whose default config file does not exist."""
    return {"CLAIMGRAPH_CONFIG": str(tmp_path / "absent.toml")}


# -- precedence ---------------------------------------------------------------------
@pytest.mark.parametrize("key", ["query", "update", "gsp"])
def test_option_beats_environment_beats_config_file(tmp_path: Path, key: str) -> None:
    attribute = f"{key}_url"
    config = write_config(tmp_path, endpoint_table(**{"query": Q_FILE, key: f"http://file.test/{key}"}))
    environ = {ENV["query"]: Q_ENV, ENV[key]: f"http://env.test/{key}"}
    options = {"query": Q_OPT, key: f"http://opt.test/{key}"}

    assert getattr(resolve(options, environ, config), attribute) == f"http://opt.test/{key}"
    assert getattr(resolve({key: None}, environ, config), attribute) == f"http://env.test/{key}"
    assert getattr(resolve({}, {}, config), attribute) == f"http://file.test/{key}"


def test_empty_option_and_environment_fall_through(tmp_path: Path) -> None:
    config = write_config(tmp_path, endpoint_table(query=Q_FILE))
    assert resolve({"query": ""}, {ENV["query"]: ""}, config).query_url == Q_FILE


def test_update_defaults_to_the_query_url_and_gsp_to_none(no_config: dict[str, str]) -> None:
    chosen = resolve({"query": Q_OPT}, no_config)
    assert chosen == Endpoint(query_url=Q_OPT, update_url=Q_OPT)
    assert chosen.gsp_url is None
    assert (chosen.user, chosen.password, chosen.auth, chosen.timeout, chosen.retries) == (None, None, "basic", 30.0, 3)


def test_update_from_the_environment_with_query_from_the_option(no_config: dict[str, str]) -> None:
    chosen = resolve({"query": Q_OPT}, {**no_config, ENV["update"]: "http://env.test/update"})
    assert (chosen.query_url, chosen.update_url) == (Q_OPT, "http://env.test/update")


def test_no_endpoint_anywhere_means_the_embedded_store(tmp_path: Path, no_config: dict[str, str]) -> None:
    assert resolve({"query": None, "update": None, "gsp": None}, no_config) is None
    only_login = write_config(tmp_path, endpoint_table(user="dba", password="pw", update="http://h/update"))
    assert resolve({}, {}, only_login) is None


# -- credentials --------------------------------------------------------------------
def test_credentials_from_the_environment(no_config: dict[str, str]) -> None:
    environ = {**no_config, ENV["user"]: "dba", ENV["password"]: "pw", ENV["auth"]: "DIGEST"}
    chosen = resolve({"query": Q_OPT}, environ)
    assert (chosen.user, chosen.password, chosen.auth) == ("dba", "pw", "digest")


def test_credentials_from_the_config_file_and_environment_wins(tmp_path: Path) -> None:
    config = write_config(tmp_path, endpoint_table(query=Q_FILE, user="file-user", password="file-pw", auth="digest"))
    chosen = resolve({}, {}, config)
    assert (chosen.user, chosen.password, chosen.auth) == ("file-user", "file-pw", "digest")
    chosen = resolve({}, {ENV["user"]: "env-user", ENV["password"]: "env-pw"}, config)
    assert (chosen.user, chosen.password, chosen.auth) == ("env-user", "env-pw", "digest")


@pytest.mark.parametrize(
    "url",
    [
        "http://dba:hunter2@127.0.0.1:8890/sparql",
        "https://dba:hunter2@example.org/sparql",
        "http://:hunter2@127.0.0.1/sparql",
        "ftp://dba:hunter2@127.0.0.1/sparql",
        "http://dba:hunter2@/sparql",
        "dba:hunter2@127.0.0.1:8890/sparql",
    ],
)
@pytest.mark.parametrize("source", ["option", "environment", "config"])
def test_url_with_credentials_is_refused_without_echoing_them(
    tmp_path: Path, no_config: dict[str, str], url: str, source: str
) -> None:
    options = {"query": url} if source == "option" else {}
    environ = {**no_config, ENV["query"]: url} if source == "environment" else no_config
    config = write_config(tmp_path, endpoint_table(query=url)) if source == "config" else None
    with pytest.raises(ConfigError) as caught:
        resolve(options, environ, config)
    assert "hunter2" not in str(caught.value)
    assert "endpoint" in str(caught.value)


def test_url_with_only_a_user_is_refused() -> None:
    with pytest.raises(ConfigError, match="holds credentials"):
        Endpoint("http://dba@127.0.0.1/sparql", "http://127.0.0.1/sparql")


@pytest.mark.parametrize("given", [{"user": "dba"}, {"password": "pw"}])
def test_user_and_password_come_together(no_config: dict[str, str], given: dict[str, str]) -> None:
    environ = {**no_config, **{ENV[key]: value for key, value in given.items()}}
    with pytest.raises(ConfigError, match="both a user and a password"):
        resolve({"query": Q_OPT}, environ)


@pytest.mark.parametrize("auth", ["ntlm", "bearer", "none"])
def test_auth_other_than_basic_or_digest_is_refused(no_config: dict[str, str], auth: str) -> None:
    with pytest.raises(ConfigError, match=f"auth must be one of basic, digest, not '{auth}'"):
        resolve({"query": Q_OPT}, {**no_config, ENV["auth"]: auth})


def test_endpoint_repr_hides_the_password() -> None:
    endpoint = Endpoint("http://h/sparql", "http://h/update", user="dba", password="hunter2", auth="digest")
    assert "hunter2" not in repr(endpoint)
    assert "hunter2" not in str(endpoint)
    assert "user='dba'" in repr(endpoint)
    assert endpoint.password == "hunter2"


def test_endpoint_refuses_a_url_that_is_not_http() -> None:
    with pytest.raises(ConfigError, match="the gsp endpoint must be an http"):
        Endpoint("http://h/sparql", "http://h/sparql", gsp_url="file:///tmp/store")


# -- timeout and retries ------------------------------------------------------------
def test_timeout_and_retries_from_the_environment(no_config: dict[str, str]) -> None:
    chosen = resolve({"query": Q_OPT}, {**no_config, ENV["timeout"]: "2.5", ENV["retries"]: "5"})
    assert (chosen.timeout, chosen.retries) == (2.5, 5)


@pytest.mark.parametrize(
    ("key", "value", "complaint"),
    [
        ("timeout", "soon", "must be numbers"),
        ("timeout", "0", "timeout must be a positive number"),
        ("timeout", "-3", "timeout must be a positive number"),
        ("retries", "many", "must be numbers"),
        ("retries", "0", "retries must be at least 1"),
        ("retries", "1.5", "must be numbers"),
    ],
)
def test_bad_timeout_or_retries_in_the_environment(
    no_config: dict[str, str], key: str, value: str, complaint: str
) -> None:
    with pytest.raises(ConfigError, match=complaint):
        resolve({"query": Q_OPT}, {**no_config, ENV[key]: value})


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"timeout": -1.5}, "timeout must be a positive number"),
        ({"retries": 0}, "retries must be at least 1"),
        ({"timeout": '"soon"'}, "must be numbers"),
    ],
)
def test_bad_timeout_or_retries_in_the_config_file(tmp_path: Path, setting: dict[str, object], complaint: str) -> None:
    config = write_config(tmp_path, endpoint_table(query=Q_FILE) + "".join(f"{k} = {v}\n" for k, v in setting.items()))
    with pytest.raises(ConfigError, match=complaint):
        resolve({}, {}, config)


def test_timeout_and_retries_from_the_config_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, endpoint_table(query=Q_FILE, timeout=7.5, retries=1))
    chosen = resolve({}, {}, config)
    assert (chosen.timeout, chosen.retries) == (7.5, 1)


# -- the config file ----------------------------------------------------------------
def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[endpoint]\nquery = http://unquoted\n")
    with pytest.raises(ConfigError) as caught:
        resolve({}, {}, config)
    assert caught.value.path == str(config)
    assert str(caught.value).startswith(f"{config}: not valid TOML")
    assert "\n" not in str(caught.value)


def test_malformed_toml_at_the_default_path_is_reported_too(tmp_path: Path) -> None:
    config = write_config(tmp_path, "endpoint = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        resolve({"query": Q_OPT}, {"CLAIMGRAPH_CONFIG": str(config)})


def test_unknown_key_lists_the_known_ones(tmp_path: Path) -> None:
    config = write_config(tmp_path, endpoint_table(query=Q_FILE, pasword="typo", url="x"))
    with pytest.raises(ConfigError) as caught:
        read_config(config)
    message = str(caught.value)
    assert message.startswith(str(config))
    assert "unknown key(s) in [endpoint]: pasword, url" in message
    assert "(known: auth, gsp, password, query, retries, timeout, update, user)" in message


def test_endpoint_must_be_a_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[endpoint\] must be a table"):
        read_config(write_config(tmp_path, 'endpoint = "http://h/sparql"\n'))


def test_other_tables_are_ignored(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[other]\nx = 1\n" + endpoint_table(query=Q_FILE))
    assert read_config(config) == {"query": Q_FILE}


def test_config_option_naming_a_missing_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match=f"config file {missing} does not exist"):
        resolve({"query": Q_OPT}, {}, missing)


def test_missing_default_config_file_is_fine(tmp_path: Path) -> None:
    assert read_config(tmp_path / "absent.toml") == {}
    assert resolve({"query": Q_OPT}, {"XDG_CONFIG_HOME": str(tmp_path)}).query_url == Q_OPT


def test_default_config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    xdg = tmp_path / "xdg"
    assert config_path({"CLAIMGRAPH_CONFIG": "/etc/cg.toml", "XDG_CONFIG_HOME": str(xdg)}) == Path("/etc/cg.toml")
    assert config_path({"XDG_CONFIG_HOME": str(xdg)}) == xdg / "claimgraph" / "config.toml"
    assert config_path({"XDG_CONFIG_HOME": ""}) == tmp_path / "home" / ".config" / "claimgraph" / "config.toml"
    assert config_path({}) == tmp_path / "home" / ".config" / "claimgraph" / "config.toml"


def test_default_config_file_is_read_from_xdg_config_home(tmp_path: Path) -> None:
    (tmp_path / "claimgraph").mkdir()
    write_config(tmp_path / "claimgraph", endpoint_table(query=Q_FILE, user="dba", password="pw"))
    chosen = resolve({}, {"XDG_CONFIG_HOME": str(tmp_path)})
    assert (chosen.query_url, chosen.user) == (Q_FILE, "dba")


# -- the command line ---------------------------------------------------------------
def invoke(tmp_path: Path, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run ``claimgraph ARGS`` with no endpoint settings from the real environment or home."""
    clean: dict[str, str | None] = {name: None for name in ENV.values()}
    clean.update({"CLAIMGRAPH_CONFIG": str(tmp_path / "absent.toml"), "XDG_CONFIG_HOME": str(tmp_path)})
    clean.update(env or {})
    return CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args], env=clean)


def test_cli_bad_config_file_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = write_config(tmp_path, "[endpoint\nquery = 1\n", name="bad.toml")
    result = invoke(tmp_path, "--config", str(bad), "stats")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"claimgraph: error: {bad}: not valid TOML")
    assert not (tmp_path / "store").exists()


def test_cli_config_option_naming_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = invoke(tmp_path, "--config", str(missing), "stats")
    assert result.exit_code == 2
    assert result.stderr == f"claimgraph: error: config file {missing} does not exist\n"


@pytest.mark.parametrize("where", ["option", "environment"])
def test_cli_refuses_credentials_in_the_url_without_echoing_them(tmp_path: Path, where: str) -> None:
    url = "http://u:secret@127.0.0.1:1/q"
    if where == "option":
        result = invoke(tmp_path, "--endpoint", url, "stats")
    else:
        result = invoke(tmp_path, "stats", env={ENV["query"]: url})
    assert result.exit_code == 2
    assert "secret" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("claimgraph: error: the query endpoint URL holds credentials")


def test_cli_bad_auth_scheme_is_a_usage_error(tmp_path: Path) -> None:
    env = {ENV["user"]: "dba", ENV["password"]: "pw", ENV["auth"]: "kerberos"}
    result = invoke(tmp_path, "--endpoint", "http://127.0.0.1:1/q", "stats", env=env)
    assert result.exit_code == 2
    assert result.stderr == "claimgraph: error: auth must be one of basic, digest, not 'kerberos'\n"


def test_cli_help_lists_the_endpoint_options(tmp_path: Path) -> None:
    result = invoke(tmp_path, "--help")
    assert result.exit_code == 0
    for text in ("--endpoint", "--update-endpoint", "--gsp-endpoint", "--config", "CLAIMGRAPH_ENDPOINT"):
        assert text in result.output
