"""The benchmark runner runs end to end at a tiny size and prints its tables and verdicts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

TARGETS = (
    "add from RDF >= 150k triples/s",
    "full validation of 1M < 8 s",
    "one-document validation into 1M store <= 0.5 s",
    "interactive queries p50 <= 10 ms",
    "aggregate queries within 1.2x of direct",
    "10M: everything works",
)


def test_runner_prints_tables_and_a_verdict_per_target(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    command = [
        sys.executable,
        str(REPO / "benchmarks" / "run.py"),
        "--sizes",
        "1k",
        "--workdir",
        str(tmp_path / "work"),
        "--runs",
        "1",
        "--warmup",
        "0",
        "--repeats",
        "1",
        "--claimgraph-limit",
        "2",
        "--baseline-limit",
        "2",
        "--json",
        str(figures),
    ]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for heading in ("pyoxigraph", "command: ", "== 1k:", "add from RDF (triples/s)", "full validation (s)"):
        assert heading in out
    for query in ("who-said", "contested-claims", "single-source"):
        assert query in out
    verdicts = out[out.index("verdicts") :].splitlines()
    for target in TARGETS:
        line = next(line for line in verdicts if line.startswith(target))
        assert any(word in line for word in ("holds", "not met", "not run", "not measured")), line
    assert "not run" in next(line for line in verdicts if line.startswith("10M"))
    report = json.loads(figures.read_text(encoding="utf-8"))
    assert report["sizes"]["1k"]["claimgraph"]["add"]["rate"] > 0
    assert len(report["verdicts"]) == len(TARGETS)
