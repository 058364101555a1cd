"""Validate tables at the boundary: every loader and compute function goes through here.

A schema is a tuple of :class:`Column`. :func:`validate_frame` returns a *new*, clean
DataFrame with the canonical column names and dtypes, or raises :class:`CRMDataError`
naming the source, the column, the first offending rows and the fix.
"""

from __future__ import annotations

import codecs
import csv
import numbers
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from crmlab.errors import CRMDataError

PLAIN_INTEGER = r"0|-?[1-9]\d{0,17}"  # ids read as numbers only when all look like this


def _plain_integers(text: pd.Series) -> bool:
    """The id policy: True when every id is a plain integer (no leading zeros, no gaps)."""
    return bool(text.notna().all() and text.str.fullmatch(PLAIN_INTEGER).all())
KINDS = ("id", "date", "amount", "number", "count", "category")
MAX_ROWS_SHOWN = 5
MAX_COUNT = 2**53  # whole numbers above this are not exact as floats, nor counts of anything


@dataclass(frozen=True)
class Column:
    """One expected column: its canonical name, kind and rules.

    ``kind`` is one of ``KINDS``: ``id`` (no missing values), ``date`` (parsed to
    datetime), ``amount`` (number >= 0), ``number`` (any finite number), ``count``
    (whole number >= 0), ``category`` (text).
    """

    name: str
    kind: str
    unique: bool = False
    required: bool = True


def _rows(bad: pd.Series, from_file: bool) -> str:
    """Describe the first offending rows: file line numbers, or index labels."""
    labels = list(bad[bad].index[:MAX_ROWS_SHOWN])
    more = int(bad.sum()) - len(labels)
    plural = "s" if len(labels) + max(more, 0) > 1 else ""
    if from_file:
        shown = ", ".join(str(int(pos) + 2) for pos in labels)  # +1 header, +1 one-based
        text = f"line{plural} {shown}"
    else:
        text = f"row{plural} {', '.join(map(str, labels))}"
    return text + (f" (and {more} more)" if more > 0 else "")


def _as_numbers(values: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return pd.Series(np.nan, index=values.index)
    return pd.to_numeric(values, errors="coerce").astype("float64")


ISO_DATE = (r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
            r"(?:Z|[+-]\d{2}:?\d{2})?")
OTHER_DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y",
                      "%d-%m-%Y", "%m-%d-%Y", "%d.%m.%y", "%d/%m/%y", "%m/%d/%y", "%y-%m-%d",
                      "%d-%m-%y", "%m-%d-%y")
TIME_SUFFIXES = ("", " %H:%M", " %H:%M:%S")
DATE_POLICY = ("dates are read as ISO (2024-01-05, 2024-01-05 10:00, 2024-01-05T10:00:00+08:00) "
               "or in one other format for the whole column when only one format fits every "
               "value; times with a zone (+08:00, Z) are converted to UTC and kept without a "
               "zone, and so are as_of / observation_end dates given with a zone")


def as_timestamp(value, name: str) -> pd.Timestamp:
    """A date argument (``as_of``, ``observation_end``) as a Timestamp without a zone: one
    with a zone is converted to UTC first, as dates in files are (see ``DATE_POLICY``).

    >>> as_timestamp("2025-01-01T02:00+08:00", "as_of")
    Timestamp('2024-12-31 18:00:00')
    """
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as err:
        raise CRMDataError(f"{name} is not a date: {value!r}", fix="e.g. '2025-12-31'") from err
    if stamp is pd.NaT:
        raise CRMDataError(f"{name} is not a date: {value!r}", fix="e.g. '2025-12-31'")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def _without_zone(parsed: pd.Series) -> pd.Series:
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        return parsed.astype("datetime64[ns]")
    except (ValueError, OverflowError):
        return pd.Series(pd.NaT, index=parsed.index, dtype="datetime64[ns]")


