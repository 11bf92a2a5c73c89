from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import AnnotationError
from kg.textsource import read_text_file, split_header


def test_seed_style_header_on_the_same_line() -> None:
    source = split_header(" date 2025-06-09 On Monday, June 9, Ukraine", Path("a.txt"))
    assert source.date == "2025-06-09"
    assert source.text == "On Monday, June 9, Ukraine"


def test_header_on_its_own_line_and_no_header() -> None:
    assert split_header("date 2025-06-14\n\nBody\n", Path("a.txt")).text == "Body\n"
    plain = split_header("Body without header\n", Path("a.txt"))
    assert (plain.text, plain.date) == ("Body without header\n", None)


def test_bad_header_date_is_located(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2025-02-30 Text", encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        read_text_file(path)
    assert err.value.line == 1 and "2025-02-30" in err.value.message


def test_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"date 2025-01-01\r\nOne\r\nTwo")
    assert read_text_file(path).text == "One\r\nTwo"
