"""`tf.TensorArray` (TF 1.14's graph-mode TensorArray over the TensorArrayV3 ops).

The ops are engine/ops/tensor_array.py's: the flow is a `variant` tensor whose
value is an immutable TensorArray value, so writes return a new TensorArray
object (as in TF, use the returned one). The Python object keeps TF's static
element shape (merged on every write when `infer_shape`), shared by every
TensorArray built from it.
"""
from __future__ import annotations

import contextlib
import traceback

import numpy as np

from .. import logging as _logging
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops import tensor_array  # noqa: F401 - registers the TensorArray ops
from ..engine.ops import tensor_array_v2  # noqa: F401 - registers the v1/v2 TensorArray ops
from ..engine.ops._array_util import folded_value
from ..engine.ops._base import apply, apply_op
from ..engine.ops.cast import cast
from ..engine.ops.construction import range as _range
from ..engine.ops.shape import identity, shape

__all__ = ["TensorArray", "build_ta_with_new_flow"]


# In a function graph (a tf.data function) TF 1.14 builds a TensorArray of TensorList ops
# (its _GraphTensorArrayV2): other op counts than TensorArrayV3's, which move the seeds of
# graph-seeded random ops made later. flowgrad keeps its ops and counts TF's.
def _v2_extra(n):
    """Counts `n` more ops than flowgrad made, in a function graph."""
    g = get_default_graph()
    if g.building_function:
        g._last_id += n


@contextlib.contextmanager
def _v2_counted(n):
    """The ops made inside count as TF's `n`, in a function graph."""
    g = get_default_graph()
    start = g._last_id
    yield
    if g.building_function:
        g._last_id = start + n


def _convert_value(value, dtype):
    if isinstance(value, Tensor):
        return value
    try:
        return convert_to_tensor(value, dtype=dtype, name="value")
    except (TypeError, ValueError):
        return convert_to_tensor(value, name="value")


def _check_dtypes(value, dtype):
    """As TF 1.14: a value of another dtype is logged as an error, and the op is built (its
    kernel raises InvalidArgumentError when it runs)."""
    if value.dtype.base_dtype is not dtype.base_dtype:
        _logging.error("Error: Input value {} has dtype {}, but expected dtype {}.  This leads "
                       "to undefined behavior and will be an error in future versions of "
                       "TensorFlow.  Traceback:\n{}".format(
                           value, value.dtype, dtype, "".join(traceback.format_stack())))


