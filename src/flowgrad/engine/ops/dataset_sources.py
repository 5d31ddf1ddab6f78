"""More of tf.data's graph ops: ExperimentalRandomDataset and ExperimentalCSVDataset (the
ReduceJoin string op list_files builds its error message with is in strings.py).

The CSV reader follows TF 1.14's CSVDatasetOp: records end at an unquoted LF, CR or CRLF
(or the end of the file); a field starting with a quote (when `use_quote_delim`) runs to
the next lone quote, "" standing for one quote; every field of a record is parsed before
the first error of the record is raised, and the iterator stays usable after it (so
ignore_errors skips just that record).
"""
from __future__ import annotations

import re

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import _records
from . import strings as _strings  # noqa: F401 - registers ReduceJoin (list_files)
from .dataset_core import (DatasetValue, _fresh_seeds, _Samples, _scalar, register_dataset_op,
                           seed_value)

__all__ = []


# -- ExperimentalRandomDataset -------------------------------------------------------------
def _random(args, attrs, fns):
    """Each iterator draws uint32 words (as int64) from Philox keyed by the seeds, one
    word per element, without end."""
    seed, seed2 = _fresh_seeds(int(_scalar(args[0])), int(_scalar(args[1])))

    def it():
        gen = _Samples(seed, seed2)
        while True:
            yield (np.array(gen(), dtype=np.int64),)
    dv = DatasetValue(it)
    dv.src = (_random, [seed_value(seed), seed_value(seed2)], attrs, fns)  # the seeds drawn
    return dv


register_dataset_op("ExperimentalRandomDataset", _random)


# -- ExperimentalCSVDataset ------------------------------------------------------------------
_INT = re.compile(rb"\s*[+-]?[0-9]+\s*\Z")
_FLOAT = re.compile(rb"\s*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|"
                    rb"inf|infinity|nan)\s*\Z", re.IGNORECASE)
_LIMITS = {"int32": (-2 ** 31, 2 ** 31 - 1), "int64": (-2 ** 63, 2 ** 63 - 1)}
_KIND = {"int32": "int32", "int64": "int64", "float32": "float", "float64": "double"}


class _Record:
    """One record's parse: its field values (bytes) and its first error."""

    __slots__ = ("fields", "error")

    def __init__(self):
        self.fields = []
        self.error = None

    def fail(self, msg):
        if self.error is None:
            self.error = msg


def _parse_records(data, delim, quote):
    """Yields a _Record per CSV record of `data` (bytes), as TF's CSVDatasetOp splits them."""
    n = len(data)
    pos = 0
    dq = ord('"')
    cr, lf = 13, 10
    while pos < n:
        rec = _Record()
        end = False
        while not end:
            if pos >= n:            # the previous field ended at a delimiter at the end
                rec.fields.append(b"")
                break
            if quote and data[pos] == dq:
                start = pos + 1
                pos += 1
                bad = False
                while True:
                    if pos >= n:
                        rec.error = "Reached end of file without closing quoted field in record"
                        rec.fields = None
                        yield rec
                        return
                    if data[pos] != dq:
                        pos += 1
                        continue
                    close = pos
                    pos += 1
                    if pos >= n:
                        end = True
                        break
                    nxt = data[pos]
                    pos += 1
                    if nxt == delim:
                        break
                    if nxt in (lf, cr):
                        end = True
                        if nxt == cr and pos < n and data[pos] == lf:
                            pos += 1
                        break
                    if nxt != dq:
                        bad = True
                        rec.fail("Quote inside a string has to be escaped by another quote")
                if not bad:
                    rec.fields.append(data[start:close].replace(b'""', b'"'))
            else:
                start = pos
                while True:
                    if pos >= n:
                        end = True
                        rec.fields.append(data[start:pos])
                        break
                    ch = data[pos]
                    if ch == delim:
                        rec.fields.append(data[start:pos])
                        pos += 1
                        break
                    if ch in (lf, cr):
                        rec.fields.append(data[start:pos])
                        end = True
                        pos += 1
                        if ch == cr and pos < n and data[pos] == lf:
                            pos += 1
                        break
                    if quote and ch == dq:
                        rec.fail("Unquoted fields cannot have quotes inside")
                    pos += 1
        yield rec


