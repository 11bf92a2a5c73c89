"""Saved-query files: headers, parameters, binding, and hostile parameter values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DATA, MINI
from storecheck import snapshot

from kg import queries
from kg.errors import FormatError, InputError
from kg.store import EmbeddedStore

TEST_QUERY = DATA / "queries" / "statements-by.rq"
S = "https://w3id.org/claimgraph/id/statement/wire-2025-07-01/"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini corpus, loaded once: these tests only read the store."""
    from click.testing import CliRunner

    from cli.main import cli

    path = tmp_path_factory.mktemp("queries") / "store"
    assert CliRunner().invoke(cli, ["--store", str(path), "add", str(MINI)]).exit_code == 0
    return path


@pytest.fixture
def run(loaded: Path):
    """``claimgraph --store LOADED ...`` for this module's shared store."""
    from click.testing import CliRunner

    from cli.main import cli

    return lambda *args: CliRunner().invoke(cli, ["--store", str(loaded), *map(str, args)], catch_exceptions=False)


def test_header_and_parameters_are_read() -> None:
    query = queries.load(TEST_QUERY)
    assert query.name == "statements-by"
    assert query.summary.startswith("Statements by one actor")
    assert query.tags == ["test"]
    assert query.defaults == {"actor": "alice-brown"}  # an example for UIs, not applied by bind()
    assert [(p.variable, p.name, p.kind, p.required) for p in query.parameters] == [
        ("_actor_iri", "actor", "iri", True),
        ("_text", "text", "literal", True),
        ("__act_iri", "act", "iri", False),
    ]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("no-header", "must start with a '#+' header"),
        ("bad-header", "malformed '#+' header"),
        ("bad-sparql", "malformed SPARQL"),
    ],
)
def test_broken_query_files_are_errors(name: str, fragment: str) -> None:
    with pytest.raises(FormatError, match=re.escape(fragment)) as err:
        queries.load(DATA / "queries" / f"{name}.rq")
    assert err.value.path is not None and err.value.path.endswith(f"{name}.rq")


def test_values_are_bound_and_ids_resolved(loaded: Path) -> None:
    with EmbeddedStore(loaded) as store:
        query = queries.load(TEST_QUERY)
        # "accused" occurs in s2's quote only; the actor is given by its annotation id
        rows = queries.execute(store, query, {"actor": "alice-brown", "text": "accused"}).rows
        assert [r["statement"].value for r in rows] == [S + "s2"]
        both = queries.execute(store, query, {"actor": "alice-brown", "text": "o"}).rows  # s2 and s5 both contain "o"
        assert [r["statement"].value for r in both] == [S + "s2", S + "s5"]
        only = queries.execute(store, query, {"actor": "alice-brown", "text": "o", "act": "cg:act-asserts"}).rows
        assert [r["statement"].value for r in only] == [S + "s5"]
        by_iri = queries.execute(
            store, query, {"text": "o", "actor": "https://w3id.org/claimgraph/id/actor/alice-brown"}
        )
        assert len(by_iri.rows) == 2


def test_missing_unknown_and_unresolvable_parameters(loaded: Path) -> None:
    with EmbeddedStore(loaded) as store:
        query = queries.load(TEST_QUERY)
        with pytest.raises(InputError, match=r"needs parameter 'actor', 'text'; expected: actor .*text .*act"):
            queries.execute(store, query, {})
        with pytest.raises(InputError, match="has no parameter 'speaker'"):
            queries.execute(store, query, {"actor": "alice-brown", "text": "x", "speaker": "y"})
        with pytest.raises(InputError, match="no actor, proposition, document, topic or statement has the id 'nobody'"):
            queries.execute(store, query, {"text": "x", "actor": "nobody"})


HOSTILE_TEXT = [
    '"',
    '"""',
    "'''",
    "} ; DROP ALL ; #",
    '") } DELETE WHERE { ?s ?p ?o } #',
    "accused\n} ; CLEAR ALL",
    "{ ?s ?p ?o }",
    "\\u0022",
    "x" * 1999,
]


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_hostile_text_values_match_nothing_and_change_nothing(loaded: Path, value: str) -> None:
    before = snapshot(loaded)
    with EmbeddedStore(loaded) as store:
        rows = queries.execute(store, queries.load(TEST_QUERY), {"actor": "alice-brown", "text": value}).rows
    assert rows == []  # no quote contains these strings
    assert snapshot(loaded) == before


