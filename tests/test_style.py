"""The code stays lint-clean and formatted (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO

PATHS = ["kg", "cli", "tests"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("ruff")
    command = [executable] if executable else [sys.executable, "-m", "ruff"]
    return subprocess.run([*command, *args, *PATHS], cwd=REPO, capture_output=True, text=True)


@pytest.mark.skipif(not (REPO / "pyproject.toml").exists(), reason="needs the source tree")
def test_ruff_check_passes() -> None:
    result = ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (REPO / "pyproject.toml").exists(), reason="needs the source tree")
def test_ruff_format_is_clean() -> None:
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
