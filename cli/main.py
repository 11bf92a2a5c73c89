"""``claimgraph``: build, check and query a graph of claims and counter-claims.

Each command is a few lines over :mod:`kg`; errors from the library become one line on
stderr and an exit code (0 ok, 1 problems found, 2 bad input or usage).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from rdflib import Graph
from rdflib.namespace import RDF, SH

import kg
from kg import datagraph, ingest, overview, removal, results, stats, validation
from kg import export as exporting
from kg import queries as saved
from kg import report as reporting
from kg import trace as tracing
from kg.errors import ClaimgraphError, ShapeViolations
from kg.namespaces import ID
from kg.resources import examples_dir
from kg.store import DEFAULT_STORE, EmbeddedStore


@dataclass
class Settings:
    """What the global options chose, handed to every command."""

    store_path: Path
    opened: list[EmbeddedStore] = field(default_factory=list)

    def open_store(self, *, create: bool = False, path: Path | None = None) -> EmbeddedStore:
        """Open the store (closed again when the command ends, even on error)."""
        store = EmbeddedStore(path or self.store_path, create=create)
        self.opened.append(store)
        return store

    def close(self) -> None:
        for store in self.opened:
            store.close()
        self.opened.clear()


class ClaimgraphGroup(click.Group):
    """A click group that reports :class:`ClaimgraphError` as one line and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            click.echo(f"claimgraph: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=ClaimgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    default=lambda: os.environ.get("CLAIMGRAPH_STORE", DEFAULT_STORE),
    show_default=f"${{CLAIMGRAPH_STORE}} or ./{DEFAULT_STORE}",
    help="Folder of the embedded store (created by the first add).",
)
@click.version_option(kg.__version__, prog_name="claimgraph")
@click.pass_context
def cli(ctx: click.Context, store_path: Path) -> None:
    """Track claims and counter-claims as an RDF knowledge graph.

    Annotate who said what in a news text (YAML, see docs/annotation-format.md), add it
    to the store, and ask in SPARQL who said what, when, where it was reported, and who
    disputes it.
    """
    ctx.obj = Settings(store_path=store_path)
    ctx.call_on_close(ctx.obj.close)


def _print_changes(changes: list[ingest.GraphChange], store: EmbeddedStore, base: Path | None = None) -> None:
    for change in changes:
        graph = change.graph.removeprefix(ID)
        source = change.source
        if base is not None and source.is_relative_to(base):
            source = source.relative_to(base)
        click.echo(f"{change.status:<9} {graph:<44} {change.triples:>6} triples  from {source}")
    counts = {status: sum(1 for c in changes if c.status == status) for status in ("added", "replaced", "unchanged")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    click.echo(f"{len(changes)} graphs: {summary}. The store {store.path} holds {len(store)} triples.")


shapes_option = click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of SHACL shapes (*.ttl) to use instead of the shipped ones.",
)


def _show_report(report: validation.Report, data: Graph, shapes: Graph, format_name: str, *, err: bool = False) -> None:
    click.echo(reporting.render(report, reporting.Describer(data, shapes), format_name), err=err)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Read and check everything, write nothing.")