class TensorArray:
    """A list of tensors of one dtype, written and read by index inside or outside loops.

    TF 1.14's graph-mode TensorArray: `write`/`scatter`/`unstack`/`split` return
    a new TensorArray (use it), `read`/`gather`/`stack`/`concat` read values.
    Gradients flow through every operation (tf.gradients, tf.while_loop).

    >>> ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
    >>> print(tf.Session().run(ta.stack()))
    [1. 2.]
    """

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        if clear_after_read is None:
            clear_after_read = True
        dynamic_size = dynamic_size or False
        self._dtype = _dt.as_dtype(dtype).base_dtype
        self._dynamic_size = dynamic_size
        self._clear_after_read = clear_after_read
        self._colocate_with_first_write_call = colocate_with_first_write_call
        # As TF: a given element_shape turns on the static shape checks, while the op's
        # `identical_element_shapes` keeps the infer_shape asked for (ragged splits still run)
        identical = infer_shape
        if element_shape is not None:
            infer_shape = True
        self._infer_shape = infer_shape
        self._element_shape = [TensorShape(None) if element_shape is None
                               else as_shape(element_shape)]
        if handle is not None and tensor_array_name:
            raise ValueError("Cannot construct with both handle and tensor_array_name")
        if handle is not None and not isinstance(handle, Tensor):
            raise TypeError("Handle must be a Tensor")
        if handle is None and size is None:
            raise ValueError("Size must be provided if handle is not provided")
        if handle is not None and size is not None:
            raise ValueError("Cannot provide both a handle and size at the same time")
        if handle is not None and element_shape is not None:
            raise ValueError("Cannot provide both a handle and element_shape at the same time")
        if handle is not None and dynamic_size is not False and dynamic_size is not None:
            raise ValueError("Cannot provide both a handle and dynamic_size at the same time")
        if handle is not None and clear_after_read is not True:
            raise ValueError("Cannot provide both a handle and clear_after_read at the same time")
        if handle is not None:
            if flow is None:
                raise ValueError("flow must not be None if handle is not None.")
            self._handle, self._flow = handle, flow
            return
        with name_scope(name, "TensorArray", [size] if isinstance(size, Tensor) else []) \
                as scope:
            g = get_default_graph()
            with g.name_scope(scope):
                size_t = convert_to_tensor(size, dtype=_dt.int32, name="size")
            op = apply_op("TensorArrayV3", [size_t], {
                "dtype": self._dtype, "element_shape": self._element_shape[0],
                "dynamic_size": bool(dynamic_size), "clear_after_read": bool(clear_after_read),
                "identical_element_shapes": bool(identical),
                "tensor_array_name": tensor_array_name or ""}, scope)
            self._handle, self._flow = op.outputs
            _v2_extra(1)   # TF's TensorListReserve takes an element_shape constant

    # -- properties ------------------------------------------------------------------------
    @property
    def flow(self):
        """The flow tensor forcing ops leading to this TensorArray state."""
        return self._flow

    @property
    def dtype(self):
        """The data type of this TensorArray."""
        return self._dtype

    @property
    def handle(self):
        """The reference to the TensorArray."""
        return self._handle

    @property
    def element_shape(self):
        """The TensorShape of the elements (as far as known at graph construction)."""
        return self._element_shape[0]

    def _with_flow(self, flow):
        return build_ta_with_new_flow(self, flow)

    def _merge_element_shape(self, shape):
        if not shape.is_compatible_with(self.element_shape):
            raise ValueError(f"Inconsistent shapes: saw {shape} but expected "
                             f"{self.element_shape} (and infer_shape=True)")
        self._element_shape[0] = self.element_shape.merge_with(shape)

    # -- reading ---------------------------------------------------------------------------
    def identity(self):
        """A TensorArray with the same content, its flow an Identity of this one's."""
        return build_ta_with_new_flow(self, identity(self._flow))

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError(
            "TensorArray.grad: flowgrad builds TensorArray gradients with tf.gradients (a "
            "gradient TensorArray is a value of its own, not one attached to the forward "
            "array by a `source` string)")

    def read(self, index, name=None):
        """The tensor at `index`."""
        with name_scope(name, "TensorArrayReadV3", []) as scope:
            index = convert_to_tensor(index, dtype=_dt.int32, name="index") \
                if not isinstance(index, Tensor) else index
            _v2_extra(1)   # TF's TensorListGetItem takes an element_shape constant
            return apply("TensorArrayReadV3", [self._flow, index],
                         {"dtype": self._dtype, "element_shape": self.element_shape}, scope)

    def gather(self, indices, name=None):
        """The elements at `indices`, packed into one tensor."""
        with name_scope(name, "TensorArrayGatherV3", []) as scope:
            indices = convert_to_tensor(indices, dtype=_dt.int32, name="indices") \
                if not isinstance(indices, Tensor) else indices
            _v2_extra(1)   # TF's TensorListGather takes an element_shape constant
            return apply("TensorArrayGatherV3", [self._flow, indices],
                         {"dtype": self._dtype, "element_shape": self.element_shape}, scope)

    def stack(self, name=None):
        """All elements packed into one tensor (the first dimension indexes them)."""
        with name_scope(name, "TensorArrayStack", []), \
                _v2_counted(2):   # TF's TensorListStack and its element_shape
            return self.gather(_range(0, self.size()), name=name)

    def concat(self, name=None):
        """All elements concatenated along their first dimension."""
        dims = self.element_shape.dims
        except0 = TensorShape(None) if dims is None else TensorShape(dims[1:])
        value, _ = apply("TensorArrayConcatV3", [self._flow],
                         {"dtype": self._dtype, "element_shape_except0": except0},
                         name or "TensorArrayConcatV3")
        _v2_extra(2)   # TF's TensorListConcatV2: element_shape and leading_dims constants
        return value

    def size(self, name=None):
        """The current size of the TensorArray (an int32 scalar)."""
        return apply("TensorArraySizeV3", [self._flow], {}, name or "TensorArraySizeV3")

    def close(self, name=None):
        """Closes the TensorArray (an op)."""
        return apply_op("TensorArrayCloseV3", [self._flow], {}, name or "TensorArrayCloseV3")

    # -- writing ---------------------------------------------------------------------------
    def write(self, index, value, name=None):
        """A TensorArray with `value` written at `index`."""
        with name_scope(name, "TensorArrayWrite", []):
            value = _convert_value(value, self._dtype)
            _check_dtypes(value, self._dtype)
            if self._infer_shape:
                self._merge_element_shape(value.shape)
            if self._dynamic_size:
                # TF's resize_if_index_out_of_bounds: TensorListLength, index >= length
                # and a cond_v2 (If, an Identity) of TensorListResize
                _v2_extra(4 + (not isinstance(index, Tensor)))
            with name_scope(None, "TensorArrayWriteV3", []) as scope:
                index = convert_to_tensor(index, dtype=_dt.int32, name="index") \
                    if not isinstance(index, Tensor) else index
                flow = apply("TensorArrayWriteV3", [self._flow, index, value], {},
                             scope)
        return build_ta_with_new_flow(self, flow)

    def unstack(self, value, name=None):
        """A TensorArray holding the slices value[0], value[1], ... ."""
        with name_scope(name, "TensorArrayUnstack", []):
            # as TF 1.14: a Python/NumPy value is converted twice, by tf.shape
            # (Shape/Const) and by scatter (TensorArrayScatter/value)
            with _v2_counted(2):   # TF's TensorListFromTensor and its element_shape
                num_elements = shape(value)[0]
                return self.scatter(indices=_range(0, num_elements), value=value, name=name)

    def scatter(self, indices, value, name=None):
        """A TensorArray with value[k] written at indices[k]."""
        with name_scope(name, "TensorArrayScatter", []):
            value = _convert_value(value, self._dtype)
            _check_dtypes(value, self._dtype)
            if self._infer_shape and value.shape.ndims is not None:
                self._merge_element_shape(value.shape[1:])
            with name_scope(None, "TensorArrayScatterV3", []) as scope:
                indices = convert_to_tensor(indices, dtype=_dt.int32, name="indices") \
                    if not isinstance(indices, Tensor) else indices
                flow = apply("TensorArrayScatterV3", [self._flow, indices, value], {},
                             scope)
        return build_ta_with_new_flow(self, flow)

    def split(self, value, lengths, name=None):
        """A TensorArray holding consecutive pieces of `value` of the given lengths."""
        with name_scope(name, "TensorArraySplit", []):
            # as TF: the value converted to the array's dtype (a Tensor of another is an error)
            value = convert_to_tensor(value, dtype=self._dtype, name="value")
            lengths_64 = cast(lengths, _dt.int64)
            if self._infer_shape:
                # (TF's Python constant_value of the int64 Cast: a Const, Pack, Fill...)
                clengths = folded_value(lengths) if isinstance(lengths, Tensor) else \
                    np.asarray(lengths)
                if value.shape.dims is not None and clengths is not None and \
                        len(clengths) and max(clengths) == min(clengths):
                    self._merge_element_shape(
                        TensorShape([int(clengths[0])]).concatenate(value.shape[1:]))
            _v2_extra(1)   # TF's TensorListSplit takes an element_shape constant
            with name_scope(None, "TensorArraySplitV3", []) as scope:
                flow = apply("TensorArraySplitV3", [self._flow, value, lengths_64], {},
                             scope)
        return build_ta_with_new_flow(self, flow)


def build_ta_with_new_flow(old_ta, flow):
    """A TensorArray sharing `old_ta`'s handle and static settings, with flow `flow`."""
    ta = TensorArray.__new__(TensorArray)
    ta.__dict__.update(old_ta.__dict__)
    ta._flow = flow
    return ta