HOSTILE_IRIS = [
    "https://example.org/a> } ; DROP ALL ; #",
    "https://example.org/with space",
    "<https://example.org/x>",
    "cg:act-asserts> . ?s ?p ?o",
    "alice-brown } ; DROP ALL",
    "../../etc/passwd",
    "a\nb",
]


@pytest.mark.parametrize("value", HOSTILE_IRIS)
def test_hostile_iri_values_are_bad_input(loaded: Path, value: str) -> None:
    with EmbeddedStore(loaded) as store, pytest.raises(InputError):
        queries.execute(store, queries.load(TEST_QUERY), {"text": "o", "actor": value})


def test_overlong_values_are_bad_input(loaded: Path) -> None:
    with EmbeddedStore(loaded) as store, pytest.raises(InputError, match="longer than"):
        queries.execute(store, queries.load(TEST_QUERY), {"actor": "alice-brown", "text": "x" * 5000})


def test_query_command_formats(run, loaded: Path, tmp_path: Path) -> None:
    base = ["query", TEST_QUERY, "--param", "actor=alice-brown", "--param", "text=accused"]
    data = json.loads(run(*base, "--format", "json").output)
    assert [b["statement"]["value"] for b in data["results"]["bindings"]] == [S + "s2"]
    tsv = run(*base, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?statement\t?exact" and tsv[1].startswith(f"<{S}s2>\t")
    csv = run(*base, "--format", "csv").output.splitlines()
    assert csv[0].strip() == "statement,exact" and csv[1].startswith(f"{S}s2,")
    assert "<sparql" in run(*base, "--format", "xml").output
    table = run(*base, "--format", "table").output
    assert "id:statement/wire-2025-07-01/s2" in table and "(1 row)" in table
    out = tmp_path / "rows.json"
    assert run(*base, "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["head"]["vars"] == ["statement", "exact"]


def test_query_command_usage_errors(run, loaded: Path) -> None:
    missing = run("query", TEST_QUERY, "--param", "actor=alice-brown")
    assert missing.exit_code == 2 and "needs parameter 'text'" in missing.output
    malformed = run("query", TEST_QUERY, "--param", "text")
    assert malformed.exit_code == 2 and "name=value" in malformed.output
    unknown = run("query", "no-such-query")
    assert unknown.exit_code == 2 and "no saved query 'no-such-query'" in unknown.output


def test_values_go_into_the_outer_group_as_terms() -> None:
    import pyoxigraph as ox

    text = '#+ summary: x {\n# a comment { with braces }\nPREFIX ex: <http://example.org/a#b>\nSELECT ?s WHERE { ?s ?p ?_v FILTER(?s != "{") }'
    bound = {"_v": ox.Literal('a" } ; DROP ALL ; #')}
    rewritten = queries.with_values(text, bound)
    # the block lands after the WHERE brace, not in a comment, and the value is escaped
    assert 'WHERE { VALUES (?_v) { ("a\\" } ; DROP ALL ; #") }  ?s ?p ?_v' in rewritten
    assert ox.Store().query(rewritten) is not None  # still one valid query


def test_every_shipped_query_parses_with_its_own_prefixes_and_a_full_header() -> None:
    catalogue = queries.catalogue()  # load() parses each file with no prefixes given
    names = {q.name for q in catalogue}
    expected = {
        "who-said", "actor-statements", "contested-claims", "dispute-thread", "accusations",
        "denials-of-actor", "attribution-chain", "document-statements", "single-source",
        "corroborated", "unnamed-sources", "metonymic-actors", "withheld-information",
        "timeline", "quote-context", "sides", "find-claims",
        "reviewed-claims", "claims-rated-false-but-repeated", "reviews-of-actor",
    }  # fmt: skip
    assert expected <= names
    for query in catalogue:
        assert query.summary and query.description and query.tags, query.name
        assert "GRAPH" not in query.text.upper().split(), query.name
        for parameter in query.parameters:
            assert parameter.name[0].islower(), (query.name, parameter.name)


def test_queries_command_lists_and_shows(run) -> None:
    listing = run("queries").output
    assert "who-said" in listing and "parameters: proposition (IRI, CURIE or id)" in listing
    shown = run("queries", "show", "who-said").output
    assert shown.startswith("#+ summary:") and "SELECT" in shown