def _convert(field, k, dtype, default, na_value):
    if field is None:
        return None, None
    if field == b"" or field == na_value:
        if default.size != 1:
            return None, f"Field {k} is required but missing in record!"
        return default.reshape(())[()], None
    name = dtype.name
    if dtype is _dt.string:
        return field, None
    if name in _LIMITS:
        if _INT.match(field) is None:
            return None, f"Field {k} in record is not a valid {name}: {field.decode('latin-1')}"
        v = int(field)
        lo, hi = _LIMITS[name]
        if not lo <= v <= hi:
            return None, f"Field {k} in record is not a valid {name}: {field.decode('latin-1')}"
        return v, None
    if _FLOAT.match(field) is None:
        return None, (f"Field {k} in record is not a valid {_KIND[name]}: "
                      f"{field.decode('latin-1')}")
    return float(field), None


class _CsvIter:
    """The records of the files in order, converted; an error ends one record only."""

    def __init__(self, files, opts):
        self.files = list(files)
        self.opts = opts
        self.recs = None
        self.index = 0

    def __iter__(self):
        return self

    def _open(self, path):
        o = self.opts
        data = _records.open_read(path, o["compression"])
        recs = _parse_records(data, o["delim"], o["quote"])
        if o["header"]:
            first = next(recs, None)
            if first is not None and first.fields is None:
                raise errors.InvalidArgumentError(None, None, "Can't read header of file")
        return recs

    def __next__(self):
        o = self.opts
        while True:
            if self.recs is None:
                if self.index >= len(self.files):
                    raise StopIteration
                self.recs = self._open(self.files[self.index])
            rec = next(self.recs, None)
            if rec is None:
                self.recs = None
                self.index += 1
                continue
            return self._values(rec, o)

    def _values(self, rec, o):
        types, defaults, select = o["types"], o["defaults"], o["select"]
        err = rec.error
        out = []
        fields = rec.fields if rec.fields is not None else []
        if rec.fields is not None:
            if select:
                fields = [f for i, f in enumerate(fields) if i in select]
            for f in fields:
                k = len(out)
                if k >= len(types):
                    err = err or f"Expect {len(types)} fields but have more in record"
                    break
                v, e = _convert(f, k, types[k], defaults[k], o["na_value"])
                out.append(v)
                if e is not None and err is None:
                    err = e
        if err is None and len(out) != len(types):
            err = f"Expect {len(types)} fields but have {len(out)} in record"
        if err is not None:
            raise errors.InvalidArgumentError(None, None, err)
        return tuple(np.array(v, dtype=object) if t is _dt.string else
                     np.array(v, dtype=t.as_numpy_dtype) for v, t in zip(out, types))


def _csv(args, attrs, fns):
    files, compression, _buffer, header, delim, quote, na_value, select = args[:8]
    defaults = [np.asarray(d) for d in args[8:]]
    types = list(attrs["output_types"])
    sel = [int(c) for c in np.asarray(select).reshape(-1)]
    if sel and len(sel) != len(types):
        raise errors.InvalidArgumentError(None, None, "select_cols should match output size")
    for a, b in zip(sel, sel[1:]):
        if b <= a:
            raise errors.InvalidArgumentError(
                None, None, "select_cols should be strictly increasing indices")
    if sel and sel[0] < 0:
        raise errors.InvalidArgumentError(None, None, "select_cols should be non-negative "
                                          "indices")
    d = _scalar(delim)
    d = d if isinstance(d, bytes) else str(d).encode()
    if len(d) != 1:
        raise errors.InvalidArgumentError(None, None, "field_delim should be only 1 char")
    na = _scalar(na_value)
    comp = _scalar(compression)
    opts = {"compression": comp.decode() if isinstance(comp, bytes) else str(comp),
            "header": bool(_scalar(header)), "delim": d[0], "quote": bool(_scalar(quote)),
            "na_value": na if isinstance(na, bytes) else str(na).encode(),
            "select": set(sel), "types": types, "defaults": defaults}
    names = [f.decode() if isinstance(f, bytes) else str(f)
             for f in np.asarray(files).reshape(-1)]
    return DatasetValue(lambda: _CsvIter(names, opts))


register_dataset_op("ExperimentalCSVDataset", _csv)


# -- DatasetToSingleElement ------------------------------------------------------------------
def _single_element_infer(inputs, attrs):
    return [(t, TensorShape(s)) for t, s in zip(attrs["output_types"], attrs["output_shapes"])]


def _single_element_bind(node, ctx):
    n = len(node.attrs["output_types"])

    def single(dataset):
        it = dataset.iterate()
        first = next(it, None)
        if first is None:
            raise errors.InvalidArgumentError(None, None, "Dataset was empty.")
        if next(it, None) is not None:
            raise errors.InvalidArgumentError(None, None,
                                              "Dataset had more than one element.")
        out = [np.array(c, copy=True) for c in first]
        return out[0] if n == 1 else tuple(out)
    return single


register_op("DatasetToSingleElement", infer=_single_element_infer, bind=_single_element_bind,
            grad=None, stateful=True)
