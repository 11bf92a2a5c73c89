"""``export``: dataset formats round-trip through ``add``; graph formats give the union."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import MINI
from storecheck import snapshot

from cli.main import cli


@pytest.fixture
def loaded(run, store_path: Path) -> Path:
    assert run("add", MINI).exit_code == 0
    return store_path


@pytest.mark.parametrize(("name", "suffix"), [("trig", "trig"), ("nq", "nq"), ("jsonld", "jsonld")])
def test_export_then_re_add_gives_an_isomorphic_dataset(
    run, loaded: Path, tmp_path: Path, name: str, suffix: str
) -> None:
    out = tmp_path / f"dump.{suffix}"
    result = run("export", "--format", name, "-o", out)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh-store"
    again = CliRunner().invoke(cli, ["--store", str(fresh), "add", str(out)], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert snapshot(fresh) == snapshot(loaded)


def test_graph_formats_give_the_union_without_duplicates(run, loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.nt"
    assert run("export", "--format", "nt", "-o", out).exit_code == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    expected = {(s, p, o) for s, p, o, _ in snapshot(loaded)}
    assert len(lines) == len(set(lines)) == len(expected)
    turtle = tmp_path / "dump.ttl"
    assert run("export", "--format", "turtle", "-o", turtle).exit_code == 0
    parsed = list(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(expected)


def test_export_is_deterministic_and_goes_to_stdout(run, loaded: Path) -> None:
    first = run("export", "--format", "trig")
    second = run("export", "--format", "trig")
    assert first.exit_code == 0
    assert first.output == second.output
    assert "@prefix cg: <https://w3id.org/claimgraph/ontology#> ." in first.output


def test_export_to_a_missing_folder_is_bad_input(run, loaded: Path, tmp_path: Path) -> None:
    result = run("export", "-o", tmp_path / "no" / "such" / "dir.trig")
    assert result.exit_code == 2
    assert "no such folder" in result.output