@click.option("--no-validate", is_flag=True, help="Do not check the new data against the SHACL shapes.")
@shapes_option
@click.pass_obj
def add(settings: Settings, paths: tuple[Path, ...], dry_run: bool, no_validate: bool, shapes_dir: Path | None) -> None:
    """Add annotation YAML and RDF files (or folders of them) to the store.

    Each source document goes into its own named graph, each registry into its own;
    re-adding a changed file replaces its graph, re-adding the same file changes
    nothing. Reads YAML (.yaml, .yml), Turtle, TriG, N-Triples, N-Quads, JSON-LD and
    RDF/XML. What changes is first validated against the SHACL shapes, together with
    the stored data it touches; a violation refuses the add and prints the report.
    The add is atomic: on any error nothing of it reaches the store.
    """
    if dry_run:
        existing = settings.open_store() if EmbeddedStore.exists(settings.store_path) else None
        compiled = ingest.plan(paths, existing)
        triples = sum(len(c.triples) for c in compiled)
        click.echo(f"ok: {len(compiled)} graphs, {triples} triples; nothing written (dry run)")
        return
    store = settings.open_store(create=True)
    shapes = validation.load_shapes(shapes_dir)
    try:
        outcome = ingest.add(paths, store, validate=not no_validate, shapes=shapes)
    except ShapeViolations as refused:
        _show_report(refused.report, refused.data, shapes, "human", err=True)
        raise
    if outcome.report is not None and outcome.report.results:
        _show_report(outcome.report, outcome.data, shapes, "human", err=True)
    _print_changes(outcome.changes, store)


@cli.command(name="validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    help="Validate this store (default: the global --store). Ignored when FILEs are given.",
)
@shapes_option
@click.option("--format", "format_name", type=click.Choice(reporting.FORMATS), default="human", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning", "info", "none"]),
    default="violation",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.pass_obj
def validate_command(
    settings: Settings,
    files: tuple[Path, ...],
    store_path: Path | None,
    shapes_dir: Path | None,
    format_name: str,
    fail_on: str,
) -> None:
    """Check the store (or FILEs) against the SHACL shapes.

    Validates the union of all named graphs, with the ontology in the data so that
    subclasses count (a cg:Person is a cg:Actor). Exit 0: conforms (at the --fail-on
    level); 1: it does not; 2: the data or the shapes could not be read. Human output
    groups results by shape; turtle is the standard SHACL report; json lists the
    results under SHACL's property names.
    """
    shapes = validation.load_shapes(shapes_dir)
    if files:
        data = Graph()
        for path in ingest.collect_files(files):
            for compiled in ingest.compile_file(path):
                datagraph.add_triples(data, ((t.subject, t.predicate, t.object) for t in compiled.triples))
    else:
        store = settings.open_store(path=store_path)
        data = datagraph.union_graph(store)
    report = validation.validate_graph(data, shapes)
    _show_report(report, data, shapes, format_name)
    if report.fails(fail_on):
        sys.exit(1)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--param takes name=value, not {pair!r}")
        values[name.strip()] = value
    return values


@cli.group(name="queries", invoke_without_command=True)
@click.pass_context
def queries_group(ctx: click.Context) -> None:
    """List the saved queries (name, summary, parameters); 'queries show NAME' prints one."""
    if ctx.invoked_subcommand is None:
        for query in saved.catalogue():
            parameters = ", ".join(p.describe() for p in query.parameters) or "no parameters"
            click.echo(f"{query.name:<22} {query.summary}")
            click.echo(f"{'':<22} parameters: {parameters}")


@queries_group.command(name="show")
@click.argument("name")
def queries_show(name: str) -> None:
    """Print the saved query NAME (plain SPARQL, ready to paste into a SPARQL UI)."""
    click.echo(saved.load(name).text, nl=False)


@cli.command(name="query")
@click.argument("name")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter: IRI, CURIE or annotation id for *_iri parameters, text otherwise.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(results.FORMATS)),
    help="Default: table on a terminal, json otherwise.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE (atomically) instead of stdout.",
)
@click.pass_obj
def query_command(
    settings: Settings, name: str, params: tuple[str, ...], format_name: str | None, output: Path | None
) -> None:
    """Run a saved query (NAME, or a FILE.rq) over the store.

    Parameters are bound as RDF terms, never pasted into the query text: a missing or
    unknown one is a usage error that lists the expected ones. Formats: table (for
    people), json, xml, tsv (keeps RDF term syntax), csv (lossy).
    """
    query = saved.load(name)
    store = settings.open_store()
    values = _parse_params(params)
    if format_name is None:
        format_name = "table" if output is None and sys.stdout.isatty() else "json"
    if format_name == "table":
        found = saved.execute(store, query, values)
        data = (results.table(found.variables, found.rows) + "\n").encode()
    else:
        data = results.serialize(saved.solutions(store, query, values), format_name)
    if output is not None:
        exporting.write_atomically(data, output)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@cli.command(name="trace")
