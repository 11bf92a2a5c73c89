"""Calendar dates as annotation files write them: ``YYYY-MM-DD``, checked for real."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kg.errors import AnnotationError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: object, *, what: str, path: Path | str, line: int | None) -> str:
    """Return ``value`` as an ISO date string, or raise a located :class:`AnnotationError`."""
    text = str(value).strip() if value is not None else ""
    if _ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return text
    raise AnnotationError(
        f"invalid date {text!r} for {what!r} (expected a real date as YYYY-MM-DD)",
        path=path,
        line=line,
    )
