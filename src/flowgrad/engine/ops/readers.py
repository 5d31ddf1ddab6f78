"""Readers as graph ops (TF 1.14's TextLineReaderV2, WholeFileReaderV2,
FixedLengthRecordReaderV2, TFRecordReaderV2 and ReaderReadV2 & co), plus ReadFile
and WriteFile.

A reader is a per-session resource (like a queue, engine/ops/queues.py): it takes
file names from a queue of strings one "work unit" at a time and produces
(key, value) records from the current file, as TF's ReaderBase: keys are
`file:line` (text lines, counted from 1, skipped header lines included),
`file:n` (fixed-length records, from 0), `file:offset` (TFRecords) or the file
name (whole files). When the file queue is closed and empty, a read raises its
OutOfRangeError.
"""
from __future__ import annotations

import gzip
import os
import struct
import threading
import zlib

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.crc32c import masked_crc32c
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .queues import _RESOURCE_IDS

__all__ = []


def _read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None


def _text_records(name, data, attrs):
    skip = attrs.get("skip_header_lines", 0)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, line in enumerate(lines):
        if i < skip:
            continue
        if line.endswith(b"\r"):
            line = line[:-1]
        yield f"{name}:{i + 1}".encode(), line


def _fixed_records(name, data, attrs):
    rec, head = attrs["record_bytes"], attrs.get("header_bytes", 0)
    foot, hop = attrs.get("footer_bytes", 0), attrs.get("hop_bytes", 0) or attrs["record_bytes"]
    body = data[head:len(data) - foot if foot else len(data)]
    if attrs.get("encoding") in ("GZIP", "ZLIB"):
        raise errors.UnimplementedError(None, None, "flowgrad's FixedLengthRecordReader reads "
                                        "uncompressed files only")
    n, pos = 0, 0
    while pos + rec <= len(body):
        yield f"{name}:{n}".encode(), body[pos:pos + rec]
        n += 1
        pos += hop


def _tfrecord_records(name, data, attrs):
    kind = attrs.get("compression_type", "")
    if kind == "GZIP":
        data = gzip.decompress(data)
    elif kind == "ZLIB":
        data = zlib.decompress(data)
    pos = 0
    while pos < len(data):
        start = pos
        if pos + 12 > len(data):
            raise errors.DataLossError(None, None, f"truncated record at {start}")
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (crc,) = struct.unpack("<I", data[pos + 8:pos + 12])
        if masked_crc32c(header) != crc:
            raise errors.DataLossError(None, None, f"corrupted record at {start}")
        pos += 12
        payload = data[pos:pos + length]
        if len(payload) != length or pos + length + 4 > len(data):
            raise errors.DataLossError(None, None, f"truncated record at {start}")
        (crc,) = struct.unpack("<I", data[pos + length:pos + length + 4])
        if masked_crc32c(payload) != crc:
            raise errors.DataLossError(None, None, f"corrupted record at {start}")
        pos += length + 4
        yield f"{name}:{start}".encode(), payload


def _whole_records(name, data, attrs):
    yield name.encode(), data


_FORMATS = {"TextLineReader": _text_records, "FixedLengthRecordReader": _fixed_records,
            "TFRecordReader": _tfrecord_records, "WholeFileReader": _whole_records}


class Reader:
    """One reader of one session: the current file's records and the counters."""

    def __init__(self, kind, name, attrs):
        self.kind, self.name, self.attrs = kind, name, attrs
        self.records = None
        self.produced = 0
        self.completed = 0
        self.lock = threading.Lock()

    def _next(self, queue):
        """The next record, taking a new file from `queue` as needed."""
        while True:
            if self.records is None:
                work = queue.dequeue()[0]
                work = work.item() if isinstance(work, np.ndarray) else work
                path = work.decode() if isinstance(work, bytes) else str(work)
                self.records = _FORMATS[self.kind](path, _read_bytes(path), self.attrs)
            rec = next(self.records, None)
            if rec is not None:
                self.produced += 1
                return rec
            self.records = None
            self.completed += 1

    def read(self, queue):
        with self.lock:
            key, value = self._next(queue)
        return np.array(key, dtype=object), np.array(value, dtype=object)

    def read_up_to(self, queue, n):
        keys, values = [], []
        with self.lock:
            while len(keys) < n:
                if keys and self.records is None:
                    break          # as TF: one batch never spans two files
                try:
                    key, value = self._next(queue) if not keys else self._from_current()
                except StopIteration:
                    break
                keys.append(key)
                values.append(value)
        return np.array(keys, dtype=object), np.array(values, dtype=object)

    def _from_current(self):
        rec = next(self.records, None)
        if rec is None:
            self.records = None
            self.completed += 1
            raise StopIteration
        self.produced += 1
        return rec

    def reset(self):
        with self.lock:
            self.records = None
            self.produced = self.completed = 0


def _reader_bind(kind):
    def bind(node, ctx):
        store = ctx.__dict__.setdefault("readers", {})
        attrs = dict(node.attrs)
        key = (attrs.get("container", ""), attrs.get("shared_name") or node.name)
        lock = ctx.lock

        def handle():
            r = store.get(key)
            if r is None:
                with lock:
                    r = store.get(key)
                    if r is None:
                        name = attrs.get("shared_name") or f"_{next(_RESOURCE_IDS)}_{node.name}"
                        r = store[key] = Reader(kind, name, attrs)
            return r
        return handle
    return bind


for _kind in _FORMATS:
    register_op(_kind + "V2", infer=lambda i, a: [(_dt.resource, TensorShape([]))],
                bind=_reader_bind(_kind), stateful=True, grad=None)

_STR = _dt.string
register_op("ReaderReadV2", infer=lambda i, a: [(_STR, TensorShape([]))] * 2,
            bind=lambda node, ctx: lambda r, q: r.read(q), stateful=True, grad=None)
register_op("ReaderReadUpToV2", infer=lambda i, a: [(_STR, TensorShape([None]))] * 2,
            bind=lambda node, ctx: lambda r, q, n: r.read_up_to(q, int(n)), stateful=True,
            grad=None)
register_op("ReaderNumRecordsProducedV2", infer=lambda i, a: [(_dt.int64, TensorShape([]))],
            bind=lambda node, ctx: lambda r: np.int64(r.produced), stateful=True, grad=None)
register_op("ReaderNumWorkUnitsCompletedV2",
            infer=lambda i, a: [(_dt.int64, TensorShape([]))],
            bind=lambda node, ctx: lambda r: np.int64(r.completed), stateful=True, grad=None)
register_op("ReaderResetV2", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda r: r.reset(), stateful=True, grad=None)


def _read_file(filename):
    name = filename.item() if isinstance(filename, np.ndarray) else filename
    path = name.decode() if isinstance(name, bytes) else str(name)
    return np.array(_read_bytes(path), dtype=object)


def _write_file(filename, contents):
    name = filename.item() if isinstance(filename, np.ndarray) else filename
    path = name.decode() if isinstance(name, bytes) else str(name)
    data = contents.item() if isinstance(contents, np.ndarray) else contents
    if isinstance(data, str):
        data = data.encode()
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# bound, not plain kernels: they touch the file system, so sweeps over plain kernels skip them
register_op("ReadFile", infer=lambda i, a: [(_STR, TensorShape([]))],
            bind=lambda node, ctx: _read_file, stateful=True, grad=None)
register_op("WriteFile", infer=lambda i, a: [], bind=lambda node, ctx: _write_file,
            stateful=True, grad=None)
