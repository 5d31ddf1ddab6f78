"""tf.data.experimental.CsvDataset and make_csv_dataset (TF 1.14): CSV files read by the
ExperimentalCSVDataset op (engine/ops/dataset_sources.py); make_csv_dataset infers column
names and types at graph construction from the files, as TF does."""
from __future__ import annotations

import collections
import csv as _pycsv
import glob as _glob

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import dataset_sources as _sources  # noqa: F401 - registers the ops
from ._transforms import ignore_errors as _ignore
from ._transforms import parallel_interleave, shuffle_and_repeat
from .dataset_ops import AUTOTUNE, DatasetV1, _op, _Spec, _structure_attrs

__all__ = ["CsvDataset", "make_csv_dataset"]

_ACCEPTABLE_CSV_TYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.int64, _dt.string)
_DEFAULT_READER_BUFFER_SIZE_BYTES = 4 * 1024 * 1024
# make_csv_dataset's inference reads at most this many bytes of a header or data row
_MAX_INFERENCE_FIELD = 1 << 24


def _is_csv_dtype(x):
    return isinstance(x, _dt.DType) and x.base_dtype in _ACCEPTABLE_CSV_TYPES


def _to_default(x, i):
    if _is_csv_dtype(x):
        return constant(np.zeros(0, x.as_numpy_dtype) if x is not _dt.string else
                        np.zeros(0, object), dtype=x)
    if isinstance(x, _dt.DType):
        raise TypeError("Failed to convert object of type <class "
                        "'tensorflow.python.framework.dtypes.DType'> to Tensor. Contents: "
                        f"<dtype: '{x.name}'>. Consider casting elements to a supported type.")
    return x


def _shape_str(t):
    s = t.shape
    return "?" if s.ndims is None else "[" + ",".join(
        "?" if d is None else str(d) for d in s.as_list()) + "]"


class CsvDataset(DatasetV1):
    """The records of one or more CSV files (RFC 4180), one tuple of scalars per record."""
    _repr_name = "CsvDatasetV1"   # TF 1.14's class name

    def __init__(self, filenames, record_defaults, compression_type=None, buffer_size=None,
                 header=False, field_delim=",", use_quote_delim=True, na_value="",
                 select_cols=None):
        files = convert_to_tensor(filenames, dtype=_dt.string, name="filenames")
        comp = convert_to_tensor("" if compression_type is None else compression_type,
                                 dtype=_dt.string, name="compression_type")
        defaults = [_to_default(x, i) for i, x in enumerate(record_defaults)]
        defaults = [d if isinstance(d, Tensor) else
                    convert_to_tensor(d, name=f"record_defaults_{i}")
                    for i, d in enumerate(defaults)]
        for d in defaults:
            if d.dtype.base_dtype not in _ACCEPTABLE_CSV_TYPES:
                raise TypeError(f"Value passed to parameter 'record_defaults' has DataType "
                                f"{d.dtype.name} not in list of allowed values: float32, "
                                "float64, int32, int64, string")
        bs = convert_to_tensor(_DEFAULT_READER_BUFFER_SIZE_BYTES if buffer_size is None
                               else buffer_size, dtype=_dt.int64, name="buffer_size")
        hd = convert_to_tensor(header, dtype=_dt.bool_, name="header")
        fd = convert_to_tensor(field_delim, dtype=_dt.string, name="field_delim")
        uq = convert_to_tensor(use_quote_delim, dtype=_dt.bool_, name="use_quote_delim")
        na = convert_to_tensor(na_value, dtype=_dt.string, name="na_value")
        sc = convert_to_tensor(np.zeros(0, np.int64) if select_cols is None else select_cols,
                               dtype=_dt.int64, name="select_cols")
        ins = [files, comp, bs, hd, fd, uq, na, sc] + defaults
        for t, most in zip(ins, [1, 0, 0, 0, 0, 0, 0, 1] + [1] * len(defaults)):
            if t.shape.ndims is not None and t.shape.ndims > most:
                shapes = ", ".join(_shape_str(x) for x in ins)
                raise ValueError(
                    f"Shape must be {'at most rank 1' if most else 'rank 0'} but is rank "
                    f"{t.shape.ndims} for 'ExperimentalCSVDataset' (op: "
                    f"'ExperimentalCSVDataset') with input shapes: {shapes}.")
        structure = tuple(_Spec(d.dtype.base_dtype, TensorShape([])) for d in defaults)
        super().__init__(_op("ExperimentalCSVDataset", ins, _structure_attrs(structure)),
                         structure)


