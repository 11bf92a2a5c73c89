"""``claimgraph``: build, check and query a graph of claims and counter-claims.

Each command is a few lines over :mod:`kg`; errors from the library become one line on
stderr and an exit code (0 ok, 1 problems found, 2 bad input or usage).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from rdflib import Graph
from rdflib.namespace import RDF, SH

import kg
from kg import claimreview_export as review_export
from kg import config, datagraph, ingest, overview, removal, results, stats, transfer, validation
from kg import export as exporting
from kg import queries as saved
from kg import report as reporting
from kg import reviewimport as review_import
from kg import reviewlinks as review_links
from kg import serve as serving
from kg import trace as tracing
from kg.errors import ClaimgraphError, RecordsSkipped, ShapeViolations, StoreError
from kg.namespaces import ID
from kg.remote import RemoteStore
from kg.resources import examples_dir
from kg.store import DEFAULT_STORE, EmbeddedStore, Store


@dataclass
class Settings:
    """What the global options chose, handed to every command."""

    store_path: Path
    endpoint_options: dict[str, str | None] = field(default_factory=dict)
    config_file: Path | None = None
    opened: list[Store] = field(default_factory=list)

    def endpoint(self, overrides: dict[str, str | None] | None = None) -> config.Endpoint | None:
        """The SPARQL endpoint chosen by options, environment or config file, if any."""
        chosen = {**self.endpoint_options, **{k: v for k, v in (overrides or {}).items() if v}}
        return config.resolve(chosen, config_file=self.config_file)

    def open_store(self, *, create: bool = False, path: Path | None = None) -> Store:
        """Open the store: the endpoint when one is set (and no ``path`` is asked for),
        else the embedded store; closed again when the command ends, even on error."""
        endpoint = self.endpoint() if path is None else None
        store: Store = RemoteStore(endpoint) if endpoint else EmbeddedStore(path or self.store_path, create=create)
        self.opened.append(store)
        return store

    def open_embedded(self, *, create: bool = False) -> EmbeddedStore:
        """Open the embedded store at --store, whatever endpoint is set."""
        store = EmbeddedStore(self.store_path, create=create)
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


def endpoint_options(command):
    """The options that choose a SPARQL server (each also read from the environment)."""
    for key, flag, what in reversed(
        [
            ("query", "--endpoint", "SPARQL 1.1 query endpoint of a server to use as the store"),
            ("update", "--update-endpoint", "its update endpoint, when not the query URL"),
            ("gsp", "--gsp-endpoint", "its Graph Store Protocol endpoint, when it has one"),
        ]
    ):
        command = click.option(
            flag,
            f"endpoint_{key}",
            metavar="URL",
            help=f"{what.capitalize()} [env: {config.ENV[key]}].",
        )(command)
    return command


def _endpoint_overrides(query: str | None, update: str | None, gsp: str | None) -> dict[str, str | None]:
    return {"query": query, "update": update, "gsp": gsp}


@click.group(cls=ClaimgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    default=lambda: os.environ.get("CLAIMGRAPH_STORE", DEFAULT_STORE),
    show_default=f"${{CLAIMGRAPH_STORE}} or ./{DEFAULT_STORE}",
    help="Folder of the embedded store (created by the first add).",
)
@endpoint_options
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"TOML file with an [endpoint] table [env: {config.CONFIG_ENV}; default: ~/.config/claimgraph/config.toml].",
)
@click.version_option(kg.__version__, prog_name="claimgraph")
@click.pass_context
def cli(
    ctx: click.Context,
    store_path: Path,
    endpoint_query: str | None,
    endpoint_update: str | None,
    endpoint_gsp: str | None,
    config_file: Path | None,
) -> None:
    """Track claims and counter-claims as an RDF knowledge graph.

    Annotate who said what in a news text (YAML, see docs/annotation-format.md), add it
    to the store, and ask in SPARQL who said what, when, where it was reported, and who
    disputes it.

    The store is an embedded database in a folder (--store), or any SPARQL 1.1 server
    (--endpoint). Credentials for a server come only from $CLAIMGRAPH_USER and
    $CLAIMGRAPH_PASSWORD ($CLAIMGRAPH_AUTH=basic|digest) or the config file.
    """
    ctx.obj = Settings(
        store_path=store_path,
        endpoint_options=_endpoint_overrides(endpoint_query, endpoint_update, endpoint_gsp),
        config_file=config_file,
    )
    ctx.call_on_close(ctx.obj.close)


def _print_changes(changes: list[ingest.GraphChange], store: Store, base: Path | None = None) -> None:
    for change in changes:
        graph = change.graph.removeprefix(ID)
        source = change.source
        if base is not None and source.is_relative_to(base):
            source = source.relative_to(base)
        click.echo(f"{change.status:<9} {graph:<44} {change.triples:>6} triples  from {source}")
    counts = {status: sum(1 for c in changes if c.status == status) for status in ("added", "replaced", "unchanged")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    click.echo(f"{len(changes)} graphs: {summary}. The store {store.location} holds {len(store)} triples.")


shapes_option = click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of SHACL shapes (*.ttl) to use instead of the shipped ones.",
)


engine_option = click.option(
    "--engine",
    type=click.Choice(validation.ENGINES),
    default=validation.DEFAULT_ENGINE,
    show_default=True,
    help="SHACL engine: sparql compiles the shapes to queries run inside the store; "
    "pyshacl is the slower reference engine (same results).",
)


def _show_report(report: validation.Report, data: Graph, shapes: Graph, format_name: str, *, err: bool = False) -> None:
    click.echo(reporting.render(report, reporting.Describer(data, shapes), format_name), err=err)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Read and check everything, write nothing.")
@click.option("--no-validate", is_flag=True, help="Do not check the new data against the SHACL shapes.")
@shapes_option
@engine_option
@click.pass_obj
def add(
    settings: Settings,
    paths: tuple[Path, ...],
    dry_run: bool,
    no_validate: bool,
    shapes_dir: Path | None,
    engine: str,
) -> None:
    """Add annotation YAML and RDF files (or folders of them) to the store.

    Each source document goes into its own named graph, each registry into its own;
    re-adding a changed file replaces its graph, re-adding the same file changes
    nothing. Reads YAML (.yaml, .yml), Turtle, TriG, N-Triples, N-Quads, JSON-LD and
    RDF/XML. What changes is first validated against the SHACL shapes, together with
    the stored data it touches; a violation refuses the add and prints the report.
    The add is atomic: on any error nothing of it reaches the store.
    """
    if dry_run:
        remote = settings.endpoint() is not None
        existing = settings.open_store() if remote or EmbeddedStore.exists(settings.store_path) else None
        graphs, triples = ingest.dry_run(paths, existing)
        click.echo(f"ok: {graphs} graphs, {triples} triples; nothing written (dry run)")
        return
    store = settings.open_store(create=True)
    shapes = validation.load_shapes(shapes_dir)
    try:
        outcome = ingest.add(paths, store, validate=not no_validate, shapes=shapes, engine=engine)
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
@engine_option
@click.pass_obj
def validate_command(
    settings: Settings,
    files: tuple[Path, ...],
    store_path: Path | None,
    shapes_dir: Path | None,
    format_name: str,
    fail_on: str,
    engine: str,
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
        report = validation.validate_graph(data, shapes, engine=engine)
    else:
        store = settings.open_store(path=store_path)
        report = validation.validate_store(store, shapes, engine=engine)
        data = datagraph.context_of(store, report.results)
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
    type=click.Choice([*sorted(exporting.FORMATS), "claimreview"]),
    default="trig",
    show_default=True,
    help="trig, nq and jsonld keep the named graphs; turtle and nt give their union; "
    "claimreview writes the fact-check reviews as schema.org ClaimReview JSON-LD.",
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
    if format_name == "claimreview":
        data = review_export.serialize(store)
        if output is not None:
            exporting.write_atomically(data, output)
            click.echo(f"wrote the fact-check reviews to {output} (ClaimReview JSON-LD)", err=True)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
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


def _remote(settings: Settings, query: str | None, update: str | None, gsp: str | None) -> RemoteStore:
    endpoint = settings.endpoint(_endpoint_overrides(query, update, gsp))
    if endpoint is None:
        raise click.UsageError(f"give the server with --endpoint URL (or ${config.ENV['query']}, or the config file)")
    store = RemoteStore(endpoint)
    settings.opened.append(store)
    return store


def _copy_with_progress(label: str, total: int, run) -> transfer.Copied:
    """Run a push or pull with a progress bar (in triples) on stderr."""
    with click.progressbar(length=max(total, 1), label=label, file=sys.stderr, show_pos=True) as bar:
        return run(lambda graph, count: bar.update(count))


batch_option = click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=transfer.DEFAULT_BATCH,
    show_default=True,
    help="Triples per request; a larger graph goes through a staging graph, then replaces the target in one MOVE.",
)


@cli.command()
@endpoint_options
@batch_option
@click.pass_obj
def push(
    settings: Settings, endpoint_query: str | None, endpoint_update: str | None, endpoint_gsp: str | None, batch: int
) -> None:
    """Copy every named graph of the embedded store (--store) to a SPARQL server.

    Graph by graph, each written whole or not at all; graphs already on the server are
    replaced, others are left alone. Running it again gives the same result. A failed
    run says which graphs were copied.
    """
    remote = _remote(settings, endpoint_query, endpoint_update, endpoint_gsp)
    local = settings.open_embedded()
    total = sum(transfer.sizes(local).values())
    copied = _copy_with_progress(
        f"push to {remote.location}", total, lambda tick: transfer.push(local, remote, batch=batch, progress=tick)
    )
    click.echo(f"pushed {len(copied.graphs)} graphs ({copied.triples} triples) to {remote.location}")


@cli.command()
@endpoint_options
@click.pass_obj
def pull(settings: Settings, endpoint_query: str | None, endpoint_update: str | None, endpoint_gsp: str | None) -> None:
    """Copy claimgraph's named graphs from a SPARQL server into the embedded store (--store).

    Reads the graphs whose IRIs start with https://w3id.org/claimgraph/; each replaces
    the local graph of the same name in one transaction. Running it again gives the
    same result. A failed run says which graphs were copied.
    """
    remote = _remote(settings, endpoint_query, endpoint_update, endpoint_gsp)
    local = settings.open_embedded(create=True)
    total = sum(transfer.sizes(remote).values())
    copied = _copy_with_progress(
        f"pull from {remote.location}", total, lambda tick: transfer.pull(remote, local, progress=tick)
    )
    click.echo(f"pulled {len(copied.graphs)} graphs ({copied.triples} triples) into {local.location}")


@cli.command()
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    help="Store folder to serve (default: the global --store).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--read-only", is_flag=True, help="Refuse updates; other programs may read the store meanwhile.")
@click.pass_obj
def serve(settings: Settings, store_path: Path | None, host: str, port: int, read_only: bool) -> None:
    """Serve the embedded store as a SPARQL endpoint with a query UI, until Ctrl-C.

    Runs Oxigraph's server over the store folder: query at /query, update at /update
    (unless --read-only), Graph Store Protocol at /store, a query UI at /. Its default
    graph is the union of the named graphs, as in claimgraph's own queries.
    """
    planned = serving.command(store_path or settings.store_path, host=host, port=port, read_only=read_only)
    click.echo(f"SPARQL endpoint {planned.query_url}, query UI {planned.base_url}/ (Ctrl-C stops)", err=True)
    process = subprocess.Popen(planned.argv, env={**os.environ, "RUST_BACKTRACE": "0"})
    stopping: list[int] = []

    def stop(signum: int, frame: object) -> None:  # SIGTERM to claimgraph stops the server too
        stopping.append(signum)
        process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return
    if code != 0 and not stopping:
        raise StoreError(f"the server stopped with exit code {code} (is the store in use, or the port taken?)")


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
    click.echo(f"Building the seed graph from {source} into {store.location}")
    outcome = ingest.add([source], store)
    _print_changes(outcome.changes, store, base=source.parent)
    click.echo("")
    click.echo(overview.render(store))
    click.echo("")
    click.echo(stats.render(stats.collect(store)))
    click.echo("")
    shapes = validation.load_shapes()
    report = validation.validate_store(store, shapes)
    data = datagraph.context_of(store, report.results)
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    if report.results:
        click.echo(f"Validation: the seed graph does not conform to the {shape_count} SHACL shapes:")
        _show_report(report, data, shapes, "human")
        sys.exit(1)
    click.echo(f"Validation: the seed graph ({len(store)} triples) conforms to all {shape_count} SHACL shapes.")
    contested = saved.execute(store, saved.load("contested-claims"))
    click.echo("")
    click.echo("Contested claims (saved query contested-claims):")
    click.echo(results.table(contested.variables, contested.rows))
    click.echo("")
    click.echo("The trace of Medinsky's accusation (claimgraph trace doc-2025-06-09/s8):")
    click.echo(tracing.render(tracing.trace(store, "doc-2025-06-09/s8")))


@cli.command(name="extract")
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--registry",
    "registries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A registry YAML file to resolve speakers and propositions against (repeatable).",
)
@click.option("--date", help="Publication date, YYYY-MM-DD (default: the text's 'date' header).")
@click.option("--publisher", help="The publisher: an actor id or a name in a registry (else proposed as a new actor).")
@click.option("--url", help="The article's URL.")
@click.option("--id", "document_id", help="Document id (default: made from the file name).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the draft to FILE; proposed actors go to FILE's stem + .new-actors.yaml beside it.",
)
@click.option(
    "--new-actors",
    "new_actors",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the proposed actors to this registry file instead (also with stdout output).",
)
def extract_command(
    article: Path,
    registries: tuple[Path, ...],
    date: str | None,
    publisher: str | None,
    url: str | None,
    document_id: str | None,
    output: Path | None,
    new_actors: Path | None,
) -> None:
    """Draft the annotation of a news ARTICLE (plain text) for review.

    Rules (no model, nothing downloaded) find who said what: speakers resolved against
    the --registry files (by name, alias, role title; "Kyiv" as a metonymic mention),
    reporting cues and speech acts, quote spans, dates, and what a denial, refutation or
    counter answers. The output is an annotation file that `claimgraph add` accepts once
    reviewed; a comment above each statement gives its sentence, the rule and a
    confidence. Its text-file path is relative to FILE's folder (with stdout, to the
    current folder: save the draft there).

    Speakers in no registry are proposed as new actors. With -o draft.yaml they are
    written to draft.new-actors.yaml, so that `claimgraph add draft.yaml
    draft.new-actors.yaml registry/` works; with stdout output they are only listed on
    stderr unless --new-actors FILE is given.
    """
    from kg import extraction

    draft = extraction.extract(article, registries, date=date, publisher=publisher, url=url, document_id=document_id)
    text = draft.annotation_yaml(output)
    actors_file = new_actors or (extraction.new_actors_path(output) if output is not None else None)
    if output is not None:
        exporting.write_atomically(text.encode("utf-8"), output)
    else:
        click.echo(text, nl=False)
    if draft.new_actors and actors_file is not None:
        exporting.write_atomically(draft.actors_yaml().encode("utf-8"), actors_file)
    names = ", ".join(a.id for a in draft.new_actors)
    where = f"wrote them to {actors_file}" if actors_file is not None else "not written (give -o or --new-actors)"
    if draft.new_actors:
        click.echo(f"proposed {len(draft.new_actors)} new actor(s): {names}; {where}", err=True)
    if output is not None:
        click.echo(f"wrote {len(draft.statements)} draft statements to {output}", err=True)


@cli.group(name="import")
def import_group() -> None:
    """Import fact-check verdicts: schema.org ClaimReview JSON-LD or Google Fact Check Tools output.

    Each file goes into its own named graph; re-importing a file replaces it, and an
    unchanged file changes nothing. Malformed records are reported and skipped (exit 1);
    an unreadable file stops the import before anything is written (exit 2).
    """


def _import(settings: Settings, kind: str, files: tuple[Path, ...], no_validate: bool, engine: str) -> None:
    store = settings.open_store(create=True)
    shapes = validation.load_shapes()
    try:
        outcome = review_import.import_files(files, store, kind, validate=not no_validate, shapes=shapes, engine=engine)
    except ShapeViolations as refused:
        _show_report(refused.report, refused.data, shapes, "human", err=True)
        raise
    for done in outcome.files:
        for skipped in done.skipped:
            click.echo(f"{done.path}: record {skipped.index}: {skipped.reason} (skipped)", err=True)
        graph = str(done.graph).removeprefix(ID)
        click.echo(
            f"{done.status:<9} {graph}  {done.claims} claims, {done.reviews} reviews, "
            f"{done.links} linked to statements' propositions, {len(done.skipped)} skipped  from {done.path}"
        )
    click.echo(f"The store {store.location} holds {len(store)} triples.")
    if outcome.skipped:
        raise RecordsSkipped(f"{outcome.skipped} malformed record(s) skipped; the others were imported")


def _import_command(kind: str, help_text: str) -> None:
    """Register ``import KIND``: both formats take the same options and go through ``_import``."""

    @import_group.command(name=kind, help=help_text)
    @click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
    @click.option("--no-validate", is_flag=True, help="Do not check the imported data against the SHACL shapes.")
    @engine_option
    @click.pass_obj
    def command(settings: Settings, files: tuple[Path, ...], no_validate: bool, engine: str) -> None:
        _import(settings, kind, files, no_validate, engine)


_import_command(
    "claimreview", "Import ClaimReview JSON-LD as fact-check pages embed it (one object, a list, or an @graph)."
)
_import_command("google-factcheck", 'Import Google Fact Check Tools claims:search responses ({"claims": [...]}).')


@cli.command(name="link")
@click.argument("review")
@click.argument("proposition")
@click.pass_obj
def link_command(settings: Settings, review: str, proposition: str) -> None:
    """Link a fact-check REVIEW to a PROPOSITION of the graph by hand (cg:reviewedProposition).

    Both are given as IRIs, CURIEs (id:review/...) or ids (review/..., a proposition id)
    and must exist. The link goes into the named graph of manual links, atomically;
    linking twice changes nothing.
    """
    store = settings.open_store()
    review_iri, proposition_iri, written = review_links.link(store, review, proposition)
    what = "linked" if written else "already linked"
    click.echo(f"{what}: {review_iri.value.removeprefix(ID)} reviews {proposition_iri.value.removeprefix(ID)}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="claimgraph")


if __name__ == "__main__":
    main()
