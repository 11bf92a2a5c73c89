"""``validate`` and validation on ``add``: three exit codes, readable reports, refused adds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINI
from storecheck import snapshot

SHAPES = "https://w3id.org/claimgraph/shapes#"
STATEMENT = "https://w3id.org/claimgraph/id/statement/wire-2025-07-01/"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def loaded(run, store_path: Path) -> Path:
    result = run("add", MINI)
    assert result.exit_code == 0, result.output
    return store_path


def test_a_conforming_store_exits_0(run, loaded: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "Conforms" in result.output


def test_the_store_can_also_be_named_after_the_command(run, loaded: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli.main import cli

    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "elsewhere"), "validate", "--store", str(loaded)])
    assert result.exit_code == 0, result.output


def test_a_statement_dated_after_its_report_is_refused_and_nothing_is_written(
    run, loaded: Path, mini_corpus: Path
) -> None:
    # s4 is dated 2025-07-01 and the document was published on 2025-07-01; move it to 5 July.
    edit(mini_corpus / "annotation.yaml", "date: 2025-07-01", "date: 2025-07-05")
    before = snapshot(loaded)
    result = run("add", mini_corpus)
    assert result.exit_code == 1
    assert snapshot(loaded) == before
    assert "add refused" in result.output and "--no-validate" in result.output
    # the report names the statement (with its IRI) and the document it is reported in
    assert "id:statement/wire-2025-07-01/s4" in result.output
    assert "document: " in result.output and "id:document/wire-2025-07-01" in result.output
    forced = run("add", "--no-validate", mini_corpus)
    assert forced.exit_code == 0
    assert snapshot(loaded) != before
    found = run("validate", "--format", "json")
    assert found.exit_code == 1
    results = json.loads(found.output)["results"]
    assert [(r["focusNode"], r["resultSeverity"], r["document"]) for r in results] == [
        (STATEMENT + "s4", "violation", "https://w3id.org/claimgraph/id/document/wire-2025-07-01")
    ]


def test_same_actor_counter_is_only_a_warning(run, store_path: Path, mini_corpus: Path) -> None:
    # s4 counters s2 (Alice Brown); give s4 to Alice Brown herself.
    edit(mini_corpus / "annotation.yaml", "speaker: southland-defence-ministry", "speaker: alice-brown")
    result = run("add", mini_corpus)
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.output and STATEMENT.removeprefix(
        "https://w3id.org/claimgraph/"
    ) in result.output.replace("id:", "id/")
    assert run("validate").exit_code == 0
    assert run("validate", "--fail-on", "warning").exit_code == 1
    assert run("validate", "--fail-on", "none").exit_code == 0


def test_validate_files_without_a_store(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n<https://example.org/s> a cg:Statement .\n",
        encoding="utf-8",
    )
    result = run("validate", "--format", "json", bad)
    assert result.exit_code == 1
    results = json.loads(result.output)["results"]
    assert results and all(r["focusNode"] == "https://example.org/s" for r in results)
    assert {r["resultPath"] for r in results} >= {
        "https://w3id.org/claimgraph/ontology#speaker",
        "https://w3id.org/claimgraph/ontology#speechAct",
        "https://w3id.org/claimgraph/ontology#expresses",
    }


def test_turtle_output_is_a_shacl_report(run, loaded: Path) -> None:
    import rdflib

    result = run("validate", "--format", "turtle")
    assert result.exit_code == 0
    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (report,) = graph.subjects(rdflib.RDF.type, sh.ValidationReport)
    assert graph.value(report, sh.conforms).toPython() is True


def test_unreadable_data_and_shapes_exit_2(run, loaded: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = run("validate", broken)
    assert result.exit_code == 2 and f"{broken}:1:" in result.output
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "bad.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n", encoding="utf-8"
    )
    result = run("validate", "--shapes", shapes)
    assert result.exit_code == 2 and "malformed shapes file" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("validate", "--shapes", empty)
    assert result.exit_code == 2 and "no shapes" in result.output


def test_validate_a_missing_store_is_bad_input(run) -> None:
    result = run("validate")
    assert result.exit_code == 2 and "no store at" in result.output
