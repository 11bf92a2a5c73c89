"""Read a document's text, with the optional ``date YYYY-MM-DD`` header of the seed files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.dates import parse_date
from kg.errors import FormatError

_HEADER = re.compile(r"\A\s*date\s+(\S+)\s+")


@dataclass(frozen=True)
class SourceText:
    """The document text offsets count into, and the date its header gave."""

    text: str
    date: str | None


def split_header(raw: str, path: Path) -> SourceText:
    """Remove a leading ``date YYYY-MM-DD`` header, checking the date."""
    match = _HEADER.match(raw)
    if match is None:
        return SourceText(text=raw, date=None)
    date = parse_date(match.group(1), what="text header date", path=path, line=1)
    return SourceText(text=raw[match.end() :], date=date)


def read_text_file(path: Path) -> SourceText:
    """Read a UTF-8 text file exactly (line endings kept) and split off its header."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            raw = handle.read()
    except FileNotFoundError as exc:
        raise FormatError("text file not found", path=path) from exc
    except UnicodeDecodeError as exc:
        raise FormatError(f"text file is not UTF-8 ({exc.reason})", path=path) from exc
    except OSError as exc:
        raise FormatError(f"cannot read text file: {exc.strerror}", path=path) from exc
    return split_header(raw, path)
