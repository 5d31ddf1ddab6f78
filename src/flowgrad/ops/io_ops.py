"""TF 1.14's readers (`tf.TextLineReader`, `tf.WholeFileReader`, `tf.FixedLengthRecordReader`,
`tf.TFRecordReader`, `tf.LMDBReader`, `tf.ReaderBase`) and `tf.read_file` / `tf.write_file`.

    filenames = tf.train.string_input_producer(["a.csv", "b.csv"])
    key, line = tf.TextLineReader(skip_header_lines=1).read(filenames)

The kernels are in engine/ops/readers.py.
"""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops import readers as _readers  # noqa: F401 - registers the reader ops
from ..engine.ops._base import apply_op, make_int, make_str, typed_input
from ..python_io import TFRecordOptions

__all__ = ["ReaderBase", "IdentityReader", "TextLineReader", "WholeFileReader",
           "FixedLengthRecordReader",
           "TFRecordReader", "LMDBReader", "read_file", "write_file"]

ReaderReadV2 = collections.namedtuple("ReaderReadV2", ["key", "value"])
ReaderReadUpToV2 = collections.namedtuple("ReaderReadUpToV2", ["keys", "values"])


def _queue_ref(queue):
    return queue if isinstance(queue, Tensor) else queue.queue_ref


def _ref_queue(queue):
    """The queue as a reference-typed reader takes it (TF's FakeQueue of a resource)."""
    q = _queue_ref(queue)
    if q.dtype == _dt.resource:
        q = apply_op("FakeQueue", [q], {}, "FakeQueue").outputs[0]
    return q


class ReaderBase:
    """Base class for readers: produce (key, value) records from files named by a queue."""

    def __init__(self, reader_ref, supports_serialize=False):
        self._reader_ref = reader_ref
        self._supports_serialize = supports_serialize

    @property
    def reader_ref(self):
        return self._reader_ref

    @property
    def supports_serialize(self):
        return self._supports_serialize

    def _op(self, kind):
        """The op type for this reader: the V2 (resource) form, or the reference form
        (a reference-typed reader: TF's LMDBReader)."""
        return kind + "V2" if self._reader_ref.dtype == _dt.resource else kind

    def _queue(self, queue):
        return _queue_ref(queue) if self._reader_ref.dtype == _dt.resource else \
            _ref_queue(queue)

    def _queue_handle(self, queue, kind):
        q = self._queue(queue)
        return typed_input(q, _dt.resource, kind, "queue_handle") \
            if self._reader_ref.dtype == _dt.resource else q

    def read(self, queue, name=None):
        """The next (key, value) record, dequeuing a file name from `queue` as needed."""
        kind = self._op("ReaderRead")
        q = self._queue_handle(queue, kind)
        op = apply_op(kind, [self._reader_ref, q], {}, name or kind)
        return ReaderReadV2(*op.outputs)

    def read_up_to(self, queue, num_records, name=None):
        """Up to `num_records` (keys, values) from the current file."""
        kind = self._op("ReaderReadUpTo")
        q = self._queue_handle(queue, kind)
        with name_scope(name, kind) as scope:
            n = typed_input(num_records, _dt.int64, kind, "num_records")
            op = apply_op(kind, [self._reader_ref, q, n], {}, scope)
        return ReaderReadUpToV2(*op.outputs)

    def num_records_produced(self, name=None):
        """An int64 scalar: records this reader has produced."""
        kind = self._op("ReaderNumRecordsProduced")
        return apply_op(kind, [self._reader_ref], {}, name or kind).outputs[0]

    def num_work_units_completed(self, name=None):
        """An int64 scalar: files this reader has finished."""
        kind = self._op("ReaderNumWorkUnitsCompleted")
        return apply_op(kind, [self._reader_ref], {}, name or kind).outputs[0]

    def serialize_state(self, name=None):
        """A string scalar: the reader's state (a ReaderBaseState proto; TF 1.14 serializes
        WholeFileReader's and IdentityReader's, the others raise UnimplementedError)."""
        kind = self._op("ReaderSerializeState")
        return apply_op(kind, [self._reader_ref], {}, name or kind).outputs[0]

    def restore_state(self, state, name=None):
        """An op that restores a state `serialize_state` produced."""
        kind = self._op("ReaderRestoreState")
        with name_scope(name, kind) as scope:
            st = typed_input(state, _dt.string, kind, "state")
            return apply_op(kind, [self._reader_ref, st], {}, scope)

    def reset(self, name=None):
        """An op that returns the reader to its initial state."""
        kind = self._op("ReaderReset")
        return apply_op(kind, [self._reader_ref], {}, name or kind)


