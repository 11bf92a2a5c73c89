"""The benchmark corpus generator makes valid, reproducible data in the project's model."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate


def test_generated_corpus_is_reproducible_and_near_the_asked_size() -> None:
    first, second = io.StringIO(), io.StringIO()
    count = generate(3000, first)
    generate(3000, second)
    assert first.getvalue() == second.getvalue()
    assert 2500 <= count <= 3500


def test_generated_corpus_conforms_to_the_shapes(run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.nq"
    with corpus.open("w", encoding="utf-8") as out:
        generate(3000, out)
    assert run("add", corpus).exit_code == 0  # validated on the way in
    result = run("validate", "--fail-on", "info")
    assert result.exit_code == 0, result.output
