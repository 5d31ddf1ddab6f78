"""ExperimentalSqlDataset (tf.data.experimental.SqlDataset, TF 1.14) on the standard
library's sqlite3: the rows of a query, one scalar per column, converted as TF's kernel
converts them (sqlite3_column_int / _int64 / _double / _text: integers wrap to the
output type's width, NULL is 0, 0.0 or b"").

The database is opened read-only (a `file:` URI with mode=ro; the path is quoted, so it
cannot add URI parameters) and an authorizer lets the statement read only: no writes,
ATTACH, PRAGMA or extensions. A path that does not exist is read as an empty database
(TF's SQLite creates the file; flowgrad writes nothing), so the query fails as TF's
does ("no such table"). Rows are pulled as the iterator asks for them.
"""
from __future__ import annotations

import os
import sqlite3
import urllib.parse

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from .dataset_core import DatasetValue, register_dataset_op

__all__ = []

_INTS = {_dt.int8: np.int8, _dt.int16: np.int16, _dt.int32: np.int32, _dt.int64: np.int64,
         _dt.uint8: np.uint8, _dt.uint16: np.uint16}
_ALLOWED = "DT_STRING, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_BOOL, " \
           "DT_DOUBLE"
# sqlite3 authorizer actions a read-only query needs
_READ_ACTIONS = frozenset((sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ,
                           sqlite3.SQLITE_FUNCTION, getattr(sqlite3, "SQLITE_RECURSIVE", 33)))


def _text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def _authorize(action, *_):
    return sqlite3.SQLITE_OK if action in _READ_ACTIONS else sqlite3.SQLITE_DENY


def _connect(path):
    if not os.path.exists(path):
        conn = sqlite3.connect(":memory:")
    else:
        uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True)
        except sqlite3.Error as e:
            raise errors.UnknownError(None, None, f"Sqlite::Open({path}) failed: {e}") \
                from None
    conn.text_factory = bytes
    conn.set_authorizer(_authorize)
    return conn


def _prepare_error(e, query):
    code = getattr(e, "sqlite_errorcode", 1)
    return errors.UnknownError(None, None, f"Prepare() failed: [{code}] {e}: {query}")


def _cast(t):
    if t in _INTS or t is _dt.bool_:
        return "INTEGER"
    return "REAL" if t is _dt.float64 else "TEXT"


def _convert(value, t):
    if t is _dt.string:
        return np.array(b"" if value is None else
                        value if isinstance(value, bytes) else str(value).encode(), dtype=object)
    if t is _dt.float64:
        return np.array(0.0 if value is None else float(value), dtype=np.float64)
    v = 0 if value is None else int(value)
    if t is _dt.bool_:
        return np.array(v != 0, dtype=np.bool_)
    return np.array(v, dtype=np.int64).astype(_INTS[t])


def _rows(path, query, types):
    conn = _connect(path)
    try:
        try:
            cur = conn.execute(query)
        except sqlite3.DatabaseError as e:
            if "not authorized" in str(e):   # a statement that writes: no result columns
                raise errors.InvalidArgumentError(
                    None, None, f"The number of columns in query (0) must match the number "
                    f"of elements in output_types ({len(types)}).") from None
            raise _prepare_error(e, query) from None
        ncols = len(cur.description or ())
        cur.close()
        if ncols != len(types):
            raise errors.InvalidArgumentError(
                None, None, f"The number of columns in query ({ncols}) must match the number "
                f"of elements in output_types ({len(types)}).")
        # the conversions by SQLite itself (CAST is what sqlite3_column_* do)
        cols = ", ".join(f"c{i}" for i in range(ncols))
        casts = ", ".join(f"CAST(c{i} AS {_cast(t)})" for i, t in enumerate(types))
        try:
            cur = conn.execute(f"WITH flowgrad_q({cols}) AS ({query}) SELECT {casts} "
                               "FROM flowgrad_q")
        except sqlite3.DatabaseError as e:
            raise _prepare_error(e, query) from None
        while True:
            try:
                row = cur.fetchone()
            except sqlite3.DatabaseError as e:
                raise errors.UnknownError(None, None, f"Step() failed: {e}") from None
            if row is None:
                return
            yield tuple(_convert(v, t) for v, t in zip(row, types))
    finally:
        conn.close()


def _sql(args, attrs, fns):
    driver, path, query = (_text(np.asarray(a).reshape(()).item()) for a in args)
    types = list(attrs["output_types"])
    for t in types:
        if t is not _dt.string and t is not _dt.float64 and t is not _dt.bool_ and \
                t not in _INTS:
            raise errors.InvalidArgumentError(
                None, None, f"Each element of `output_types_` must be one of: {_ALLOWED} ")
    if driver != "sqlite":
        raise errors.InvalidArgumentError(
            None, None, f"The database type, {driver}, is not supported by SqlDataset. The "
            "set of supported databases is: {'sqlite'}.")
    return DatasetValue(lambda: _rows(path, query, types))


register_dataset_op("ExperimentalSqlDataset", _sql)
