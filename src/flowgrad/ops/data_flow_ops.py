"""TF 1.14's queues (`tf.FIFOQueue`, `tf.RandomShuffleQueue`, `tf.PaddingFIFOQueue`,
`tf.QueueBase`): the same ops, names and static shapes as TF builds.

    q = tf.FIFOQueue(3, tf.float32, shapes=[[]])
    init = q.enqueue_many([[1.0, 2.0]])
    x = q.dequeue()                 # blocks while the queue is empty and open

The kernels (engine/ops/queues.py) block as TF's do; see there for closing and
cancellation.
"""
from __future__ import annotations

import collections
import collections.abc
import functools
import hashlib

from ..engine.ops.cast import cast as _cast
from ..engine.framework import dtypes as _dt
from ..engine.framework import tensor_shape
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops import queues as _queues  # noqa: F401 - registers the queue ops
from ..engine.ops import accumulators as _accumulators  # noqa: F401 - and the accumulators
from ..engine.ops import barrier as _barrier  # noqa: F401 - and the barriers
from ..engine.ops import staging as _staging  # noqa: F401 - and the staging areas
from ..engine.ops._base import (apply_op, check_choice, make_bool, make_int, make_str,
                                typed_input)
from ..engine.ops.indexing import gather
from ..engine.ops.joining import stack
from .random_ops import get_seed
from .staging_ops import BaseStagingArea, MapStagingArea, StagingArea

__all__ = ["BaseStagingArea", "StagingArea", "MapStagingArea",
           "QueueBase", "FIFOQueue", "RandomShuffleQueue", "PaddingFIFOQueue",
           "ConditionalAccumulatorBase", "ConditionalAccumulator",
           "PriorityQueue", "Barrier"]


def _as_type_list(dtypes):
    assert dtypes is not None
    if not isinstance(dtypes, (list, tuple)):
        return [_dt.as_dtype(dtypes)]
    return [_dt.as_dtype(d) for d in dtypes]


def _as_shape_list(shapes, dtypes, unknown_dim_allowed=False, unknown_rank_allowed=False):
    del dtypes
    if unknown_dim_allowed:
        if (not isinstance(shapes, collections.abc.Sequence) or not shapes
                or any(s is None or isinstance(s, int) for s in shapes)):
            raise ValueError("When providing partial shapes, a list of shapes must be provided.")
    if shapes is None:
        return None
    if isinstance(shapes, tensor_shape.TensorShape):
        shapes = [shapes]
    if not isinstance(shapes, (tuple, list)):
        raise TypeError("shapes must be a TensorShape or a list or tuple of TensorShapes.")
    if all(s is None or isinstance(s, int) for s in shapes):
        shapes = [shapes]
    shapes = [tensor_shape.as_shape(s) for s in shapes]
    if not unknown_dim_allowed and any(not s.is_fully_defined() for s in shapes):
        raise ValueError("All shapes must be fully defined: %s" % shapes)
    if not unknown_rank_allowed and any(s.dims is None for s in shapes):
        raise ValueError("All shapes must have a defined rank: %s" % shapes)
    return shapes


def _as_name_list(names, dtypes):
    if names is None:
        return None
    if not isinstance(names, (list, tuple)):
        names = [names]
    if len(names) != len(dtypes):
        raise ValueError("List of names must have the same length as the list of dtypes")
    return list(names)


def _shape_common(s1, s2):
    """The most specific shape both are (TF's _shape_common)."""
    s1, s2 = tensor_shape.TensorShape(s1), tensor_shape.TensorShape(s2)
    if s1.ndims is None or s2.ndims is None or s1.ndims != s2.ndims:
        return tensor_shape.unknown_shape()
    return tensor_shape.TensorShape([a if a is not None and a == b else None
                                     for a, b in zip(s1.as_list(), s2.as_list())])


def _shape_attr(shapes):
    return [tuple(s.as_list()) for s in shapes] if shapes else []


