"""What every ``newsgraph`` command shares: one-line errors on stderr, escaped text, option
callbacks, money as people read it (:func:`~pipeline.output.html.money_text`), and rows
printed as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NoReturn

import click

from .output.html import money_text

#: an amount as people read it ("1,800,000,000 EUR")
money = money_text

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    r"""Text safe to print: control characters (terminal escapes, a newline in a file name)
    written as escapes.

    >>> printable("a\x1b]0;x\x07b\nnewsgraph: c")
    'a\\x1b]0;x\\x07b\\nnewsgraph: c'
    """
    return _UNPRINTABLE.sub(lambda m: repr(m.group(0))[1:-1], text)


def say(kind: str, message: str) -> None:
    """One line on stderr: ``newsgraph: <kind>: <message>``, escaped."""
    click.echo(f"newsgraph: {kind}: {printable(message)}", err=True)


def fail(message: str) -> NoReturn:
    """Say ``message`` as an error and exit with status 1."""
    say("error", message)
    sys.exit(1)


def regex_option(_ctx: click.Context, _param: click.Parameter, value: str | None
                 ) -> str | None:
    """A click callback: ``value`` must compile as a regular expression."""
    if value is None:
        return None
    try:
        re.compile(value)
    except re.error as exc:
        raise click.BadParameter(f"not a valid regular expression ({exc})") from None
    return value


def date_option(_ctx: click.Context, _param: click.Parameter, value: str | None
                ) -> date | None:
    """A click callback: ``value`` as a ``YYYY-MM-DD`` date."""
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def emit(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> bool:
    """Print ``rows`` as JSON (one array) or CSV (a header, then ``columns``) when ``fmt``
    asks for it and say True; False leaves the plain text to the caller. A list in a cell is
    "; "-joined in CSV."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), indent=2, ensure_ascii=False))
        return True
    if fmt == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(columns)
        for row in rows:
            out.writerow(["; ".join(map(str, v)) if isinstance(v, list) else
                          "" if v is None else v for v in (row.get(c) for c in columns)])
        return True
    return False


def format_options(f: Any) -> Any:
    """``--json`` and ``--csv`` as one ``fmt`` argument (``text`` by default)."""
    f = click.option("--csv", "fmt", flag_value="csv", help="Print the rows as CSV.")(f)
    f = click.option("--json", "fmt", flag_value="json", help="Print the rows as JSON.")(f)
    return click.option("--text", "fmt", flag_value="text", default=True, hidden=True)(f)
