"""Readers as graph ops (TF 1.14's TextLineReaderV2, WholeFileReaderV2,
FixedLengthRecordReaderV2, TFRecordReaderV2 and ReaderReadV2 & co; LMDBReader, a
reference-typed reader as in TF, with ReaderRead & co and FakeQueue), plus ReadFile
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
from ..framework.errors import c_escape as _cescape
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
    encoding = attrs.get("encoding", "")
    if encoding in ("GZIP", b"GZIP", "ZLIB", b"ZLIB"):   # TF's ZlibInputStream over the file
        z = zlib.decompressobj(31 if encoding in ("GZIP", b"GZIP") else 15)
        try:
            data = z.decompress(data) + z.flush()
        except zlib.error:
            raise errors.DataLossError(
                None, None, "inflate() failed with error -3: incorrect header check") from None
    body = data[head:len(data) - foot if foot else len(data)]
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


def _lmdb_records(name, data, attrs):
    """The (key, value) records of an LMDB file or directory in key order (TF's
    LMDBReader; the `lmdb` extra), read when its work unit starts (as the other readers
    read their file) so that no LMDB environment stays open between reads (the lmdb
    package opens one file once per process). Opened read-only, without a lock file; a
    database with no records ends its work unit at once, as TF's reader. TF 1.14 aborts
    the process on a file LMDB cannot open; flowgrad raises LMDBDataset's
    InvalidArgumentError."""
    from .dataset_lmdb import open_lmdb  # lazy: the lmdb package is an optional extra
    env, txn, cursor = open_lmdb(name)
    try:
        records = [(bytes(k), bytes(v)) for k, v in cursor]
    finally:
        cursor.close()
        txn.abort()
        env.close()
    return iter(records)


def _whole_records(name, data, attrs):
    yield name.encode(), data


def _identity_records(name, data, attrs):
    yield name.encode(), name.encode()


_FORMATS = {"TextLineReader": _text_records, "FixedLengthRecordReader": _fixed_records,
            "TFRecordReader": _tfrecord_records, "WholeFileReader": _whole_records,
            "IdentityReader": _identity_records, "LMDBReader": _lmdb_records}
_NO_READ = ("IdentityReader", "LMDBReader")    # readers that do not read the file's bytes
# Readers that produce one record per work unit and finish it with that record (TF's
# at_end on the same call), which are also the ones whose state TF 1.14 serializes.
_ONE_PER_WORK = ("WholeFileReader", "IdentityReader")


def _varint(v):
    out = bytearray()
    v &= (1 << 64) - 1
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _state_proto(started, finished, produced, work):
    """A ReaderBaseState (proto3: fields at their defaults are left out)."""
    out = bytearray()
    for num, v in ((1, started), (2, finished), (3, produced)):
        if v:
            out += bytes([num << 3]) + _varint(v)
    if work:
        out += bytes([4 << 3 | 2]) + _varint(len(work)) + work
    return bytes(out)


def _parse_state(data):
    """(started, finished, produced, work) of a ReaderBaseState; ValueError if malformed."""
    vals = {1: 0, 2: 0, 3: 0, 4: b""}
    pos, n = 0, len(data)

    def varint():
        nonlocal pos
        v = shift = 0
        while True:
            if pos >= n or shift > 63:
                raise ValueError("truncated varint")
            b = data[pos]
            pos += 1
            v |= (b & 0x7F) << shift
            if not b & 0x80:
                return v
            shift += 7
    while pos < n:
        tag = varint()
        num, wire = tag >> 3, tag & 7
        if wire == 0:
            v = varint()
            if num in (1, 2, 3):
                vals[num] = v - (1 << 64) if v >= 1 << 63 else v
        elif wire == 2:
            ln = varint()
            if pos + ln > n:
                raise ValueError("truncated field")
            if num == 4:
                vals[4] = bytes(data[pos:pos + ln])
            pos += ln
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            raise ValueError("bad wire type")
        if pos > n or num == 0:
            raise ValueError("truncated")
    return vals[1], vals[2], vals[3], vals[4]


def _debug_string(started, finished, produced, work):
    parts = [f"{k}: {v}" for k, v in (("work_started", started), ("work_finished", finished),
                                       ("num_records_produced", produced)) if v]
    if work:
        parts.append(f'current_work: "{_cescape(work)}"')
    return "".join(p + "\n" for p in parts)


class _Failing:
    """A work unit whose read failed: each read raises that error again (a fresh one of
    its class), or for a WholeFileReader (`err` its path) reads the file again."""

    def __init__(self, err):
        self.err = err

    def __iter__(self):
        return self

    def __next__(self):
        e = self.err
        if isinstance(e, str):
            return e.encode(), _read_bytes(e)
        raise type(e)(None, None, e.message)


class Reader:
    """One reader of one session: the current file's records and the counters."""

    def __init__(self, kind, name, attrs):
        self.kind, self.name, self.attrs = kind, name, attrs
        self.records = None
        self.produced = 0
        self.completed = 0
        self.started = 0
        self.work = b""
        self.display = name
        self.lock = threading.Lock()

    def _next(self, queue):
        """The next record, taking a new file from `queue` as needed."""
        while True:
            if self.records is None:
                work = queue.dequeue()[0]
                work = work.item() if isinstance(work, np.ndarray) else work
                path = work.decode() if isinstance(work, bytes) else str(work)
                self.work = work if isinstance(work, bytes) else path.encode()
                if self.kind == "WholeFileReader":
                    # TF reads the file in ReadLocked: an error keeps the work unit
                    self.started += 1
                    self.records = _Failing(path)
                    data = _read_bytes(path)
                else:
                    # TF opens it in OnWorkStartedLocked: an error drops the work unit
                    data = b"" if self.kind in _NO_READ else _read_bytes(path)
                    self.started += 1
                self.records = _FORMATS[self.kind](path, data, self.attrs)
            rec = self._next_record()
            if rec is not None:
                self.produced += 1
                if self.kind in _ONE_PER_WORK:
                    self.records = None
                    self.completed += 1
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

    def _next_record(self):
        """The current work unit's next record (None at its end). A failed read leaves
        the work unit in progress at the same offset, as TF's ReaderBase: every later
        read fails alike."""
        try:
            return next(self.records, None)
        except errors.OpError as e:
            if not isinstance(self.records, _Failing):
                self.records = _Failing(e)
            raise

    def _from_current(self):
        rec = self._next_record()
        if rec is None:
            self.records = None
            self.completed += 1
            raise StopIteration
        self.produced += 1
        return rec

    def reset(self):
        with self.lock:
            self._reset()

    def _reset(self):
        self.records = None
        self.produced = self.completed = self.started = 0
        self.work = b""

    def serialize(self):
        if self.kind not in _ONE_PER_WORK:
            raise errors.UnimplementedError(None, None, "Reader SerializeState")
        with self.lock:
            return np.array(_state_proto(self.started, self.completed, self.produced,
                                         self.work), dtype=object)

    def restore(self, state):
        """TF's RestoreState: a bad state is an error and leaves the reader reset."""
        data = state.item() if isinstance(state, np.ndarray) else state
        data = data if isinstance(data, bytes) else str(data).encode()
        with self.lock:
            if self.kind not in _ONE_PER_WORK:
                self._reset()
                raise errors.UnimplementedError(None, None, "Reader RestoreState")
            where = f"{self.kind} '{self.display}'"
            try:
                started, finished, produced, work = _parse_state(data)
            except ValueError:
                self._reset()
                raise errors.InvalidArgumentError(
                    None, None, f"Could not parse state for {where}: {_cescape(data)}") \
                    from None
            text = _debug_string(started, finished, produced, work)
            if started < 0 or finished < 0 or produced < 0:
                self._reset()
                raise errors.InvalidArgumentError(
                    None, None, f"Unexpected negative value when restoring in {where}: {text}")
            if started > finished:
                self._reset()
                raise errors.InvalidArgumentError(
                    None, None, "Inconsistent work started vs. finished when restoring in "
                    f"{where}: {text}")
            self.records = None
            self.started, self.completed, self.produced, self.work = (started, finished,
                                                                      produced, work)


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
                        r.display = node.name
            return r
        return handle
    return bind