def _parse(text: pd.Series, date_format: str) -> pd.Series:
    try:
        return pd.to_datetime(text, format=date_format, errors="coerce",
                              utc=date_format == "ISO8601" or "%z" in date_format)
    except (ValueError, OverflowError, TypeError):  # out-of-range years and the like
        return pd.Series([pd.to_datetime(v, format=date_format, errors="coerce", utc=True)
                          for v in text], index=text.index)


def _fitting_formats(values: np.ndarray) -> list[str]:
    """The non-ISO formats that read every one of ``values``."""
    sample = pd.Series(values[:20_000])
    return [f + t for f in OTHER_DATE_FORMATS for t in TIME_SUFFIXES
            if pd.to_datetime(sample, format=f + t, errors="coerce").notna().all()]


def _as_dates(values: pd.Series, where: str = "", date_format: str | None = None) -> pd.Series:
    """Parse a date column by the one policy (``DATE_POLICY``); unreadable values become NaT.

    Day and month are never guessed row by row: a column such as 01/05/2024, 13/05/2024
    is read day first throughout; one that fits both orders raises :class:`CRMDataError`
    asking for ``date_format``.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return _without_zone(values)
    text = values.astype(str).str.strip()
    if date_format is None:
        distinct = pd.unique(text.to_numpy())
        if pd.Series(distinct).str.fullmatch(ISO_DATE).all():
            date_format = "ISO8601"
        else:
            fitting = _fitting_formats(distinct)
            if len(fitting) > 1 and len({f.split(" ")[0] for f in fitting}) > 1:
                examples = ", ".join(repr(v) for v in distinct[:3])
                raise CRMDataError(
                    f"the dates ({examples}, ...) fit more than one format: "
                    f"{', '.join(dict.fromkeys(f.split(' ')[0] for f in fitting))}; day and "
                    "month are never guessed", where=where,
                    fix=f"pass date_format='{fitting[0].split(' ')[0]}' or the format your "
                        "file uses, or write dates as YYYY-MM-DD")
            date_format = fitting[0] if fitting else "ISO8601"
    return _without_zone(_parse(text, date_format))


def _decoded(values: pd.Series, col: Column, where: str, date_format: str | None) -> pd.Series:
    """A categorical column as plain values, working on each distinct value once: ids as
    whole numbers when every id is a plain integer, else text; dates parsed."""
    categories = pd.Series(values.cat.categories.astype(str)).str.strip()
    codes = values.cat.codes.to_numpy()
    if col.kind == "date":
        parsed = _as_dates(categories, where, date_format).to_numpy()
        return pd.Series(parsed[codes], index=values.index, name=values.name)
    if col.kind == "id" and _plain_integers(categories):
        return pd.Series(categories.astype("int64").to_numpy()[codes], index=values.index,
                         name=values.name)
    return pd.Series(categories.to_numpy(dtype=object)[codes], index=values.index,
                     name=values.name)


def _validate_column(
    values: pd.Series, col: Column, source: str, from_file: bool,
    date_format: str | None = None,
) -> pd.Series:
    where = f"{source}, column '{col.name}'"
    missing = values.isna()
    if col.kind == "category":
        return values
    if missing.any():
        raise CRMDataError(
            f"{int(missing.sum())} missing value(s) at {_rows(missing, from_file)}",
            where=where,
            fix="fill in or drop those rows before loading",
        )
    original = values
    if isinstance(values.dtype, pd.CategoricalDtype):  # ids and dates as read from a file
        values = _decoded(values, col, where, date_format)
    if col.kind == "id":
        out = values
        if not pd.api.types.is_integer_dtype(values):
            out = values.astype(str).str.strip()
            if _plain_integers(out):  # else text, so "007" stays "007"
                out = out.astype("int64")
        if col.unique and out.duplicated().any():
            dup = out.duplicated(keep=False)
            raise CRMDataError(
                f"duplicate ids {sorted(set(out[dup].astype(str)))[:MAX_ROWS_SHOWN]} "
                f"at {_rows(dup, from_file)}",
                where=where,
                fix="each id must appear once in this table; remove or merge the duplicates",
            )
        return out
    if col.kind == "date":
        parsed = _as_dates(values, where, date_format)
        bad = parsed.isna()
        if bad.any():
            first = original[bad].iloc[0]
            shown = f"date_format={date_format!r}" if date_format else "one format"
            raise CRMDataError(
                f"cannot read {int(bad.sum())} date(s) with {shown}, e.g. {first!r}, at "
                f"{_rows(bad, from_file)}",
                where=where,
                fix="write dates as YYYY-MM-DD, or pass the format your file uses as "
                    "date_format= (e.g. '%d/%m/%Y')",
            )
        return parsed
    numbers = _as_numbers(values)
    bad = numbers.isna() | ~np.isfinite(numbers)
    if bad.any():
        first = values[bad].iloc[0]
        raise CRMDataError(
            f"{int(bad.sum())} value(s) are not numbers, e.g. {first!r}, at {_rows(bad, from_file)}",
            where=where,
            fix="use plain numbers with a '.' decimal point and no currency signs",
        )
    if col.kind in ("amount", "count"):
        negative = numbers < 0
        if negative.any():
            raise CRMDataError(
                f"{int(negative.sum())} negative value(s) at {_rows(negative, from_file)}",
                where=where,
                fix="amounts must be >= 0; keep refunds and returns out of this table",
            )
    if col.kind == "count":
        fractional = numbers != np.floor(numbers)
        if fractional.any():
            raise CRMDataError(
                f"{int(fractional.sum())} value(s) are not whole numbers at "
                f"{_rows(fractional, from_file)}",
                where=where,
                fix="counts must be whole numbers",
            )
        huge = numbers.abs() > MAX_COUNT
        if huge.any():
            raise CRMDataError(
                f"{int(huge.sum())} value(s) are too large for a count, e.g. "
                f"{float(numbers[huge].iloc[0]):g}, at {_rows(huge, from_file)}",
                where=where,
                fix=f"counts must be below {MAX_COUNT:,.0f}; check the units",
            )
        return numbers.astype("int64")
    return numbers


def validate_frame(
    frame: pd.DataFrame,
    schema: Sequence[Column],
    *,
    columns: Mapping[str, str] | None = None,
    source: str = "DataFrame",
    from_file: bool = False,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Return a clean copy of ``frame`` with the schema's columns, names and dtypes.

    ``columns`` maps the user's names to canonical ones (``{"CustomerID": "customer_id"}``);
    ``date_format`` (e.g. ``"%d/%m/%Y"``) reads dates the policy cannot decide on
    (``DATE_POLICY``).
    Extra columns are kept as they are. The caller's frame is never changed.

    >>> raw = pd.DataFrame({"CustomerID": [1, 2], "Spend": ["3.5", "4"]})
    >>> schema = (Column("customer_id", "id", unique=True), Column("amount", "amount"))
    >>> validate_frame(raw, schema, columns={"CustomerID": "customer_id", "Spend": "amount"})
       customer_id  amount
    0            1     3.5
    1            2     4.0
    """
    if not isinstance(frame, pd.DataFrame):
        raise CRMDataError(
            f"expected a pandas DataFrame, got {type(frame).__name__}",
            where=source,
            fix="pass a DataFrame, e.g. one from crmlab.datasets or pd.read_csv",
        )
    mapping = dict(columns or {})
    unknown = [name for name in mapping if name not in frame.columns]
    if unknown:
        raise CRMDataError(
            f"the column mapping names {unknown}, which the data does not have "
            f"(it has {[str(c) for c in frame.columns]})",
            where=source,
            fix="map existing column names to canonical ones",
        )
    data = frame.rename(columns=mapping)
    if data.columns.duplicated().any():
        raise CRMDataError(
            f"duplicate column names {sorted(set(map(str, data.columns[data.columns.duplicated()])))}",
            where=source,
            fix="give every column a distinct name (check the column mapping)",
        )
    missing = [c.name for c in schema if c.required and c.name not in data.columns]
    if missing:
        hint = ", ".join(f"'YourName': '{name}'" for name in missing)
        raise CRMDataError(
            f"missing column(s) {missing}; found {[str(c) for c in data.columns]}",
            where=source,
            fix=f"rename your columns or pass columns={{{hint}}}",
        )
    out = data if from_file else data.copy()  # a frame read from a file is ours to change
    for col in schema:
        if col.name in out.columns:
            out[col.name] = _validate_column(out[col.name], col, source, from_file, date_format)
    return out


