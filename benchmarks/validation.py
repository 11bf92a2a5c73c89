"""Time SHACL validation: a full validation, and validating one added document.

For the seed graph and for a generated corpus (about 100k triples by default), prints
one table: how long a full ``claimgraph validate`` of the store takes, and how long an
``add`` of one document takes with and without validation (an add validates only the
new graph and the stored data it touches).

    python benchmarks/validation.py                 # seed + 100k
    python benchmarks/validation.py --triples 20000 # a quicker run
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from kg import datagraph, ingest, validation
from kg.removal import remove
from kg.resources import examples_dir
from kg.store import EmbeddedStore


def timed(action):
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def full_validation(store: EmbeddedStore) -> tuple[float, float, int]:
    """Seconds to build the data graph, seconds to validate, number of results."""
    load, data = timed(lambda: datagraph.union_graph(store))
    check, report = timed(lambda: validation.validate_graph(data, validation.load_shapes()))
    return load, check, len(report.results)


def one_document(store: EmbeddedStore, document_id: str, source: Path) -> tuple[float, float]:
    """Seconds to re-add one document without and with validation."""
    remove(store, document_id)
    plain, _ = timed(lambda: ingest.add([source], store, validate=False))
    remove(store, document_id)
    checked, _ = timed(lambda: ingest.add([source], store, validate=True))
    return plain, checked


def measure(name: str, store: EmbeddedStore, document_id: str, source: Path) -> dict[str, object]:
    """One table row: full validation of ``store``, then re-adding one document."""
    load, check, results = full_validation(store)
    plain, checked = one_document(store, document_id, source)
    return {
        "name": name,
        "triples": len(store),
        "load": load,
        "validate": check,
        "results": results,
        "add": plain,
        "add+validate": checked,
    }


def seed_case(workdir: Path) -> dict[str, object]:
    store = EmbeddedStore(workdir / "seed-store")
    examples = examples_dir()
    ingest.add([examples], store, validate=False)
    return measure("seed", store, "up-2025-06-14", examples / "annotations" / "2025-06-14-ukrainska-pravda.yaml")


def generated_case(workdir: Path, triples: int) -> dict[str, object]:
    corpus = workdir / "corpus.nq"
    with corpus.open("w", encoding="utf-8") as out:
        generate(triples, out)
    store = EmbeddedStore(workdir / "generated-store")
    ingest.add([corpus], store, validate=False)
    # one document of the corpus, written to its own file so it can be re-added
    graph = ox.NamedNode("https://w3id.org/claimgraph/id/graph/document/doc0")
    single = workdir / "doc0.nq"
    buffer = io.BytesIO()
    ox.serialize(list(store.quads(graph)), buffer, format=ox.RdfFormat.N_QUADS)
    single.write_bytes(buffer.getvalue())
    return measure(f"generated ~{triples // 1000}k", store, "doc0", single)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="size of the generated corpus (default 100000)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    try:
        rows = [seed_case(workdir), generated_case(workdir, args.triples)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    columns = ("corpus", "triples", "union->rdflib", "full validate", "results", "add 1 doc", "add+validate")
    widths = (-16, 9, 14, 14, 8, 10, 13)
    print(" ".join(f"{name:<{-w}}" if w < 0 else f"{name:>{w}}" for name, w in zip(columns, widths, strict=True)))
    for row in rows:
        print(
            f"{row['name']:<16} {row['triples']:>9} {row['load']:>13.2f}s {row['validate']:>13.2f}s {row['results']:>8}"
            f" {row['add']:>9.3f}s {row['add+validate']:>12.3f}s"
        )


if __name__ == "__main__":
    main()
