from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import FormatError
from kg.yamlfile import LineMapping, LineSequence, load_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_keys_and_items(tmp_path: Path) -> None:
    data = load_yaml(write(tmp_path, "a: 1\nlist:\n  - x\n  - {k: v}\nb: 2\n"))
    assert isinstance(data, LineMapping)
    assert data.line_of("a") == 1
    assert data.line_of("list") == 2
    assert data.line_of("b") == 5
    assert isinstance(data["list"], LineSequence)
    assert data["list"].line_of(0) == 3
    assert data["list"].line_of(1) == 4
    assert data["list"][1].line == 4


def test_dates_stay_text_and_on_is_not_a_boolean(tmp_path: Path) -> None:
    data = load_yaml(write(tmp_path, "on: 2025-06-09\nyes: no\nflag: true\n"))
    assert data == {"on": "2025-06-09", "yes": "no", "flag": True}


def test_impossible_date_is_left_for_the_checker(tmp_path: Path) -> None:
    # PyYAML's own timestamp resolver would raise a bare ValueError here.
    assert load_yaml(write(tmp_path, "date: 2025-13-40\n")) == {"date": "2025-13-40"}


def test_duplicate_key_is_located(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as err:
        load_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\n"))
    assert err.value.line == 3
    assert "duplicate key 'a'" in err.value.message


def test_malformed_yaml_is_located(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as err:
        load_yaml(write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))
    assert err.value.path and err.value.path.endswith("f.yaml")
    assert err.value.line is not None and err.value.line >= 2
    assert str(err.value).startswith(f"{err.value.path}:{err.value.line}: malformed YAML")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    with pytest.raises(FormatError, match="not UTF-8"):
        load_yaml(path)