class QueueBase:
    """Base class for queues: enqueue/dequeue ops on one queue resource."""

    def __init__(self, dtypes, shapes, names, queue_ref):
        self._dtypes = dtypes
        if shapes is not None:
            if len(shapes) != len(dtypes):
                raise ValueError("Queue shapes must have the same length as dtypes")
            self._shapes = [tensor_shape.TensorShape(s) for s in shapes]
        else:
            self._shapes = [tensor_shape.unknown_shape() for _ in self._dtypes]
        if names is not None:
            if len(names) != len(dtypes):
                raise ValueError("Queue names must have the same length as dtypes")
            self._names = names
        else:
            self._names = None
        self._queue_ref = queue_ref
        self._name = queue_ref.op.name.split("/")[-1]

    @staticmethod
    def from_list(index, queues):
        """A queue that selects among `queues` by `index`: TF's Gather of their stacked
        handles, with the shapes they have in common."""
        if not queues or not isinstance(queues, list) or not all(
                isinstance(x, QueueBase) for x in queues):
            raise TypeError("A list of queues expected")
        dtypes = queues[0].dtypes
        if not all(dtypes == q.dtypes for q in queues[1:]):
            raise TypeError("Queues do not have matching component dtypes.")
        names = queues[0].names
        if not all(names == q.names for q in queues[1:]):
            raise TypeError("Queues do not have matching component names.")
        shapes = [functools.reduce(_shape_common, s) for s in zip(*[q.shapes for q in queues])]
        refs = stack([q.queue_ref for q in queues])
        return QueueBase(dtypes=dtypes, shapes=shapes, names=names,
                         queue_ref=gather(refs, index))

    @property
    def queue_ref(self):
        return self._queue_ref

    @property
    def name(self):
        return self._queue_ref.op.name

    @property
    def dtypes(self):
        return self._dtypes

    @property
    def shapes(self):
        return self._shapes

    @property
    def names(self):
        return self._names

    def _check_enqueue_dtypes(self, vals):
        if isinstance(vals, dict):
            if not self._names:
                raise ValueError("Queue must have names to enqueue a dictionary")
            if sorted(self._names, key=str) != sorted(vals.keys(), key=str):
                raise ValueError("Keys in dictionary to enqueue do not match names of Queue.  "
                                 "Dictionary: (%s), Queue: (%s)"
                                 % (sorted(vals.keys()), sorted(self._names)))
            vals = [vals[k] for k in self._names]
        else:
            if self._names:
                raise ValueError("You must enqueue a dictionary in a Queue with names")
            if not isinstance(vals, (list, tuple)):
                vals = [vals]
        return [convert_to_tensor(v, dtype=d, name="component_%d" % i)
                for i, (v, d) in enumerate(zip(vals, self._dtypes))]

    @staticmethod
    def _scope_vals(vals):
        if isinstance(vals, (list, tuple)):
            return list(vals)
        if isinstance(vals, dict):
            return list(vals.values())
        return [vals]

    def enqueue(self, vals, name=None):
        """Enqueues one element (blocks while the queue is full)."""
        with name_scope(name, "%s_enqueue" % self._name, self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            for val, shape in zip(vals, self._shapes):
                val.shape.assert_is_compatible_with(shape)
            return apply_op("QueueEnqueueV2", [self._queue_ref] + vals,
                            {"Tcomponents": [v.dtype for v in vals], "timeout_ms": -1}, scope)

    def enqueue_many(self, vals, name=None):
        """Enqueues the slices of `vals` along dimension 0 as elements."""
        with name_scope(name, "%s_EnqueueMany" % self._name, self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            batch_dim = tensor_shape.Dimension(
                tensor_shape.dimension_value(vals[0].shape.with_rank_at_least(1)[0]))
            for val, shape in zip(vals, self._shapes):
                val_batch = tensor_shape.Dimension(
                    tensor_shape.dimension_value(val.shape.with_rank_at_least(1)[0]))
                batch_dim = batch_dim.merge_with(val_batch)
                val.shape[1:].assert_is_compatible_with(shape)
            return apply_op("QueueEnqueueManyV2", [self._queue_ref] + vals,
                            {"Tcomponents": [v.dtype for v in vals], "timeout_ms": -1}, scope)

    def _dequeue_return_value(self, tensors):
        if self._names:
            return {n: tensors[i] for i, n in enumerate(self._names)}
        if len(tensors) == 1:
            return tensors[0]
        return tensors

    def _dequeue_op(self, op_type, inputs, name):
        op = apply_op(op_type, [self._queue_ref] + inputs,
                      {"component_types": list(self._dtypes), "timeout_ms": -1}, name)
        return op

    def dequeue(self, name=None):
        """Dequeues one element (blocks while the queue is empty and open)."""
        if name is None:
            name = "%s_Dequeue" % self._name
        op = self._dequeue_op("QueueDequeueV2", [], name)
        for out, shape in zip(op.outputs, self._shapes):
            out.set_shape(shape)
        return self._dequeue_return_value(op.outputs)

    def _many(self, op_type, n, name, suffix):
        if name is None:
            name = "%s_%s" % (self._name, suffix)
        with name_scope(name) as scope:
            n_t = typed_input(n, _dt.int32, op_type, "n")
            op = self._dequeue_op(op_type, [n_t], scope)
        return op, n_t

    def dequeue_many(self, n, name=None):
        """Dequeues and concatenates `n` elements along a new dimension 0."""
        op, n_t = self._many("QueueDequeueManyV2", n, name, "DequeueMany")
        batch = constant_value(n_t)   # TF: tensor_util.constant_value (Size, Rank, Pack...)
        batch_dim = tensor_shape.Dimension(None if batch is None else int(batch))
        for out, shape in zip(op.outputs, self._shapes):
            out.set_shape(tensor_shape.TensorShape([batch_dim]).concatenate(shape))
        return self._dequeue_return_value(op.outputs)

    def dequeue_up_to(self, n, name=None):
        """Like dequeue_many, but a closed queue gives what remains (at least one)."""
        op, _ = self._many("QueueDequeueUpToV2", n, name, "DequeueUpTo")
        for out, shape in zip(op.outputs, self._shapes):
            out.set_shape(tensor_shape.TensorShape([None]).concatenate(shape))
        return self._dequeue_return_value(op.outputs)

    def close(self, cancel_pending_enqueues=False, name=None):
        """Closes the queue: later enqueues fail, dequeues drain what is left."""
        if name is None:
            name = "%s_Close" % self._name
        return apply_op("QueueCloseV2", [self._queue_ref], {"cancel_pending_enqueues": make_bool(
            cancel_pending_enqueues, "cancel_pending_enqueues")}, name)

    def is_closed(self, name=None):
        """A bool scalar: whether the queue is closed."""
        if name is None:
            name = "%s_Is_Closed" % self._name
        return apply_op("QueueIsClosedV2", [self._queue_ref], {}, name).outputs[0]

    def size(self, name=None):
        """An int32 scalar: the number of elements in the queue."""
        if name is None:
            name = "%s_Size" % self._name
        return apply_op("QueueSizeV2", [self._queue_ref], {}, name).outputs[0]


def _queue_op(op_type, attrs, name):
    if attrs.get("capacity", -1) is None:   # TF's generated wrappers: None is the default
        attrs["capacity"] = -1
    for a in ("capacity", "min_after_dequeue"):   # the wrappers' make_int / make_str,
        if a in attrs:                             # in attr order
            attrs[a] = make_int(attrs[a], a)
    for a in ("container", "shared_name"):
        attrs[a] = make_str("" if attrs[a] is None else attrs[a], a)
    return apply_op(op_type, [], attrs, name).outputs[0]


class RandomShuffleQueue(QueueBase):
    """A queue that dequeues elements in a random order (TF's Philox order for its seeds)."""

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None, seed=None,
                 shared_name=None, name="random_shuffle_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes)
        names = _as_name_list(names, dtypes)
        seed1, seed2 = get_seed(seed)
        if seed1 is None and seed2 is None:
            seed1, seed2 = 0, 0
        elif seed is None and shared_name is not None:
            string = (str(seed1) + shared_name).encode("utf-8")
            seed2 = int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF
        ref = _queue_op("RandomShuffleQueueV2", {
            "component_types": dtypes, "shapes": _shape_attr(shapes), "capacity": capacity,
            "min_after_dequeue": min_after_dequeue, "seed": seed1, "seed2": seed2,
            "container": "", "shared_name": shared_name}, name)
        super().__init__(dtypes, shapes, names, ref)


class FIFOQueue(QueueBase):
    """A queue that dequeues elements in first-in first-out order."""

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None,
                 name="fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes)
        names = _as_name_list(names, dtypes)
        ref = _queue_op("FIFOQueueV2", {
            "component_types": dtypes, "shapes": _shape_attr(shapes), "capacity": capacity,
            "container": "", "shared_name": shared_name}, name)
        super().__init__(dtypes, shapes, names, ref)


class PaddingFIFOQueue(QueueBase):
    """A FIFO queue whose dequeue_many pads variable-size components to the largest."""

    def __init__(self, capacity, dtypes, shapes, names=None, shared_name=None,
                 name="padding_fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes, unknown_dim_allowed=True)
        names = _as_name_list(names, dtypes)
        if len(dtypes) != len(shapes):
            raise ValueError("Shapes must be provided for all components, but received "
                             "%d dtypes and %d shapes." % (len(dtypes), len(shapes)))
        ref = _queue_op("PaddingFIFOQueueV2", {
            "component_types": dtypes,
            "shapes": [tuple(s.as_list()) if s.dims is not None else None for s in shapes],
            "capacity": capacity, "container": "", "shared_name": shared_name}, name)
        super().__init__(dtypes, shapes, names, ref)


class PriorityQueue(QueueBase):
    """A queue whose elements start with an int64 scalar priority; dequeues take the
    smallest priority first (ties in TF's heap order)."""

    def __init__(self, capacity, types, shapes=None, names=None, shared_name=None,
                 name="priority_queue"):
        types = _as_type_list(types)
        shapes = _as_shape_list(shapes, types)
        if shapes is None:
            raise TypeError("Expected list for 'shapes' argument to 'priority_queue_v2' Op, "
                            "not None.")
        ref = _queue_op("PriorityQueueV2", {
            "component_types": types, "shapes": _shape_attr(shapes), "capacity": capacity,
            "container": "", "shared_name": shared_name}, name)
        priority_types = [_dt.int64] + types
        priority_shapes = [tensor_shape.TensorShape([])] + shapes if shapes else shapes
        super().__init__(priority_types, priority_shapes, names, ref)


class Barrier:
    """TF 1.14's `data_flow_ops.Barrier`: tuples of components gathered by string key;
    complete tuples come out of take_many in the order their keys were first inserted
    (engine/ops/barrier.py)."""

    def __init__(self, types, shapes=None, shared_name=None, name="barrier"):
        self._types = _as_type_list(types)
        if shapes is not None:
            self._shapes = [tensor_shape.TensorShape(s)
                            for s in _as_shape_list(shapes, self._types)]
            for i, shape in enumerate(self._shapes):
                if shape.num_elements() == 0:
                    raise ValueError("Empty tensors are not supported, but received shape "
                                     "'%s' at index %d" % (shape, i))
        else:
            self._shapes = [tensor_shape.unknown_shape() for _ in self._types]
        self._barrier_ref = _queue_op("Barrier", {
            "component_types": self._types,
            "shapes": [None if s.dims is None else tuple(s.as_list()) for s in self._shapes],
            "capacity": -1, "container": "", "shared_name": shared_name or ""}, name)
        self._name = self._barrier_ref.op.name.split("/")[-1]

    @property
    def barrier_ref(self):
        return self._barrier_ref

    @property
    def name(self):
        return self._barrier_ref.op.name

    def insert_many(self, component_index, keys, values, name=None):
        """Sets component `component_index` of the tuples of `keys` to `values`' rows."""
        if name is None:
            name = "%s_BarrierInsertMany" % self._name
        keys = convert_to_tensor(keys, dtype=_dt.string, name="keys")
        values = convert_to_tensor(values, name="values")
        return apply_op("BarrierInsertMany", [self._barrier_ref, keys, values],
                        {"T": values.dtype, "component_index": component_index}, name)

    def take_many(self, num_elements, allow_small_batch=False, timeout=None, name=None):
        """(indices, keys, values): `num_elements` complete tuples, oldest keys first."""
        if name is None:
            name = "%s_BarrierTakeMany" % self._name
        with name_scope(name) as scope:
            n = convert_to_tensor(num_elements, dtype=_dt.int32, name="num_elements")
            op = apply_op("BarrierTakeMany", [self._barrier_ref, n], {
                "component_types": self._types, "allow_small_batch": allow_small_batch,
                "wait_for_incomplete": False,
                "timeout_ms": -1 if timeout is None else timeout}, scope)
        batch = None if allow_small_batch else constant_value(n)
        batch_dim = tensor_shape.Dimension(None if batch is None else int(batch))
        op.outputs[0].set_shape([batch_dim])
        op.outputs[1].set_shape([batch_dim])
        for output, shape in zip(op.outputs[2:], self._shapes):
            output.set_shape(tensor_shape.TensorShape([batch_dim]).concatenate(shape))
        return op.outputs[0], op.outputs[1], list(op.outputs[2:])

    def close(self, cancel_pending_enqueues=False, name=None):
        """Refuses new keys (and, with cancel_pending_enqueues, new components)."""
        if name is None:
            name = "%s_BarrierClose" % self._name
        return apply_op("BarrierClose", [self._barrier_ref],
                        {"cancel_pending_enqueues": cancel_pending_enqueues}, name)

    def ready_size(self, name=None):
        """An int32 scalar: the number of complete tuples."""
        if name is None:
            name = "%s_BarrierReadySize" % self._name
        return apply_op("BarrierReadySize", [self._barrier_ref], {}, name).outputs[0]

    def incomplete_size(self, name=None):
        """An int32 scalar: the number of incomplete tuples."""
        if name is None:
            name = "%s_BarrierIncompleteSize" % self._name
        return apply_op("BarrierIncompleteSize", [self._barrier_ref], {}, name).outputs[0]


# -- gradient accumulators (engine/ops/accumulators.py) --------------------------------------
class ConditionalAccumulatorBase:
    """An accumulator's handle and the ops every accumulator has (TF 1.14)."""

    def __init__(self, dtype, shape, accumulator_ref):
        self._dtype = dtype
        self._shape = tensor_shape.TensorShape(shape) if shape is not None \
            else tensor_shape.unknown_shape()
        self._accumulator_ref = accumulator_ref
        self._name = accumulator_ref.op.name.split("/")[-1]

    @property
    def accumulator_ref(self):
        return self._accumulator_ref

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    def num_accumulated(self, name=None):
        """The number of gradients aggregated so far (int32)."""
        if name is None:
            name = "%s_NumAccumulated" % self._name
        return apply_op("AccumulatorNumAccumulated", [self._accumulator_ref], {},
                        name).outputs[0]

    def set_global_step(self, new_global_step, name=None):
        """Sets the accumulator's global step (older gradients are dropped)."""
        step = _cast(convert_to_tensor(new_global_step), _dt.int64)
        return apply_op("AccumulatorSetGlobalStep", [self._accumulator_ref, step], {},
                        name or "AccumulatorSetGlobalStep")


def _check_reduction(op_type, reduction_type):
    """op_def_library's check of the reduction_type attr (before the op is made)."""
    return check_choice(op_type, "reduction_type", reduction_type, ("MEAN", "SUM"))


def _num_required(op_type, num_required):
    """`num_required` as TF's op wrapper converts it (a Const <scope>/num_required)."""
    try:
        return convert_to_tensor(num_required, _dt.int32, name="num_required")
    except TypeError as e:
        if hasattr(num_required, "dtype"):
            raise
        raise TypeError(f"Expected int32 passed to parameter 'num_required' of op "
                        f"'{op_type}', got {num_required!r} of type "
                        f"'{type(num_required).__name__}' instead. Error: {e}") from None


class ConditionalAccumulator(ConditionalAccumulatorBase):
    """Aggregates dense gradients: `take_grad(n)` waits for n and returns their mean."""

    def __init__(self, dtype, shape=None, shared_name=None, name="conditional_accumulator",
                 reduction_type="MEAN"):
        dtype = _dt.as_dtype(dtype)
        _check_reduction("ConditionalAccumulator", reduction_type)
        ref = apply_op("ConditionalAccumulator", [], {   # (op_def_library: a ref dtype's base)
            "dtype": dtype.base_dtype, "shape": tensor_shape.TensorShape(shape),
            "container": "", "shared_name": shared_name or "",
            "reduction_type": reduction_type}, name).outputs[0]
        super().__init__(dtype, shape, ref)

    def apply_grad(self, grad, local_step=0, name=None):
        """Adds `grad` unless `local_step` is older than the accumulator's global step."""
        grad = convert_to_tensor(grad, self._dtype)
        grad.get_shape().assert_is_compatible_with(self._shape)
        local_step = _cast(convert_to_tensor(local_step), _dt.int64)
        return apply_op("AccumulatorApplyGradient", [self._accumulator_ref, local_step, grad],
                        {"dtype": self._dtype.base_dtype}, name or "AccumulatorApplyGradient")

    def take_grad(self, num_required, name=None):
        """Waits for `num_required` gradients; their mean (or sum), then starts afresh."""
        with name_scope(name, "AccumulatorTakeGradient") as scope:
            # as TF's op wrapper: a Python num_required is a Const inside the op's scope
            n = _num_required("AccumulatorTakeGradient", num_required)
            out = apply_op("AccumulatorTakeGradient", [self._accumulator_ref, n],
                           {"dtype": self._dtype.base_dtype}, scope).outputs[0]
        out.set_shape(self._shape)
        return out


class SparseConditionalAccumulator(ConditionalAccumulatorBase):
    """Aggregates sparse gradients (IndexedSlices): `take_grad(n)` waits for n and returns
    their sum per index, divided (MEAN) by how many of them had that index."""

    def __init__(self, dtype, shape=None, shared_name=None,
                 name="sparse_conditional_accumulator", reduction_type="MEAN"):
        dtype = _dt.as_dtype(dtype)
        _check_reduction("SparseConditionalAccumulator", reduction_type)
        ref = apply_op("SparseConditionalAccumulator", [], {
            "dtype": dtype, "shape": tensor_shape.TensorShape(shape),
            "container": "", "shared_name": shared_name or "",
            "reduction_type": reduction_type}, name).outputs[0]
        super().__init__(dtype, shape, ref)

    def apply_indexed_slices_grad(self, grad, local_step=0, name=None):
        """Adds the IndexedSlices `grad` (see apply_grad)."""
        return self.apply_grad(grad_indices=grad.indices, grad_values=grad.values,
                               grad_shape=grad.dense_shape, local_step=local_step, name=name)

    def apply_grad(self, grad_indices, grad_values, grad_shape=None, local_step=0, name=None):
        """Adds the rows `grad_values` at `grad_indices` unless `local_step` is older than
        the accumulator's global step."""
        local_step = _cast(convert_to_tensor(local_step), _dt.int64)
        indices = _cast(grad_indices, _dt.int64)
        shape = _cast([] if grad_shape is None else grad_shape, _dt.int64)
        with name_scope(name, "SparseAccumulatorApplyGradient") as scope:
            # as TF: the op's dtype is the values' own (another than the accumulator's is
            # an error when the op runs; TF 1.14's kernel aborts the process there)
            values = convert_to_tensor(grad_values, name="gradient_values")
            return apply_op("SparseAccumulatorApplyGradient",
                            [self._accumulator_ref, local_step, indices, values, shape],
                            {"dtype": values.dtype.base_dtype,
                             "has_known_shape": grad_shape is not None}, scope)

    def _take(self, num_required, name):
        with name_scope(name, "SparseAccumulatorTakeGradient") as scope:
            n = _num_required("SparseAccumulatorTakeGradient", num_required)
            return apply_op("SparseAccumulatorTakeGradient", [self._accumulator_ref, n],
                            {"dtype": self._dtype}, scope).outputs

    def take_grad(self, num_required, name=None):
        """Waits for `num_required` gradients: (indices, values, shape) of their mean."""
        indices, values, shape = self._take(num_required, name)
        return _SparseTake(indices, values, shape)

    def take_indexed_slices_grad(self, num_required, name=None):
        """take_grad as an IndexedSlices."""
        indices, values, shape = self._take(num_required, name)
        return IndexedSlices(indices=indices, values=values, dense_shape=shape)


_SparseTake = collections.namedtuple("SparseAccumulatorTakeGradient",
                                     ["indices", "values", "shape"])
