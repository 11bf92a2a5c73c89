"""``claimgraph``: build, check and query a graph of claims and counter-claims.

Each command is a few lines over :mod:`kg`; errors from the library become one line on
stderr and an exit code (0 ok, 1 problems found, 2 bad input or usage).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

import kg
from kg import export as exporting
from kg import ingest, overview, removal, stats
from kg.errors import ClaimgraphError
from kg.namespaces import ID
from kg.resources import examples_dir
from kg.store import DEFAULT_STORE, EmbeddedStore


@dataclass
class Settings:
    """What the global options chose, handed to every command."""

    store_path: Path

    def open_store(self, *, create: bool = False) -> EmbeddedStore:
        return EmbeddedStore(self.store_path, create=create)


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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Read and check everything, write nothing.")
@click.pass_obj
def add(settings: Settings, paths: tuple[Path, ...], dry_run: bool) -> None:
    """Add annotation YAML and RDF files (or folders of them) to the store.

    Each source document goes into its own named graph, each registry into its own;
    re-adding a changed file replaces its graph, re-adding the same file changes
    nothing. Reads YAML (.yaml, .yml), Turtle, TriG, N-Triples, N-Quads, JSON-LD and
    RDF/XML. The add is atomic: on any error nothing of it reaches the store.
    """
    if dry_run:
        existing = settings.open_store() if EmbeddedStore.exists(settings.store_path) else None
        compiled = ingest.plan(paths, existing)
        click.echo(
            f"ok: {len(compiled)} graphs, {sum(len(c.triples) for c in compiled)} triples; nothing written (dry run)"
        )
        return
    store = settings.open_store(create=True)
    _print_changes(ingest.add(paths, store), store)


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
    _print_changes(ingest.add([source], store), store, base=source.parent)
    click.echo("")
    click.echo(overview.render(store))
    click.echo("")
    click.echo(stats.render(stats.collect(store)))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="claimgraph")


if __name__ == "__main__":
    main()
