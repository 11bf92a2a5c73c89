"""A built wheel carries ontology/, shapes/, queries/ and examples/ and works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("claimgraph-*.whl")
    return built


def test_wheel_contains_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "kg/resources/ontology/claimgraph.ttl",
        "kg/resources/ontology/context.jsonld",
        "kg/resources/examples/registry/actors.yaml",
        "kg/resources/examples/articles/2025-06-09-prisoner-exchange.txt",
        "cli/main.py",
    ):
        assert required in names, required
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "claimgraph = cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_runs_the_demo_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("CLAIMGRAPH_STORE", None)
    where = subprocess.run(
        [sys.executable, "-c", "import kg.resources as r; print(r.ontology_path())"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(target))
    demo = subprocess.run([sys.executable, "-m", "cli", "demo"], cwd=workdir, env=env, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    assert "Government of Ukraine (as 'Kyiv') denies Vladimir Medinsky" in demo.stdout
    assert (workdir / "claimgraph-store" / "CURRENT").exists()  # the default store, in the working directory
