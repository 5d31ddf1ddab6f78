"""tf.data.experimental's Optional / get_next_as_optional, TFRecordWriter,
copy_to_device / prefetch_to_device, and tf.contrib.data's batching aliases
(TF 1.14). The Optional ops run in engine/ops/dataset_grouping.py."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..engine.framework.constant_op import constant as _c
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops.comparison import equal as _equal
from ..engine.ops.comparison import logical_and as _logical_and
from ..engine.ops.construction import fill as _fill
from ..engine.ops.joining import concat as _concat
from ..engine.ops.reductions import reduce_all as _reduce_all
from ..engine.ops.shape import identity as _identity
from ..engine.ops.shape import reshape as _reshape
from ..engine.ops.shape import shape as _shape
from ..engine.ops.shape import size as _size
from ..ops.logging_ops import Assert as _Assert
from ..engine.ops._base import apply_op
from . import _nest
from . import structure as _structure
from ._transforms import parallel_interleave
from .dataset_ops import (DatasetV1, _const, _from_flat, _op, _Spec, _spec_of,
                          _structure_attrs)

__all__ = ["Optional", "TFRecordWriter", "assert_element_shape", "batch_and_drop_remainder",
           "copy_to_device",
           "get_next_as_optional", "padded_batch_and_drop_remainder", "prefetch_to_device",
           "sliding_window_batch", "sloppy_interleave"]


# -- Optional ---------------------------------------------------------------------------------
class Optional:
    """Wraps a nested structure of tensors that may be missing (TF 1.14's
    tf.data.experimental.Optional): `has_value()`, `get_value()`, `value_structure`."""

    def __init__(self):
        raise TypeError("tf.data.experimental.Optional is abstract: make one with "
                        "Optional.from_value, Optional.none_from_structure or "
                        "get_next_as_optional")

    @staticmethod
    def from_value(value):
        """An Optional holding `value` (a nested structure of tensors)."""
        g = get_default_graph()
        with g.name_scope("optional") as scope:
            with g.name_scope("value"):
                flat = [convert_to_tensor(v, name=f"component_{i}")
                        for i, v in enumerate(_nest.flatten(value))]
            structure = _nest.pack(value, [_spec_of(t) for t in flat])
            t = apply_op("OptionalFromValue", flat,
                         {"Toutput_types": [x.dtype.base_dtype for x in flat]},
                         scope).outputs[0]
        return _OptionalImpl(t, structure)

    @staticmethod
    def none_from_structure(value_structure):
        """An Optional with no value, whose value would have `value_structure` (a
        tf.data.experimental.Structure, e.g. another Optional's `value_structure`)."""
        if isinstance(value_structure, _structure.Structure):
            value_structure = _structure._to_specs(value_structure)
        return _OptionalImpl(apply_op("OptionalNone", [], {}).outputs[0], value_structure)

    def has_value(self, name=None):
        raise NotImplementedError("Optional.has_value()")

    def get_value(self, name=None):
        raise NotImplementedError("Optional.get_value()")

    @property
    def value_structure(self):
        raise NotImplementedError("Optional.value_structure")


class _OptionalImpl(Optional):
    def __init__(self, variant_tensor, value_structure):
        self._variant_tensor = variant_tensor
        self._value_structure = value_structure

    def has_value(self, name=None):
        """A scalar bool tensor: whether this optional holds a value."""
        return apply_op("OptionalHasValue", [self._variant_tensor], {}, name).outputs[0]

    def get_value(self, name=None):
        """The value (InvalidArgumentError at run time if there is none)."""
        op = apply_op("OptionalGetValue", [self._variant_tensor],
                      _structure_attrs(self._value_structure), name)
        return _nest.pack(self._value_structure, [
            _from_flat(t, sp) for t, sp in zip(op.outputs,
                                               _nest.flatten(self._value_structure))])

    @property
    def value_structure(self):
        """The structure of the value (a tf.data.experimental.Structure)."""
        return _structure._to_structure(self._value_structure)


def get_next_as_optional(iterator):
    """The iterator's next element as an Optional: without a value at the end of the
    dataset (no OutOfRangeError)."""
    structure = iterator._structure
    t = apply_op("IteratorGetNextAsOptional", [iterator._iterator_resource],
                 _structure_attrs(structure)).outputs[0]
    return _OptionalImpl(t, structure)


# -- TFRecordWriter -----------------------------------------------------------------------------
class TFRecordWriter:
    """Writes a dataset of scalar strings to a TFRecord file: `write(dataset)` is the op
    that writes it (compression_type None, "", "ZLIB" or "GZIP")."""

    def __init__(self, filename, compression_type=None):
        self._filename = convert_to_tensor(filename, _dt.string, name="filename")
        self._compression_type = convert_to_tensor(
            "" if compression_type is None else compression_type, _dt.string,
            name="compression_type")

    def write(self, dataset):
        """The op that writes `dataset` (scalar strings) to the file."""
        if not isinstance(dataset, DatasetV1):
            raise TypeError("`dataset` must be a `tf.data.Dataset` object.")
        types, shapes = dataset.output_types, dataset.output_shapes
        if types != _dt.string or not isinstance(shapes, TensorShape) or \
                not shapes.is_compatible_with(TensorShape([])):
            raise TypeError("`dataset` must produce scalar `DT_STRING` tensors whereas it "
                            f"produces shape {shapes} and types {types}")
        return apply_op("ExperimentalDatasetToTFRecord",
                        [dataset._variant_tensor, self._filename, self._compression_type],
                        {})


# -- devices ------------------------------------------------------------------------------------
def copy_to_device(target_device, source_device="/cpu:0"):
    """Moves the elements to `target_device`: flowgrad computes on the CPU, where the
    elements already are, so the dataset's elements pass through unchanged."""
    def apply(dataset):
        return DatasetV1(_op("PrefetchDataset", [dataset._variant_tensor,
                                                 _const(0, _dt.int64, "buffer_size")],
                             dataset._attrs()), dataset._structure)
    return apply


def prefetch_to_device(device, buffer_size=None):
    """copy_to_device(device) then prefetch(buffer_size) (AUTOTUNE when None)."""
    def apply(dataset):
        return dataset.apply(copy_to_device(target_device=device)).prefetch(
            -1 if buffer_size is None else buffer_size)
    return apply


# -- tf.contrib.data aliases --------------------------------------------------------------------
def batch_and_drop_remainder(batch_size):
    """batch(batch_size, drop_remainder=True)."""
    def apply(dataset):
        return dataset.batch(batch_size, drop_remainder=True)
    return apply


def padded_batch_and_drop_remainder(batch_size, padded_shapes, padding_values=None):
    """padded_batch(batch_size, padded_shapes, padding_values, drop_remainder=True)."""
    def apply(dataset):
        return dataset.padded_batch(batch_size, padded_shapes, padding_values,
                                    drop_remainder=True)
    return apply


def sliding_window_batch(window_size, stride=None, window_shift=None, window_stride=1):
    """Batches of `window_size` consecutive elements (every `window_stride`-th), the window
    moving by `window_shift` (or `stride`); an incomplete last window is dropped."""
    if stride is None and window_shift is None:
        window_shift = 1
    elif stride is not None and window_shift is None:
        window_shift = stride
    elif stride is not None and window_shift is not None:
        raise ValueError("Cannot specify both `stride` and `window_shift`")

    def apply(dataset):
        structure = _nest.map_structure(
            lambda s: _Spec(s.dtype, TensorShape([None]).concatenate(s.shape)),
            dataset._structure)
        ins = [dataset._variant_tensor, _const(window_size, _dt.int64, "window_size"),
               _const(window_shift, _dt.int64, "window_shift"),
               _const(window_stride, _dt.int64, "window_stride")]
        return DatasetV1(_op("ExperimentalSlidingWindowDataset", ins,
                             _structure_attrs(structure)), structure)
    return apply


def sloppy_interleave(map_func, cycle_length, block_length=1):
    """parallel_interleave with sloppy=True (flowgrad gives the deterministic order)."""
    return parallel_interleave(map_func, cycle_length, block_length, sloppy=True)


def assert_element_shape(expected_shapes):
    """tf.contrib.data.assert_element_shape: the elements' static shapes merged with
    `expected_shapes`, and a run-time check (InvalidArgumentError "Wrong shape for ...")
    of each component whose static shape is not fully known."""
    def merge(original, expected):
        flat_o = _nest.flatten(original)
        flat_e = _nest.flatten(expected) if _nest.is_nested(original) else [expected]
        if len(flat_o) != len(flat_e):
            raise ValueError("The two structures don't have the same number of elements.")
        return _nest.pack(original, [o.merge_with(as_shape(e)) for o, e in zip(flat_o, flat_e)])

    def check_shape(*elements):
        flat_t = _nest.flatten(elements)
        flat_s = _nest.flatten(expected_shapes) if _nest.is_nested(expected_shapes) \
            else [expected_shapes]
        return _nest.pack(elements, [_with_shape(as_shape(s), t) if as_shape(s) else t
                                     for s, t in zip(flat_s, flat_t)])

    def apply(dataset):
        shapes = merge(dataset.output_shapes, expected_shapes)
        mapped = dataset.map(check_shape)
        flat = [_Spec(s.dtype, shape) for s, shape in
                zip(_nest.flatten(dataset._structure), _nest.flatten(shapes))]
        # the input's structure (TF's _RestructuredDataset): a 1-tuple is a single component
        return DatasetV1(mapped._variant_tensor, _nest.pack(dataset._structure, flat))
    return apply


def _with_shape(expected, tensor):
    """TF's contrib with_shape for a TensorShape: the tensor itself when its static shape is
    fully known (ValueError if incompatible), else an identity after an Assert."""
    actual = tensor.shape
    if actual.is_fully_defined():
        if not actual.is_compatible_with(expected):
            raise ValueError(f"Invalid shape for tensor {tensor.name}, expected {expected}, "
                             f"got {actual}.")
        return tensor
    if not expected.is_fully_defined():
        raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: "
                         f"{expected}")
    dims = expected.as_list()
    g = get_default_graph()
    with g.name_scope(f"{tensor.op.name}/"):
        if not dims:
            return _reshape(tensor, [])
        with g.name_scope("assert_shape") as scope:
            want = _c(dims, dtype=_dt.int32)
            got = _shape(tensor, out_type=_dt.int32)
            n = len(dims)
            padded = _concat([got, _fill([n], -1)], 0)[:n]
            ok = _logical_and(_equal(_size(got), n), _reduce_all(_equal(padded, want)))
            check = _Assert(ok, [f"Wrong shape for {tensor.name} [expected] [actual].", want,
                                 got], name=scope)
        with g.control_dependencies([check]):
            out = _identity(tensor)
        out.set_shape(expected)
        return out