for _kind in _FORMATS:
    if _kind != "LMDBReader":
        register_op(_kind + "V2", infer=lambda i, a: [(_dt.resource, TensorShape([]))],
                    bind=_reader_bind(_kind), stateful=True, grad=None)
# the reference (v1) forms: a string_ref handle of shape [2] (TF 1.14 has LMDBReader in this
# form only); the same reader the resource ops run
def _fixed_v1_bind(node, ctx):
    """TF 1.14's kernel for the v1 FixedLengthRecordReader reads an `encoding` attr the v1
    op does not have: creating it fails, so every run holding the op does."""
    def fail():
        raise errors.NotFoundError(None, node.op, f"No attr named 'encoding' in NodeDef:\n\t "
                                   f"[[{{{{node {node.name}}}}}]]")
    return fail


for _kind in _FORMATS:
    register_op(_kind, infer=lambda i, a: [(_dt.string._as_ref, TensorShape([2]))],
                bind=_fixed_v1_bind if _kind == "FixedLengthRecordReader" else
                _reader_bind(_kind), stateful=True, grad=None)
# a queue's resource handle as the reference a reference-typed reader takes (the same queue)
register_op("FakeQueue", infer=lambda i, a: [(_dt.string._as_ref, TensorShape([2]))],
            kernel=lambda q: q, stateful=True, grad=None)

_STR = _dt.string
for _v in ("V2", ""):    # the resource ops and the reference ones run the same reader
    register_op("ReaderRead" + _v, infer=lambda i, a: [(_STR, TensorShape([]))] * 2,
                bind=lambda node, ctx: lambda r, q: r.read(q), stateful=True, grad=None)
    register_op("ReaderReadUpTo" + _v, infer=lambda i, a: [(_STR, TensorShape([None]))] * 2,
                bind=lambda node, ctx: lambda r, q, n: r.read_up_to(q, int(n)), stateful=True,
                grad=None)
    register_op("ReaderNumRecordsProduced" + _v,
                infer=lambda i, a: [(_dt.int64, TensorShape([]))],
                bind=lambda node, ctx: lambda r: np.int64(r.produced), stateful=True,
                grad=None)
    register_op("ReaderNumWorkUnitsCompleted" + _v,
                infer=lambda i, a: [(_dt.int64, TensorShape([]))],
                bind=lambda node, ctx: lambda r: np.int64(r.completed), stateful=True,
                grad=None)
    register_op("ReaderSerializeState" + _v, infer=lambda i, a: [(_STR, TensorShape([]))],
                bind=lambda node, ctx: lambda r: r.serialize(), stateful=True, grad=None)
    register_op("ReaderRestoreState" + _v, infer=lambda i, a: [],
                bind=lambda node, ctx: lambda r, state: r.restore(state), stateful=True,
                grad=None)
    register_op("ReaderReset" + _v, infer=lambda i, a: [],
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
