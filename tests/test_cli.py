"""The command line: help, stats, remove, demo, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINI
from storecheck import ask


def test_help_lists_the_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("add", "export", "stats", "remove", "demo"):
        assert command in result.output


def test_stats_json_counts(run, store_path: Path) -> None:
    assert run("add", MINI).exit_code == 0
    result = run("stats", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["classes"]["cg:Statement"] == 5
    assert data["classes"]["cg:Quote"] == 5
    assert data["classes"]["cg:ActorMention"] == 4  # speaker mentions of s2, s3, s5 + the accused of s2
    assert data["classes"]["cg:Proposition"] == 4
    assert data["documents"] == [
        {
            "id": "wire-2025-07-01",
            "iri": "https://w3id.org/claimgraph/id/document/wire-2025-07-01",
            "title": "Ceasefire dispute",
            "issued": "2025-07-01",
            "statements": 5,
        }
    ]
    assert sum(data["graphs"].values()) == data["triples"]


def test_stats_text(run) -> None:
    assert run("add", MINI).exit_code == 0
    result = run("stats")
    assert result.exit_code == 0
    assert "wire-2025-07-01" in result.output and "5 statements" in result.output


def test_remove_by_document_id(run, store_path: Path) -> None:
    assert run("add", MINI).exit_code == 0
    result = run("remove", "wire-2025-07-01")
    assert result.exit_code == 0, result.output
    assert not ask(store_path, "ASK { ?s a cg:Statement }")
    assert ask(store_path, "ASK { ?a a cg:Person }")  # the registry stays
    missing = run("remove", "wire-2025-07-01")
    assert missing.exit_code == 2
    assert "no document or graph 'wire-2025-07-01'" in missing.output


def test_commands_on_a_missing_store_are_bad_input(run) -> None:
    for args in (("stats",), ("export",), ("remove", "x")):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "no store at" in result.output


def test_store_option_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli.main import cli

    (tmp_path / "precious.txt").write_text("do not touch", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path), "add", str(MINI)])
    assert result.exit_code == 2
    assert "is not a claimgraph store" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.txt"]


def test_store_from_environment(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from cli.main import cli

    monkeypatch.setenv("CLAIMGRAPH_STORE", str(tmp_path / "env-store"))
    assert CliRunner().invoke(cli, ["add", str(MINI)]).exit_code == 0
    assert (tmp_path / "env-store" / "CURRENT").exists()


def test_unknown_command_is_a_usage_error(run) -> None:
    assert run("frobnicate").exit_code == 2