# -- make_csv_dataset ------------------------------------------------------------------------
def _file_names(file_pattern):
    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("File pattern is empty.")
        names = [f for p in file_pattern for f in _glob.glob(p)]
    else:
        names = list(_glob.glob(file_pattern))
    if not names:
        raise ValueError(f"No files match {file_pattern}.")
    return sorted(names)


def _reader(f, field_delim, use_quote_delim):
    return _pycsv.reader(f, delimiter=field_delim,
                         quoting=_pycsv.QUOTE_MINIMAL if use_quote_delim else
                         _pycsv.QUOTE_NONE)


def _open_text(name):
    return open(name, "r", newline="")


def _infer_column_names(filenames, field_delim, use_quote_delim):
    with _open_text(filenames[0]) as f:
        try:
            names = next(_reader(f, field_delim, use_quote_delim))
        except StopIteration:
            raise ValueError("Received StopIteration when reading the header line of "
                             f"{filenames[0]}.  Empty file?") from None
    for name in filenames[1:]:
        with _open_text(name) as f:
            try:
                if next(_reader(f, field_delim, use_quote_delim)) != names:
                    raise ValueError("Files have different column names in the header row.")
            except StopIteration:
                raise ValueError("Received StopIteration when reading the header line of "
                                 f"{filenames[0]}.  Empty file?") from None
    return names


def _valid_int(s, bits):
    try:
        v = int(s.strip()) if "_" not in s else None
    except ValueError:
        return False
    return v is not None and -2 ** (bits - 1) <= v < 2 ** (bits - 1)


def _valid_float(s, dtype):
    if "_" in s:
        return False
    try:
        with np.errstate(over="ignore"):
            return bool(dtype(s) < np.inf)
    except (ValueError, OverflowError):
        return False


_TYPE_CHECKS = [(_dt.int32, lambda s: _valid_int(s, 32)), (_dt.int64, lambda s: _valid_int(s, 64)),
                (_dt.float32, lambda s: _valid_float(s, np.float32)),
                (_dt.float64, lambda s: _valid_float(s, np.float64)),
                (_dt.string, lambda s: True)]


def _infer_type(value, na_value, prev):
    if value in ("", na_value):
        return prev
    order = [t for t, _ in _TYPE_CHECKS]
    for i, (t, check) in enumerate(_TYPE_CHECKS):
        if check(value) and (prev is None or prev in order[:i + 1]):
            return t
    return _dt.string


def _infer_column_defaults(filenames, num_cols, field_delim, use_quote_delim, na_value,
                           header, num_rows, select_columns):
    cols = range(num_cols) if select_columns is None else select_columns
    types = [None] * len(cols)
    i = 0
    for name in filenames:
        with _open_text(name) as f:
            rows = _reader(f, field_delim, use_quote_delim)
            if header:
                next(rows, None)
            for row in rows:
                if num_rows is not None and i >= num_rows:
                    break
                if len(row) != num_cols:
                    raise ValueError("Problem inferring types: CSV row has different number "
                                     "of fields than expected.")
                for j, c in enumerate(cols):
                    types[j] = _infer_type(row[c], na_value, types[j])
                i += 1
        if num_rows is not None and i >= num_rows:
            break
    types = [t or _dt.string for t in types]
    return [constant(np.array([""], dtype=object) if t is _dt.string else [0], dtype=t)
            for t in types]


