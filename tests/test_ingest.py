"""``add``: atomic, idempotent, exact replacement, and located errors that change nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from storecheck import ask, query, snapshot

ANNOTATION = "annotation.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def loaded(run, store_path: Path, mini_corpus: Path) -> Path:
    result = run("add", mini_corpus)
    assert result.exit_code == 0, result.output
    return store_path


def test_adding_twice_changes_nothing(run, loaded: Path, mini_corpus: Path) -> None:
    before = snapshot(loaded)
    result = run("add", mini_corpus)
    assert result.exit_code == 0
    assert "3 unchanged" in result.output
    assert snapshot(loaded) == before


def test_re_adding_a_changed_file_replaces_its_graph_exactly(run, loaded: Path, mini_corpus: Path) -> None:
    annotation = mini_corpus / ANNOTATION
    text = annotation.read_text(encoding="utf-8")
    # drop statement s5 (the last one) and retitle the document
    annotation.write_text(
        text[: text.index("  - id: s5")].replace("Ceasefire dispute", "Ceasefire row"),
        encoding="utf-8",
    )
    result = run("add", annotation)
    assert result.exit_code == 0, result.output
    assert re.search(r"replaced\s+graph/document/wire-2025-07-01", result.output)
    assert not ask(loaded, "ASK { ?s a cg:Statement FILTER(STRENDS(STR(?s), '/s5')) }")
    assert not ask(loaded, 'ASK { ?d dcterms:title "Ceasefire dispute"@en }')
    assert ask(loaded, 'ASK { ?d dcterms:title "Ceasefire row"@en }')
    # the quote and mention nodes of s5 went with it
    assert not ask(loaded, "ASK { ?q ?p ?o FILTER(CONTAINS(STR(?q), '/s5/')) }")


def test_an_annotation_may_use_actors_already_in_the_store(run, loaded: Path, mini_corpus: Path) -> None:
    result = run("add", mini_corpus / ANNOTATION)
    assert result.exit_code == 0, result.output


def test_a_registry_being_replaced_does_not_vouch_for_its_old_content(run, loaded: Path, mini_corpus: Path) -> None:
    registry = mini_corpus / "registry.yaml"
    edit(registry, "  - id: wire\n    type: organization\n    labels: {en: Example Wire}\n", "")
    before = snapshot(loaded)
    result = run("add", registry, mini_corpus / ANNOTATION)
    assert result.exit_code == 2
    assert (
        f"{mini_corpus / ANNOTATION}:{line_of(mini_corpus / ANNOTATION, 'publisher: wire')}: unknown actor 'wire'"
        in result.output
    )
    assert snapshot(loaded) == before


BAD_INPUTS = [
    # (name, file, edit old, edit new, line needle, message fragment)
    (
        "broken YAML",
        ANNOTATION,
        "  title: Ceasefire dispute",
        "  title: [Ceasefire dispute",
        None,
        "malformed YAML",
    ),
    (
        "unknown actor",
        ANNOTATION,
        "speaker: southland-defence-ministry",
        "speaker: southland-defense-ministry",
        "southland-defense-ministry",
        "unknown actor 'southland-defense-ministry'",
    ),
    (
        "quote not in text",
        ANNOTATION,
        "quote: Capital denied this",
        "quote: Capital rejected this",
        "Capital rejected this",
        "quote not found",
    ),
    (
        "ambiguous quote",
        ANNOTATION,
        "quote: Capital denied this",
        "quote: Southland",
        "quote: Southland",
        "occurs 3 times",
    ),
    (
        "bad date",
        ANNOTATION,
        "date: 2025-07-01",
        "date: 2025-07-32",
        "2025-07-32",
        "invalid date '2025-07-32'",
    ),
    (
        "bad role date",
        "registry.yaml",
        "start: 2024-01-15",
        "start: 15.01.2024",
        "15.01.2024",
        "invalid date",
    ),
    (
        "unknown proposition",
        ANNOTATION,
        "proposition: monitors-recorded-shelling",
        "proposition: monitors-saw-shelling",
        "monitors-saw-shelling",
        "unknown proposition",
    ),
    (
        "unknown speech act",
        ANNOTATION,
        "act: counter-claims",
        "act: counterclaims",
        "act: counterclaims",
        "'act' must be one of",
    ),
    (
        "misspelt key",
        ANNOTATION,
        "    proposition: ceasefire-agreed",
        "    propositon: ceasefire-agreed",
        "propositon",
        "did you mean 'proposition'",
    ),
    (
        "unknown statement target",
        ANNOTATION,
        "denies: s2",
        "denies: s9",
        "denies: s9",
        "unknown statement 's9'",
    ),
]


@pytest.mark.parametrize(
    ("name", "filename", "old", "new", "needle", "fragment"),
    BAD_INPUTS,
    ids=[b[0] for b in BAD_INPUTS],
)
def test_bad_input_exits_2_with_location_and_leaves_the_store_unchanged(
    run,
    loaded: Path,
    mini_corpus: Path,
    name: str,
    filename: str,
    old: str,
    new: str,
    needle: str | None,
    fragment: str,
) -> None:
    target = mini_corpus / filename
    edit(target, old, new)
    before = snapshot(loaded)
    result = run("add", mini_corpus)
    assert result.exit_code == 2, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith(f"claimgraph: error: {target}:"), message
    if needle is not None:
        assert f"{target}:{line_of(target, needle)}:" in message
    assert fragment in message
    assert snapshot(loaded) == before


def test_unreadable_rdf_exits_2_with_location_and_changes_nothing(
    run, loaded: Path, tmp_path: Path, mini_corpus: Path
) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n',
        encoding="utf-8",
    )
    before = snapshot(loaded)
    result = run("add", mini_corpus, bad)
    assert result.exit_code == 2
    assert f"{bad}:3: malformed Turtle" in result.output
    assert snapshot(loaded) == before


def test_error_in_the_first_add_creates_no_data(run, store_path: Path, mini_corpus: Path) -> None:
    edit(mini_corpus / ANNOTATION, "quote: Capital denied this", "quote: nowhere in the text")
    result = run("add", mini_corpus)
    assert result.exit_code == 2
    if store_path.exists():
        assert snapshot(store_path) == set()


def test_two_files_for_one_document_are_refused(run, store_path: Path, mini_corpus: Path) -> None:
    copy = mini_corpus / "copy.yaml"
    copy.write_text((mini_corpus / ANNOTATION).read_text(encoding="utf-8"), encoding="utf-8")
    result = run("add", mini_corpus)
    assert result.exit_code == 2
    assert "fills graph" in result.output and "wire-2025-07-01" in result.output


def test_rdf_files_go_to_their_own_graph_and_named_graphs_are_kept(run, store_path: Path, tmp_path: Path) -> None:
    plain = tmp_path / "extra.ttl"
    plain.write_text(
        "<http://example.org/a> <http://example.org/b> [ <http://example.org/c> 1 ] .\n",
        encoding="utf-8",
    )
    quads = tmp_path / "more.trig"
    quads.write_text(
        "<http://example.org/g> { <http://example.org/x> <http://example.org/y> <http://example.org/z> . }\n",
        encoding="utf-8",
    )
    assert run("add", plain, quads).exit_code == 0
    rows = query(
        store_path,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    )
    counts = {r["g"]: int(r["n"]) for r in rows}
    assert counts["https://w3id.org/claimgraph/id/graph/file/extra"] == 2
    assert counts["http://example.org/g"] == 1
    before = snapshot(store_path)
    assert "unchanged" in run("add", plain, quads).output  # blank nodes compared up to isomorphism
    assert snapshot(store_path) == before


def test_missing_path_and_unknown_file_type(run, tmp_path: Path) -> None:
    result = run("add", tmp_path / "nothing-here.yaml")
    assert result.exit_code == 2 and "no such file or folder" in result.output
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    result = run("add", other)
    assert result.exit_code == 2 and "cannot read files of type '.txt'" in result.output


def test_dry_run_writes_nothing(run, store_path: Path, mini_corpus: Path) -> None:
    result = run("add", "--dry-run", mini_corpus)
    assert result.exit_code == 0 and "nothing written" in result.output
    assert not (store_path / "CURRENT").exists()


def test_another_document_can_report_a_known_statement_again(
    run, loaded: Path, mini_corpus: Path, tmp_path: Path
) -> None:
    other = tmp_path / "echo.yaml"
    other.write_text(
        "document:\n"
        "  id: echo-2025-07-02\n"
        '  text: "Brown repeated that Southland broke the ceasefire."\n'
        "  published: 2025-07-02\n"
        "statements:\n"
        "  - ref: wire-2025-07-01/s2\n"
        "    quote: Southland broke the ceasefire\n",
        encoding="utf-8",
    )
    result = run("add", other)
    assert result.exit_code == 0, result.output
    statement = "<https://w3id.org/claimgraph/id/statement/wire-2025-07-01/s2>"
    rows = query(loaded, f"SELECT ?doc WHERE {{ {statement} cg:reportedIn ?doc }} ORDER BY ?doc")
    assert [r["doc"].rsplit("/", 1)[1] for r in rows] == ["echo-2025-07-02", "wire-2025-07-01"]
    # the new quote is anchored in the echoing document at offset 20 ("Brown repeated that " is 20 characters)
    assert ask(
        loaded,
        f"""ASK {{ {statement} cg:hasQuote ?q . ?q oa:hasSource id:document\\/echo-2025-07-02 ;
        oa:hasSelector/oa:start 20 }}""",
    )
    # the reported-again triples live in the echoing document's graph, so removing it takes them away
    assert run("remove", "echo-2025-07-02").exit_code == 0
    assert not ask(loaded, f"ASK {{ {statement} cg:reportedIn id:document\\/echo-2025-07-02 }}")


def test_reporting_an_unknown_statement_is_refused(run, loaded: Path, tmp_path: Path) -> None:
    other = tmp_path / "echo.yaml"
    other.write_text(
        'document:\n  id: echo\n  text: "Some words."\nstatements:\n  - ref: wire-2025-07-01/s99\n    quote: Some words\n',
        encoding="utf-8",
    )
    result = run("add", other)
    assert result.exit_code == 2
    assert f"{other}:5: unknown statement 'wire-2025-07-01/s99'" in result.output


@pytest.mark.parametrize(
    ("yaml_text", "line", "fragment"),
    [
        ('document:\n  id: d9\n  text: "Hello."\n  language: "en us"\n', 4, "must be a language tag"),
        ("actors:\n  - id: a\n    type: person\n    labels: {en: A, english us: B}\n", 4, "is not a language tag"),
        ('document:\n  id: d9\n  text: "Hello."\nstatements:\n  s1: {speaker: a}\n', 4, "'statements' must be a list"),
        ('document:\n  id: "bad id"\n  text: "x"\n', 2, "must be an id of letters"),
        ("- just\n- a list\n", 1, "expected a YAML mapping"),
    ],
)
def test_malformed_annotations_are_located(
    run, store_path: Path, tmp_path: Path, yaml_text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    result = run("add", path)
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}: " in result.output and fragment in result.output


def test_remote_json_ld_context_is_refused_with_a_reason(run, tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "http://schema.org/", "@id": "http://example.org/x", "name": "x"}', encoding="utf-8")
    result = run("add", path)
    assert result.exit_code == 2
    assert "remote JSON-LD context" in result.output
