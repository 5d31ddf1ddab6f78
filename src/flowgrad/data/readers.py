"""tf.data's file datasets: TFRecordDataset, TextLineDataset, FixedLengthRecordDataset
(records read in the session by engine/ops/_records.py, files in order), and
tf.data.experimental.SqlDataset (SQLite, read-only: engine/ops/dataset_sql.py) and
tf.contrib.data.LMDBDataset (the `lmdb` extra, read-only: engine/ops/dataset_lmdb.py)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.shape import reshape
from ..engine.ops import dataset_lmdb as _dataset_lmdb
from ..engine.ops import dataset_sql as _dataset_sql  # noqa: F401 - registers its op
from . import _nest, _transforms
from .dataset_ops import DatasetV1, _const, _op, _Spec, _structure_attrs

__all__ = ["TFRecordDataset", "TextLineDataset", "FixedLengthRecordDataset", "SqlDataset",
           "LMDBDataset"]

_STRING = _Spec(_dt.string, TensorShape([]))


def _filenames(filenames):
    t = convert_to_tensor(filenames, dtype=_dt.string)
    if t.dtype.base_dtype is not _dt.string:
        raise TypeError("`filenames` must be a `tf.Tensor` of `tf.string`.")
    return reshape(t, [-1], name="flat_filenames")


def _compression(compression_type):
    return _const("" if compression_type is None else compression_type, _dt.string,
                  "compression_type")


def _filenames_dataset(filenames):
    """TF 1.14's _create_or_validate_filenames_dataset: a dataset of scalar strings as it
    is, anything else flattened into one."""
    if isinstance(filenames, DatasetV1):
        spec = filenames._structure
        if not isinstance(spec, _Spec) or spec.dataset is not None or spec.sparse or \
                spec.ragged_rank is not None or spec.dtype.base_dtype is not _dt.string:
            raise TypeError("`filenames` must be a `tf.data.Dataset` of `tf.string` elements.")
        if not spec.shape.is_compatible_with(TensorShape([])):
            raise TypeError("`filenames` must be a `tf.data.Dataset` of scalar `tf.string` "
                            "elements.")
        return filenames
    return DatasetV1.from_tensor_slices(_filenames(filenames))


def _per_file(filenames, read_one, num_parallel_reads=None):
    """TF 1.14's file datasets: the file names (flattened) -> TensorSliceDataset ->
    FlatMapDataset whose function makes the one-file reader op (the graph TF builds);
    with num_parallel_reads (even 1), TF's ParallelInterleaveDataset instead: cycle_length
    num_parallel_reads, block_length 1, sloppy False (records of the files read at once
    alternate, in TF's deterministic order)."""
    files = _filenames_dataset(filenames)
    if num_parallel_reads is None:
        return files.flat_map(read_one)
    return files.apply(_transforms.parallel_interleave(
        read_one, cycle_length=num_parallel_reads, block_length=1, sloppy=False))


class _OneFile(DatasetV1):
    def __init__(self, op_type, inputs):
        super().__init__(_op(op_type, inputs, _structure_attrs(_STRING)), _STRING)


def _buffer(buffer_size):
    return _const(256 * 1024 if buffer_size is None else buffer_size, _dt.int64, "buffer_size")


class TFRecordDatasetV1(DatasetV1):
    """The records of one or more TFRecord files (compression_type '', 'ZLIB' or 'GZIP');
    tf.data.TFRecordDataset (TF 1.14's class name)."""
    _repr_name = "TFRecordDatasetV1"   # TF 1.14's class name

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None):
        ds = _per_file(filenames, lambda f: _OneFile(
            "TFRecordDataset", [f, _compression(compression_type), _buffer(buffer_size)]),
            num_parallel_reads)
        super().__init__(ds._variant_tensor, _STRING)


TFRecordDataset = TFRecordDatasetV1


class TextLineDataset(DatasetV1):
    """The lines of one or more text files (without their line endings)."""
    _repr_name = "TextLineDatasetV1"   # TF 1.14's class name

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None):
        ds = _per_file(filenames, lambda f: _OneFile(
            "TextLineDataset", [f, _compression(compression_type), _buffer(buffer_size)]),
            num_parallel_reads)
        super().__init__(ds._variant_tensor, _STRING)


class FixedLengthRecordDataset(DatasetV1):
    """Fixed-length records from one or more binary files (after a header, before a footer)."""
    _repr_name = "FixedLengthRecordDatasetV1"   # TF 1.14's class name

    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None,
                 buffer_size=None, compression_type=None, num_parallel_reads=None):
        ds = _per_file(filenames, lambda f: _OneFile("FixedLengthRecordDatasetV2", [
            f, _const(header_bytes or 0, _dt.int64, "header_bytes"),
            _const(record_bytes, _dt.int64, "record_bytes"),
            _const(footer_bytes or 0, _dt.int64, "footer_bytes"),
            _const(256 * 1024 if buffer_size is None else buffer_size, _dt.int64,
                   "buffer_size"),
            _compression(compression_type)]), num_parallel_reads)
        super().__init__(ds._variant_tensor, _STRING)


class SqlDataset(DatasetV1):
    """The rows of a SQL query over a SQLite database, one tuple (or the given nested
    structure) of scalars per row (tf.data.experimental.SqlDataset; read-only)."""
    _repr_name = "SqlDatasetV1"   # TF 1.14's class name

    def __init__(self, driver_name, data_source_name, query, output_types):
        driver = convert_to_tensor(driver_name, dtype=_dt.string, name="driver_name")
        source = convert_to_tensor(data_source_name, dtype=_dt.string,
                                   name="data_source_name")
        query_t = convert_to_tensor(query, dtype=_dt.string, name="query")
        structure = _nest.map_structure(lambda t: _Spec(_dt.as_dtype(t), TensorShape([])),
                                        output_types)
        super().__init__(_op("ExperimentalSqlDataset", [driver, source, query_t],
                             _structure_attrs(structure)), structure)


class LMDBDataset(DatasetV1):
    """The (key, value) string pairs of LMDB files (or directories holding data.mdb), in
    LMDB's key order, file after file (tf.contrib.data.LMDBDataset; read-only; needs the
    `lmdb` extra: ImportError naming it when the package is missing)."""

    def __init__(self, filenames):
        _dataset_lmdb.lmdb_module()
        files = convert_to_tensor(filenames, dtype=_dt.string, name="filenames")
        structure = (_STRING, _STRING)
        super().__init__(_op("ExperimentalLMDBDataset", [files], _structure_attrs(structure)),
                         structure)