def _reader(op_type, attrs, name):
    """The reader op; its int attrs (None: 0) and string attrs (None: "") through TF's
    make_int / make_str in the generated wrapper's attr order, before the op is made."""
    attrs = dict(attrs, container="", shared_name="")
    for a, v in attrs.items():
        if a in ("container", "shared_name", "encoding", "compression_type"):
            attrs[a] = make_str("" if v is None else v, a)
        else:
            attrs[a] = make_int(0 if v is None else v, a)
    return apply_op(op_type, [], attrs, name or op_type).outputs[0]


class TextLineReader(ReaderBase):
    """Records are the lines of the files (without the newline); keys are `file:line`."""

    def __init__(self, skip_header_lines=None, name=None):
        super().__init__(_reader("TextLineReaderV2",
                                 {"skip_header_lines": skip_header_lines}, name))


class WholeFileReader(ReaderBase):
    """One record per file: the key is its name, the value its contents."""

    def __init__(self, name=None):
        super().__init__(_reader("WholeFileReaderV2", {}, name), supports_serialize=True)


class IdentityReader(ReaderBase):
    """One record per work unit: the key and the value are both the queued string."""

    def __init__(self, name=None):
        super().__init__(_reader("IdentityReaderV2", {}, name), supports_serialize=True)


class FixedLengthRecordReader(ReaderBase):
    """Records of `record_bytes` bytes, after `header_bytes`, before `footer_bytes`,
    starting every `hop_bytes` bytes (default: record_bytes)."""

    def __init__(self, record_bytes, header_bytes=None, footer_bytes=None, hop_bytes=None,
                 name=None, encoding=None):
        super().__init__(_reader("FixedLengthRecordReaderV2", {
            "record_bytes": record_bytes, "header_bytes": header_bytes,
            "footer_bytes": footer_bytes, "hop_bytes": hop_bytes, "encoding": encoding}, name))


class TFRecordReader(ReaderBase):
    """The records of TFRecord files (length, masked CRC-32C checks); keys `file:offset`."""

    def __init__(self, name=None, options=None):
        kind = TFRecordOptions.get_compression_type_string(options)
        super().__init__(_reader("TFRecordReaderV2", {"compression_type": kind}, name))


class LMDBReader(ReaderBase):
    """The (key, value) records of LMDB files in key order (the `lmdb` extra). As in TF
    1.14 it is a reference-typed reader (op LMDBReader, then ReaderRead & co), and
    `options` is accepted and unused."""

    def __init__(self, name=None, options=None):
        del options     # as TF 1.14: LMDBReader takes options and ignores them
        super().__init__(_reader("LMDBReader", {}, name))


def read_file(filename, name=None):
    """The contents of the file `filename` as a string scalar (op ReadFile)."""
    with name_scope(name, "ReadFile") as scope:   # TF's wrapper: `ReadFile/filename`
        f = convert_to_tensor(filename, dtype=_dt.string, name="filename")
        return apply_op("ReadFile", [f], {}, scope).outputs[0]


def write_file(filename, contents, name=None):
    """An op writing the string `contents` to the file `filename` (op WriteFile)."""
    with name_scope(name, "WriteFile") as scope:
        f = convert_to_tensor(filename, dtype=_dt.string, name="filename")
        c = convert_to_tensor(contents, dtype=_dt.string, name="contents")
        return apply_op("WriteFile", [f, c], {}, scope)