def _sorted_col_indices(select_columns, column_names):
    index = {n: i for i, n in enumerate(column_names)}
    out = list(select_columns)
    for i, v in enumerate(out):
        if isinstance(v, int):
            if v < 0 or v >= len(column_names):
                raise ValueError(f"Column index {v} specified in select_columns out of valid "
                                 "range.")
            continue
        if v not in index:
            raise ValueError(f"Value '{v}' specified in select_columns not a valid column "
                             "index or name.")
        out[i] = index[v]
    result = sorted(set(out))
    if len(result) != len(out):
        raise ValueError("select_columns contains duplicate columns")
    return result


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None,
                     label_name=None, select_columns=None, field_delim=",",
                     use_quote_delim=True, na_value="", header=True, num_epochs=None,
                     shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=AUTOTUNE, num_parallel_reads=1, sloppy=False,
                     num_rows_for_inference=100, compression_type=None, ignore_errors=False):
    """Batches of (features dict, label) read from CSV files, column names and types
    inferred from the files when not given (TF 1.14's make_csv_dataset)."""
    if compression_type not in (None, "", "NONE") and column_defaults is None:
        raise NotImplementedError("flowgrad's make_csv_dataset infers column types from "
                                  "uncompressed files only (argument compression_type; "
                                  "pass column_defaults)")
    filenames = _file_names(file_pattern)
    dataset = DatasetV1.from_tensor_slices(filenames)
    if shuffle:
        dataset = dataset.shuffle(len(filenames), shuffle_seed)
    if column_names is None:
        if not header:
            raise ValueError("Cannot infer column names without a header line.")
        column_names = _infer_column_names(filenames, field_delim, use_quote_delim)
    if len(column_names) != len(set(column_names)):
        raise ValueError("Cannot have duplicate column names.")
    if select_columns is not None:
        select_columns = _sorted_col_indices(select_columns, column_names)
    if column_defaults is not None:
        column_defaults = [constant(np.zeros(0, object) if x is _dt.string else
                                    np.zeros(0, x.as_numpy_dtype), dtype=x)
                           if _is_csv_dtype(x) else x for x in column_defaults]
    else:
        column_defaults = _infer_column_defaults(
            filenames, len(column_names), field_delim, use_quote_delim, na_value, header,
            num_rows_for_inference, select_columns)
    if select_columns is not None and len(column_defaults) != len(select_columns):
        raise ValueError("If specified, column_defaults and select_columns must have same "
                         "length.")
    if select_columns is not None and len(column_names) > len(select_columns):
        column_names = [column_names[i] for i in select_columns]
    if label_name is not None and label_name not in column_names:
        raise ValueError("`label_name` provided must be one of the columns.")

    def filename_to_dataset(filename):
        ds = CsvDataset(filename, record_defaults=column_defaults, field_delim=field_delim,
                        use_quote_delim=use_quote_delim, na_value=na_value,
                        select_cols=select_columns, header=header,
                        compression_type=compression_type)
        if ignore_errors:
            ds = ds.apply(_ignore())
        return ds

    def map_fn(*columns):
        features = collections.OrderedDict(zip(column_names, columns))
        if label_name is not None:
            label = features.pop(label_name)
            return features, label
        return features

    dataset = dataset.apply(parallel_interleave(filename_to_dataset,
                                                cycle_length=num_parallel_reads,
                                                sloppy=sloppy))
    if num_epochs != 1 and shuffle:
        dataset = dataset.apply(shuffle_and_repeat(shuffle_buffer_size, num_epochs,
                                                   shuffle_seed))
    elif shuffle:
        dataset = dataset.shuffle(shuffle_buffer_size, shuffle_seed)
    elif num_epochs != 1:
        dataset = dataset.repeat(num_epochs)
    dataset = dataset.batch(batch_size=batch_size, drop_remainder=num_epochs is None)
    dataset = dataset.map(map_fn)
    return dataset.prefetch(prefetch_buffer_size)