ENCODINGS = ("utf-8-sig", "gb18030")  # tried in this order when a file has no BOM


def detect_encoding(path: Path) -> str:
    r"""The encoding of a text file: a BOM decides (UTF-8, UTF-16); else UTF-8 if the bytes
    decode, else GB18030 (a superset of GBK, what Excel on Chinese Windows writes).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "gbk.csv").write_bytes("城市,amount\n北京,1\n".encode("gbk"))
    19
    >>> detect_encoding(folder / "gbk.csv")
    'gb18030'
    """
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 saved without a BOM
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    for encoding in ENCODINGS:
        try:
            head.decode(encoding)
        except UnicodeDecodeError as err:
            if err.start >= len(head) - 4 and len(head) == 1 << 20:  # a character cut in two
                return encoding
            continue
        return encoding
    raise CRMDataError("cannot tell the file's text encoding (it is neither UTF-8, UTF-16 nor "
                       "GBK/GB18030)", where=str(path),
                       fix="pass encoding='...' (e.g. 'big5' or 'latin-1'), or save it as UTF-8")


def _header(path: Path, sep: str, encoding: str) -> list[str]:
    """The file's column names; a wrong delimiter or a repeated name raises."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        line = handle.readline()
    if sep not in line:
        for other in (";", "\t", "|"):
            if other in line:
                raise CRMDataError(
                    f"the header has no {sep!r} but does have {other!r}: the file looks "
                    f"{other!r}-separated",
                    where=str(path),
                    fix=f"pass sep={other!r}",
                )
    names = next(csv.reader([line.rstrip("\r\n")], delimiter=sep), [])
    names = [name.strip() for name in names]
    repeated = sorted({n for n in names if names.count(n) > 1 and n})
    if repeated:
        raise CRMDataError(f"the header names column(s) {repeated} more than once",
                           where=str(path), fix="give every column its own name")
    return names


READ_AS = {"amount": "float64", "number": "float64", "count": "float64"}  # the rest as text
COMPACT = ("id", "date")  # kept as categories while reading: each distinct value once
CHUNK_ROWS = 250_000


def _read_dtypes(header: list[str], schema: Sequence[Column],
                 columns: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """What each file column is read as (numbers as float64, the rest as text) and which
    columns are stored as categories chunk by chunk (ids and dates: 5 million rows of them
    then take little memory)."""
    kinds = {c.name: c.kind for c in schema}
    kind = {name: kinds.get(columns.get(name, name), "") for name in header}
    return ({name: READ_AS.get(k, "str") for name, k in kind.items()},
            [name for name, k in kind.items() if k in COMPACT])


def _check_arguments(path, columns, sep) -> None:
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise CRMDataError(f"the path must be text or a pathlib.Path, got "
                           f"{type(path).__name__}", fix="e.g. load_transactions('sales.csv')")
    if columns is not None and not isinstance(columns, Mapping):
        raise CRMDataError(f"columns must map your column names to the course's, got "
                           f"{type(columns).__name__}",
                           fix="e.g. columns={'CustomerID': 'customer_id'}")
    if not isinstance(sep, str) or len(sep) != 1:
        raise CRMDataError(f"sep must be one character, got {sep!r}",
                           fix="e.g. sep=',' or sep=';' or sep='\\t'")


def _fields_error(err: Exception, path: Path, sep: str, encoding: str,
                  header: list[str]) -> CRMDataError:
    """Name the first line with more fields than the header (the file's own numbering)."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=sep), start=1):
            if len(row) > len(header):
                return CRMDataError(
                    f"line {number} has {len(row)} fields, the header has {len(header)}",
                    where=str(path),
                    fix="remove the extra separators (a comma at the end of the line?) or "
                        "quote text that contains one")
    return CRMDataError(f"cannot parse the file ({err})", where=str(path),
                        fix="check the delimiter and quotes")


def read_table(
    path: str | Path,
    schema: Sequence[Column],
    *,
    columns: Mapping[str, str] | None = None,
    sep: str = ",",
    encoding: str | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Read a CSV file and validate it against ``schema`` (see :func:`validate_frame`).

    The encoding is detected (UTF-8 with or without BOM, UTF-16, GBK/GB18030) unless you
    pass ``encoding``. Empty files, a folder, an unreadable file, a wrong delimiter, a
    repeated column name, rows with extra fields and every column problem raise
    :class:`CRMDataError` that names the file.
    """
    _check_arguments(path, columns, sep)
    path = Path(path)
    if path.is_dir():
        raise CRMDataError("is a folder, not a file", where=str(path),
                           fix="give the path of the CSV file inside it")
    if not path.is_file():
        raise CRMDataError(
            "file not found", where=str(path), fix="check the path (relative to the notebook)"
        )
    if path.stat().st_size == 0:
        raise CRMDataError("the file is empty", where=str(path), fix="export the data again")
    header: list[str] = []
    try:
        encoding = _encoding(path, encoding)
        header = _header(path, sep, encoding)
        raw = _read_csv(path, sep, encoding, _read_dtypes(header, schema, dict(columns or {})))
    except PermissionError as err:
        raise CRMDataError("no permission to read the file", where=str(path),
                           fix="change the file's permissions or copy it somewhere you can read"
                           ) from err
    except pd.errors.EmptyDataError as err:
        raise CRMDataError(
            "the file has no header or rows", where=str(path), fix="export the data again"
        ) from err
    except pd.errors.ParserError as err:
        raise _fields_error(err, path, sep, encoding, header) from err
    except UnicodeDecodeError as err:
        raise CRMDataError(
            f"the file is not valid {encoding} text ({err.reason} at byte {err.start})",
            where=str(path), fix="pass the right encoding=..., or save it as UTF-8"
        ) from err
    if raw.empty:
        raise CRMDataError("the file has a header but no rows", where=str(path),
                           fix="export the data again")
    return validate_frame(raw, schema, columns=columns, source=str(path), from_file=True,
                          date_format=date_format)


def _encoding(path: Path, encoding: str | None) -> str:
    """The encoding to read ``path`` with: detected, or the one given, checked."""
    if encoding is None:
        return detect_encoding(path)
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, TypeError) as err:
        raise CRMDataError(f"unknown encoding {encoding!r}", where=str(path),
                           fix="e.g. encoding='utf-8', 'gb18030' or 'utf-16'") from err
    return "utf-8-sig" if name == "utf-8" else name  # a BOM is never part of a column name


def _read_csv(path: Path, sep: str, encoding: str,
              dtypes: tuple[dict[str, str], list[str]]) -> pd.DataFrame:
    """Read with compact dtypes, in chunks; if a number column holds text, read everything
    as text so that validation can say which rows are wrong. Rows with more fields than
    the header raise ``ParserError`` (pandas would otherwise take the first column as an
    index)."""
    options = {"sep": sep, "keep_default_na": True, "encoding": encoding, "index_col": False,
               "chunksize": CHUNK_ROWS}
    types, compact = dtypes
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            try:
                chunks = [_compacted(chunk, compact)
                          for chunk in pd.read_csv(path, dtype=types, **options)]
            except pd.errors.ParserError:
                raise
            except (ValueError, TypeError, OverflowError):
                chunks, compact = list(pd.read_csv(path, dtype=str, **options)), []
        except pd.errors.ParserWarning as warning:
            raise pd.errors.ParserError(f"rows have more fields than the header ({warning})"
                                        ) from warning
    if len(chunks) == 1:
        return chunks[0]
    return pd.DataFrame({name: _joined([c[name] for c in chunks]) if name in compact else
                         pd.concat([c[name] for c in chunks], ignore_index=True)
                         for name in chunks[0].columns})


def _compacted(chunk: pd.DataFrame, compact: list[str]) -> pd.DataFrame:
    """Ids that are all plain integers as int64 (the text is exactly str(number)); other
    ids and dates as categories, so each distinct text is stored once."""
    for name in compact:
        text = chunk[name]
        if _plain_integers(text):
            chunk[name] = text.astype("int64")
        else:
            chunk[name] = pd.Categorical(text)
    return chunk


def _joined(parts: list[pd.Series]) -> pd.Series:
    """One column from its chunks: numbers if every chunk is numbers, else categories."""
    if all(pd.api.types.is_integer_dtype(p) for p in parts):
        return pd.concat(parts, ignore_index=True)
    parts = [pd.Categorical(p.astype(str)) if pd.api.types.is_integer_dtype(p) else p.array
             for p in parts]
    return pd.Series(union_categoricals(parts, ignore_order=True))


def as_number(name: str, value, low: float | None = None, high: float | None = None) -> float:
    """``value`` as a float, or ``CRMDataError`` if it is not a finite number in [low, high].

    >>> as_number("margin", 0.25, 0, 1)
    0.25
    >>> as_number("margin", True)
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: margin must be a finite number, got True. Fix: ...
    """
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.number)) \
            or not np.isfinite(value):
        raise CRMDataError(f"{name} must be a finite number, got {value!r}",
                           fix=f"pass {name} as a number")
    if (low is not None and value < low) or (high is not None and value > high):
        raise CRMDataError(f"{name} must lie in [{low}, {high}], got {value!r}",
                           fix=f"check {name}")
    return float(value)


def as_numbers(values, name: str) -> pd.Series:
    """A number, list, array, dict or Series as a float Series (a number becomes one row);
    ``CRMDataError`` names the rows that are missing or not numbers.

    >>> as_numbers([1, "2"], "spend").tolist()
    [1.0, 2.0]
    >>> as_numbers(pd.Series([1.0, None], index=["a", "b"]), "spend")
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: spend has missing or non-numeric values at rows ['b']. Fix: ...
    """
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, (numbers.Real, np.number)) and not isinstance(values, bool):
        series = pd.Series([values])
    elif isinstance(values, (list, tuple, np.ndarray, dict)):
        series = pd.Series(values)
    else:
        raise CRMDataError(f"{name} must be numbers or a Series of numbers, got "
                           f"{type(values).__name__}", fix=f"pass {name} as a pandas Series")
    result = pd.to_numeric(series, errors="coerce").astype(float)
    bad = ~np.isfinite(result)
    if bad.any():
        raise CRMDataError(f"{name} has missing or non-numeric values at rows "
                           f"{list(series.index[bad][:5])}", fix="fill or drop those rows")
    return result


def aligned(left, right, names: tuple[str, str]):
    """Two arguments lined up by label: two Series with the same labels in another order are
    put in ``left``'s order; Series whose labels differ are refused (a customer must never
    get another customer's value). Anything else passes through.

    >>> a, b = aligned(pd.Series([1, 2], index=["x", "y"]), pd.Series([4, 3], index=["y", "x"]),
    ...                ("a", "b"))
    >>> b.tolist()
    [3, 4]
    """
    if not (isinstance(left, pd.Series) and isinstance(right, pd.Series)) \
            or left.index.equals(right.index):
        return left, right
    if left.index.is_unique and right.index.is_unique and set(left.index) == set(right.index):
        return left, right.reindex(left.index)
    extra = [label for label in right.index if label not in set(left.index)][:3]
    raise CRMDataError(f"{names[0]} and {names[1]} have different index labels (e.g. {extra} "
                       f"only in {names[1]})", fix="pass two columns of the same table, or "
                       "align them first (e.g. with .reindex)")


def matching_ids(left: pd.DataFrame, right: pd.DataFrame, column: str, names: tuple[str, str]
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two validated tables whose ``column`` ids have one type, so that they join: when one
    side was read as whole numbers and the other as text (``1, 2`` and ``1, 2, G1``), both
    become text. A join in which no id matches raises :class:`CRMDataError` instead of
    silently giving zeros.

    >>> a = pd.DataFrame({"customer_id": [1, 2]})
    >>> b = pd.DataFrame({"customer_id": ["1", "G1"]})
    >>> [t["customer_id"].tolist() for t in matching_ids(a, b, "customer_id", ("a", "b"))]
    [['1', '2'], ['1', 'G1']]
    """
    ids = [frame[column] for frame in (left, right)]
    if pd.api.types.is_integer_dtype(ids[0]) != pd.api.types.is_integer_dtype(ids[1]):
        left, right = (frame.assign(**{column: frame[column].astype(str)})
                       for frame in (left, right))
    if len(left) and len(right) and not left[column].isin(right[column]).any():
        raise CRMDataError(
            f"no {column} of {names[0]} appears in {names[1]} (e.g. "
            f"{left[column].iloc[0]!r} and {right[column].iloc[0]!r}), so joining them would "
            "give nothing but zeros", where=f"{names[0]} and {names[1]}",
            fix="check that both tables come from the same source and use the same ids")
    return left, right


def require_columns(frame, names: Sequence[str], where: str, fix: str) -> pd.DataFrame:
    """``frame`` itself if it is a DataFrame with every column in ``names``; otherwise
    ``CRMDataError`` naming what is missing.

    >>> require_columns(pd.DataFrame({"a": [1]}), ["a"], "table", "add it").columns.tolist()
    ['a']
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "table", "add it")
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: table: missing column(s) ['b']; found ['a']. Fix: add it.
    """
    if not isinstance(frame, pd.DataFrame):
        raise CRMDataError(f"expected a pandas DataFrame, got {type(frame).__name__}",
                           where=where, fix=fix)
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise CRMDataError(f"missing column(s) {missing}; found {[str(c) for c in frame.columns]}",
                           where=where, fix=fix)
    return frame


def as_cuts(cuts, name: str, *, count: int | None = 2, low: float = 0.0, high: float = 1.0,
            high_open: bool = False, example: str = "(0.2, 0.9)") -> tuple[float, ...]:
    """``cuts`` as a tuple of floats that rise strictly, each above ``low`` and at most
    ``high`` (below it with ``high_open=True``); ``count`` of them unless None.

    >>> as_cuts([0.5, 0.8], "thresholds")
    (0.5, 0.8)
    >>> as_cuts((0.8, 0.5), "thresholds")
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: thresholds must be 2 numbers that rise strictly (put the smaller ...
    """
    bound = "" if np.isinf(high) else f" and {'below' if high_open else 'at most'} {high}"
    rule = (f"{name} must be {count or 'some'} numbers that rise strictly (put the smaller "
            f"cut first), each above {low}{bound}; got {cuts!r}")
    try:
        values = tuple(float(c) for c in cuts)
    except (TypeError, ValueError) as err:
        raise CRMDataError(rule, fix=f"e.g. {example}") from err
    inside = all(np.isfinite(c) and low < c and (c < high if high_open else c <= high)
                 for c in values)
    rising = all(a < b for a, b in zip(values, values[1:], strict=False))
    if not values or (count and len(values) != count) or not inside or not rising:
        raise CRMDataError(rule, fix=f"e.g. {example}")
    return values