@click.argument("needle", metavar="TEXT|ID|IRI")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def trace_command(settings: Settings, needle: str, format_name: str) -> None:
    """Tell the story of a dispute: who claimed it first, who repeated or relayed it,
    who denied, refuted or countered it, with dates, roles, quotes and documents.

    TEXT is looked up in the wording of propositions and in quotes ("indefinite
    period"); an ID or IRI names a statement (doc-2025-06-09/s8) or a proposition.
    """
    threads = tracing.trace(settings.open_store(), needle)
    if format_name == "json":
        click.echo(json.dumps(tracing.as_json(threads), indent=2, ensure_ascii=False))
    else:
        click.echo(tracing.render(threads))


@cli.command(name="export")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(exporting.FORMATS)),
    default="trig",
    show_default=True,
    help="trig, nq and jsonld keep the named graphs; turtle and nt give their union.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE (atomically) instead of stdout.",
)
@click.pass_obj
def export_command(settings: Settings, format_name: str, output: Path | None) -> None:
    """Write the whole store as RDF."""
    store = settings.open_store()
    exporting.export(store, format_name, output if output is not None else sys.stdout.buffer)
    if output is not None:
        click.echo(f"wrote {len(store)} triples to {output} ({format_name})", err=True)


@cli.command(name="stats")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.pass_obj
def stats_command(settings: Settings, format_name: str) -> None:
    """Count what the store holds: triples per graph, things per class, statements per document."""
    result = stats.collect(settings.open_store())
    if format_name == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(stats.render(result))


@cli.command()
@click.argument("document")
@click.pass_obj
def remove(settings: Settings, document: str) -> None:
    """Remove one DOCUMENT (its id, its IRI, or any named graph's IRI) from the store."""
    store = settings.open_store()
    graph, count = removal.remove(store, document)
    click.echo(f"removed {graph.value.removeprefix(ID)} ({count} triples). The store holds {len(store)} triples.")


@cli.command()
@click.pass_obj
def demo(settings: Settings) -> None:
    """Build the seed graph (two June 2025 news articles) and show what it holds.

    Adds the shipped examples (annotations, actor registry, articles) to the store
    chosen with --store, then prints every attributed statement and every response
    between statements.
    """
    store = settings.open_store(create=True)
    source = examples_dir()
    click.echo(f"Building the seed graph from {source} into {store.path}")
    outcome = ingest.add([source], store)
    _print_changes(outcome.changes, store, base=source.parent)
    click.echo("")
    click.echo(overview.render(store))
    click.echo("")
    click.echo(stats.render(stats.collect(store)))
    click.echo("")
    shapes = validation.load_shapes()
    data = datagraph.union_graph(store)
    report = validation.validate_graph(data, shapes)
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    if report.results:
        click.echo(f"Validation: the seed graph does not conform to the {shape_count} SHACL shapes:")
        _show_report(report, data, shapes, "human")
        sys.exit(1)
    click.echo(f"Validation: the seed graph ({len(data)} triples) conforms to all {shape_count} SHACL shapes.")
    contested = saved.execute(store, saved.load("contested-claims"))
    click.echo("")
    click.echo("Contested claims (saved query contested-claims):")
    click.echo(results.table(contested.variables, contested.rows))
    click.echo("")
    click.echo("The trace of Medinsky's accusation (claimgraph trace doc-2025-06-09/s8):")
    click.echo(tracing.render(tracing.trace(store, "doc-2025-06-09/s8")))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="claimgraph")


if __name__ == "__main__":
    main()
