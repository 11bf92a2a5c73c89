"""Shared fixtures: a CLI runner bound to a temporary store, and store snapshots."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store folder that does not exist yet."""
    return tmp_path / "store"


@pytest.fixture
def run(store_path: Path) -> Callable[..., Result]:
    """Run ``claimgraph --store STORE ARGS...`` in-process and return click's result."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, ["--store", str(store_path), *map(str, args)], catch_exceptions=False)

    return invoke


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (registry, annotation, article)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target
