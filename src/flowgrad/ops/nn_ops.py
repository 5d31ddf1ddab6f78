"""tf.nn's neural-network functions: TF 1.14's composites, and the op binders.

The primitive ops live in the engine, one module per family:
engine/ops/activations.py (Relu ... LeakyRelu and their *Grad ops, Softmax,
LogSoftmax), bias_add.py, losses.py (the fused cross-entropies, L2Loss),
normalization.py (FusedBatchNorm, LRN) and top_k.py; their binders (relu,
bias_add, l2_loss, fused_batch_norm, top_k, ...) are re-exported here.

This module writes TF's composites over those ops, as TF 1.14 writes them:
the softmax cross-entropy wrappers, sigmoid/weighted cross-entropy, dropout,
l2_normalize, moments, batch_normalization, embedding_lookup, nce_loss,
sampled_softmax_loss, xw_plus_b and the other small tf.nn helpers.

>>> with tf.Session() as sess:
...     print(sess.run(tf.nn.l2_normalize([3.0, 4.0], 0)))
[0.6 0.8]
"""
from __future__ import annotations

__all__ = [
    "batch_norm_with_global_normalization",
    "batch_normalization",
    "bias_add",
    "crelu",
    "dropout",
    "elu",
    "embedding_lookup",
    "fused_batch_norm",
    "in_top_k",
    "l2_loss",
    "l2_normalize",
    "leaky_relu",
    "local_response_normalization",
    "log_poisson_loss",
    "log_softmax",
    "lrn",
    "moments",
    "nce_loss",
    "normalize_moments",
    "relu",
    "relu6",
    "relu_layer",
    "sampled_softmax_loss",
    "selu",
    "sigmoid_cross_entropy_with_logits",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2",
    "softplus",
    "softsign",
    "sparse_softmax_cross_entropy_with_logits",
    "sufficient_statistics",
    "swish",
    "top_k",
    "weighted_cross_entropy_with_logits",
    "weighted_moments",
    "xw_plus_b",
    "zero_fraction",
]

import numbers
from typing import Sequence

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.framework.static_value import constant_value
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops._base import FLOATS, apply, check_dtype, to_tensor
from ..engine.ops._nn_util import TensorLike, graph_values, scalar
from ..engine.ops.activations import (
    axis_lookup,
    elu,
    leaky_relu,
    log_softmax,
    relu,
    relu6,
    selu,
    softmax,
    softplus,
    softsign,
)
from ..engine.ops.array_extra import dynamic_partition as _dynamic_partition
from ..engine.ops.bias_add import bias_add
from ..engine.ops.construction import range as _range
from ..engine.ops.defun import Defun
from ..engine.ops.losses import l2_loss
from ..engine.ops.normalization import fused_batch_norm, local_response_normalization, lrn
from ..engine.ops.sparse import sparse_to_dense as _sparse_to_dense
from ..engine.ops.top_k import in_top_k, top_k
from . import array_ops as _a
from .variables import ResourceVariable
from . import check_ops
from . import comparison_ops as _c
from . import math_ops as _m
from .linalg_ops import matmul
from .partitioned_variables import PartitionedVariable
from .random_ops import compute_accidental_hits, log_uniform_candidate_sampler, random_uniform


def _flatten_outer(t):
    """Reshapes to 2-D [-1, last], as TF's _flatten_outer_dims."""
    dims = t.shape.as_tuple()
    if dims is not None and len(dims) == 2:
        return t
    if dims is not None and dims[-1] is not None:
        return _a.reshape(t, [-1, dims[-1]])
    last = _a.reshape(_a.shape(t)[-1], [1])
    return _a.reshape(t, _a.concat([constant(np.array([-1], np.int32)), last], 0))


def _tf_flatten_outer_dims(t):
    """TF's _flatten_outer_dims op for op (Rank, Shape, Sub, Slice, ConcatV2, Reshape), so
    that op counts and names match TF's; static shapes fold them away at run time."""
    rank = _a.rank(t)
    last_dim_size = _a.slice(_a.shape(t), [_m.subtract(rank, 1)], [1])
    out = _a.reshape(t, _a.concat([[-1], last_dim_size], 0))
    dims = t.shape.as_tuple()
    if dims is not None and None not in dims[:-1]:
        out.set_shape([int(np.prod(dims[:-1], dtype=np.int64)), dims[-1]])
    elif dims is not None and len(dims) == 2:
        out.set_shape([None, dims[-1]])  # TF's Reshape shape function infers this too
    return out


def _moved_to_end(t, axis, rank):
    """TF's _move_dim_to_end for axis != -1: a transpose by
    concat([range(axis), range(axis + 1, rank), [axis]]) (the Rank tensor `rank`)."""
    if axis == -1:
        return t
    perm = _a.concat([_range(axis), _range(axis + 1, rank), [axis]], 0)
    return _a.transpose(t, perm)


def softmax_cross_entropy_with_logits_v2(labels: TensorLike, logits: TensorLike,
                                         axis: int | None = None, name: str | None = None,
                                         dim: int | None = None) -> Tensor:
    """Cross-entropy between softmax(logits) and a distribution `labels`, along `axis`.

    Uses the fused SoftmaxCrossEntropyWithLogits op (numerically stable for
    extreme logits); gradients flow into both logits and labels.

    Args:
      labels: a float tensor of logits' shape (each row a probability distribution).
      logits: unscaled log probabilities.
      dim, axis: the class dimension (default -1).
    Returns:
      The loss, of logits' shape without the class dimension.
    Raises:
      ValueError: positional arguments, or labels/logits shapes differ.

    >>> loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=[[0.0, 1.0]],
    ...                                                   logits=[[1.0, 1.0]])
    >>> with tf.Session() as sess:
    ...     print(sess.run(loss))
    [0.6931472]
    """
    axis = axis_lookup(axis, dim)
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "softmax_cross_entropy_with_logits", values) as scope:
        logits = to_tensor(logits, name="logits")
        check_dtype("SoftmaxCrossEntropyWithLogits", logits, FLOATS, "features")
        # TF converts labels as they come (Python ints: int32) and casts them to the
        # (float32 for half) logits' dtype: a Cast op when the dtypes differ
        labels = to_tensor(labels, name="labels")
        in_dtype = logits.dtype.base_dtype
        if in_dtype in (_dt.float16, _dt.bfloat16):
            logits = _m.cast(logits, _dt.float32)
        labels = _m.cast(labels, logits.dtype.base_dtype)
        shape = logits.shape
        if shape.ndims != 2 and not shape.is_compatible_with(labels.shape):
            # (rank 2 goes straight to the op, whose shape rule raises this naming it)
            raise ValueError(f"Shapes {shape} and {labels.shape} are incompatible for "
                             f"'{scope.rstrip('/')}' (op: 'SoftmaxCrossEntropyWithLogits')")
        if shape.ndims == 0:
            raise ValueError("logits must have at least one dimension")
        # TF's composite op for op (Rank, Shape, flatten, the op, Slice, Reshape).
        input_rank = _a.rank(logits)
        logits = _moved_to_end(logits, axis, input_rank)
        labels = _moved_to_end(labels, axis, input_rank)
        input_shape = _a.shape(logits)
        cost = apply("SoftmaxCrossEntropyWithLogits", [_tf_flatten_outer_dims(logits),
                                                       _tf_flatten_outer_dims(labels)],
                     None, scope)[0]
        output_shape = _a.slice(input_shape, [0], [_m.subtract(input_rank, 1)])
        cost = _a.reshape(cost, output_shape)
        if shape.dims is not None:
            cost.set_shape(shape[:-1] if axis in (-1, shape.ndims - 1) else
                           [d for i, d in enumerate(shape.as_list()) if i != axis % shape.ndims])
        if in_dtype in (_dt.float16, _dt.bfloat16):
            cost = _m.cast(cost, in_dtype)
        return cost


def softmax_cross_entropy_with_logits(_sentinel=None, labels: TensorLike | None = None,
                                      logits: TensorLike | None = None, dim: int = -1,
                                      name: str | None = None, axis: int | None = None) -> Tensor:
    """TF 1.x's (deprecated) softmax cross-entropy: no gradient flows into `labels`.

    Same as softmax_cross_entropy_with_logits_v2(labels=tf.stop_gradient(labels), ...).
    """
    if _sentinel is not None:
        raise ValueError("Only call `softmax_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", values) as scope:
        labels = _a.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, dim=dim,
                                                name=scope, axis=axis)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels: TensorLike | None = None,
                                             logits: TensorLike | None = None,
                                             name: str | None = None) -> Tensor:
    """Cross-entropy of softmax(logits) against integer class `labels`.

    Args:
      labels: int32/int64 of logits' shape without the last dimension, in [0, classes).
      logits: float [..., classes].
    Returns:
      The loss, of labels' shape and logits' dtype.
    Raises:
      ValueError: scalar logits, or labels' rank/shape does not match.
      InvalidArgumentError (at run): a label outside [0, classes).

    >>> loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[1], logits=[[1.0, 1.0]])
    >>> with tf.Session() as sess:
    ...     print(sess.run(loss))
    [0.6931472]
    """
    if _sentinel is not None:
        raise ValueError("Only call `sparse_softmax_cross_entropy_with_logits` with named "
                         "arguments (labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", values):
        labels = to_tensor(labels)   # TF 1.14: convert_to_tensor(labels): `Const`
        logits = to_tensor(logits)
        check_dtype("SparseSoftmaxCrossEntropyWithLogits", logits, FLOATS, "features")
        in_dtype = logits.dtype.base_dtype
        # TF 1.14 casts only float16 (bfloat16 goes to the op itself, on XLA_CPU)
        precise = _m.cast(logits, _dt.float32) if in_dtype == _dt.float16 else logits
        labels_shape = _a.shape(labels)  # as TF, even when unused (`.../Shape`)
        ls, gs = labels.shape, logits.shape
        if gs.ndims == 0:
            raise ValueError(f"Logits cannot be scalars - received shape {gs}.")
        if gs.ndims is not None and ls.ndims is not None and ls.ndims != gs.ndims - 1:
            raise ValueError(f"Rank mismatch: Rank of labels (received {ls.ndims}) should equal "
                             f"rank of logits minus 1 (received {gs.ndims}).")
        if ls.is_fully_defined() and gs.is_fully_defined() and \
                ls.as_tuple() != gs.as_tuple()[:-1]:
            raise ValueError(f"Shape mismatch: The shape of labels (received {ls}) should equal "
                             "the shape of logits except for the last dimension "
                             f"(received {gs}).")
        if gs.ndims == 2:
            # as TF, the op itself is also called `name` (scope "xentropy", op "xentropy")
            cost = apply("SparseSoftmaxCrossEntropyWithLogits", [precise, labels], None,
                         name or "SparseSoftmaxCrossEntropyWithLogits")[0]
        else:
            cost = _sparse_xent_reshaped(precise, logits, labels, labels_shape, name)
        if in_dtype == _dt.float16:
            cost = _m.cast(cost, in_dtype)
        return cost


def _sparse_xent_reshaped(precise, logits, labels, labels_shape, name):
    """The loss of logits of rank other than 2, through TF's ops: a shape check unless the
    static shapes are known, logits reshaped to [-1, shape(logits)[rank(logits) - 1]]."""
    ls = labels.shape
    checks = []
    if not (ls.is_fully_defined() and logits.shape[:-1].is_fully_defined()):
        checks.append(check_ops.assert_equal(_a.shape(labels), _a.shape(logits)[:-1]))
    with get_default_graph().control_dependencies(checks):
        num_classes = _a.shape(logits)[_a.rank(logits) - 1]
        precise = _a.reshape(precise, [-1, num_classes])
        labels = _a.reshape(labels, [-1])
        cost = apply("SparseSoftmaxCrossEntropyWithLogits", [precise, labels], None,
                     name or "SparseSoftmaxCrossEntropyWithLogits")[0]
        cost = _a.reshape(cost, labels_shape)
        cost.set_shape(ls)
        return cost


# -- sigmoid / weighted cross-entropy (composites, as TF) -----------------------------------
def sigmoid_cross_entropy_with_logits(_sentinel=None, labels: TensorLike | None = None,
                                      logits: TensorLike | None = None,
                                      name: str | None = None) -> Tensor:
    """Logistic loss, computed stably: max(x, 0) - x * z + log(1 + exp(-|x|)).

    Args:
      labels: float tensor of logits' shape and dtype, in [0, 1].
      logits: float tensor.
    Returns:
      The elementwise loss.
    Raises:
      ValueError: positional arguments, or the shapes differ.

    >>> loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=[1.0], logits=[0.0])
    >>> with tf.Session() as sess:
    ...     print(sess.run(loss))
    [0.6931472]
    """
    if _sentinel is not None:
        raise ValueError("Only call `sigmoid_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "logistic_loss", values) as scope:
        logits = to_tensor(logits, name="logits")
        # no dtype: labels of another type fail at `logits * labels` (TF's Mul TypeError)
        labels = to_tensor(labels, name="labels")
        if not logits.shape.is_compatible_with(labels.shape):
            raise ValueError(f"logits and labels must have the same shape ({logits.shape} vs "
                             f"{labels.shape})")
        zeros = _a.zeros_like(logits)
        cond = _c.greater_equal(logits, zeros)
        relu_logits = _a.where(cond, logits, zeros)
        neg_abs_logits = _a.where(cond, _m.negative(logits), logits)
        return _m.add(relu_logits - logits * labels,  # TF's `mul`, `sub`
                      _m.log1p(_m.exp(neg_abs_logits)), name=scope)


def weighted_cross_entropy_with_logits(labels: TensorLike | None = None,
                                       logits: TensorLike | None = None,
                                       pos_weight: float | TensorLike | None = None,
                                       name: str | None = None,
                                       targets: TensorLike | None = None) -> Tensor:
    """Logistic loss with positive examples weighted by `pos_weight`, computed stably:
    (1 - z) x + (1 + (q - 1) z) (log(1 + exp(-|x|)) + max(-x, 0)).

    >>> loss = tf.nn.weighted_cross_entropy_with_logits(targets=[1.0], logits=[0.0],
    ...                                                 pos_weight=2.0)
    >>> with tf.Session() as sess:
    ...     print(sess.run(loss))
    [1.3862944]
    """
    if labels is not None and targets is not None:   # TF's deprecated_argument_lookup
        raise ValueError("Cannot specify both 'targets' and 'labels'")
    targets = labels if targets is None else targets
    values = [t for t in (logits, targets) if hasattr(t, "op")]
    with name_scope(name, "logistic_loss", values) as scope:   # TF's _v2, on `labels`
        logits = to_tensor(logits, name="logits")
        targets = to_tensor(targets, name="labels")
        if not logits.shape.is_compatible_with(targets.shape):
            raise ValueError(f"logits and labels must have the same shape ({logits.shape} vs "
                             f"{targets.shape})")
        # TF's operators, in its order (names mul/x, mul, add/x, add, sub/x, sub, ...)
        log_weight = 1 + (pos_weight - 1) * targets
        return _m.add((1 - targets) * logits,
                      log_weight * (_m.log1p(_m.exp(-_m.abs(logits))) +
                                    apply("Relu", [-logits])), name=scope)


# -- l2_normalize, moments, batch_normalization (composites) --------------------------------
def l2_normalize(x: TensorLike, axis: int | None = None, epsilon: float = 1e-12,
                 name: str | None = None, dim: int | None = None) -> Tensor:
    """x / sqrt(max(sum(x ** 2, axis), epsilon))."""
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'dim' and 'axis'")
    axis = dim if axis is None else axis
    with name_scope(name, "l2_normalize", [x] if hasattr(x, "op") else []) as scope:
        x = to_tensor(x, name="x")
        square_sum = _m.reduce_sum(_m.square(x), axis, keepdims=True)
        inv_norm = _m.rsqrt(_m.maximum(square_sum, epsilon))
        return _m.multiply(x, inv_norm, name=scope)


def moments(x: TensorLike, axes: Sequence[int], shift: TensorLike | None = None,
            name: str | None = None, keep_dims: bool | None = None,
            keepdims: bool | None = None) -> tuple[Tensor, Tensor]:
    """Mean and variance of `x` over `axes` (variance with a stopped-gradient mean, as TF).

    Args:
      x: a float tensor; float16 is computed in float32.
      axes: list of axes to reduce.
      keep_dims / keepdims: keep reduced axes as size 1.
    Returns:
      (mean, variance).

    >>> mean, var = tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 6.0]]), axes=[0])
    >>> with tf.Session() as sess:
    ...     print(sess.run(var))
    [1. 4.]
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    with name_scope(name, "moments", [x] if hasattr(x, "op") else []):
        x = to_tensor(x, name="x")
        y = _m.cast(x, _dt.float32) if x.dtype.base_dtype is _dt.float16 else x
        axes = list(axes) if isinstance(axes, (list, tuple)) else axes
        mean = _m.reduce_mean(y, axes, keepdims=True, name="mean")
        variance = _m.reduce_mean(_m.squared_difference(y, _a.stop_gradient(mean)), axes,
                                  keepdims=True, name="variance")
        if not keep:
            mean = _a.squeeze(mean, axes)
            variance = _a.squeeze(variance, axes)
        if x.dtype.base_dtype is _dt.float16:
            return _m.cast(mean, _dt.float16), _m.cast(variance, _dt.float16)
        return mean, variance


def batch_normalization(x: TensorLike, mean: TensorLike, variance: TensorLike, offset: TensorLike,
                        scale: TensorLike, variance_epsilon: float,
                        name: str | None = None) -> Tensor:
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, as TF composes it.

    >>> y = tf.nn.batch_normalization(tf.constant([1.0, 3.0]), 2.0, 4.0, None, None, 0.0)
    >>> with tf.Session() as sess:
    ...     print(sess.run(y))
    [-0.5  0.5]
    """
    values = [t for t in (x, mean, variance, scale, offset) if hasattr(t, "op")]
    with name_scope(name, "batchnorm", values):
        # Line for line TF's code: Python numbers stay numbers until they meet a tensor,
        # so op names ("batchnorm/add", ...) come out as in TF.
        inv = _m.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        # x * inv first (`mul_1`), then the shift (`mul_2`, `sub`): TF's order of ops; a
        # NumPy x meets the tensor in the product (its Const `mul_1/x`), as in TF
        dtype = x.dtype   # (a Python list has none: TF's AttributeError)
        return x * _m.cast(inv, dtype) + _m.cast(
            offset - mean * inv if offset is not None else -mean * inv, dtype)


# -- embedding_lookup ---------------------------------------------------------------------
def embedding_lookup(params: TensorLike, ids: TensorLike, partition_strategy: str = "mod",
                     name: str | None = None, validate_indices: bool = True,
                     max_norm: float | None = None) -> Tensor:
    """Rows of `params` (one tensor, or a list of shards) selected by `ids`.

    With a list of shards, id `i` lives in shard `i % n` at row `i // n` ("mod")
    or in contiguous blocks ("div"), as in TF. The shards are concatenated in
    the matching order and gathered once, so the gradient with respect to each
    shard is IndexedSlices (through Gather's gradient).

    Args:
      params: a tensor, or a list of tensors with the same trailing dims.
      ids: int32/int64 tensor of indices.
      partition_strategy: "mod" or "div".
      max_norm: if set, each embedding is clipped to this L2 norm.
    Returns:
      A tensor of shape ids.shape + params.shape[1:].
    Raises:
      ValueError: empty params, or a bad partition_strategy (with several params).

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.embedding_lookup(tf.eye(3), [2, 0])))
    [[0. 0. 1.]
     [1. 0. 0.]]
    """
    if params is None or (isinstance(params, (list, tuple)) and not params):
        raise ValueError("Need at least one param")
    if type(params).__name__ == "PartitionedVariable":
        params = list(params)   # as TF: its parts are the shards
    if not isinstance(params, (list, tuple)):
        params = [params]
    values = [p for p in params if hasattr(p, "op")] + ([ids] if hasattr(ids, "op") else [])
    with name_scope(name, "embedding_lookup", values) as scope:
        if len(params) == 1 and isinstance(params[0], ResourceVariable):
            # a ResourceVariable: TF's gather is its sparse_read (ResourceGather + Identity)
            ids = to_tensor(ids, name="ids")
            with get_default_graph().colocate_with(params[0].handle.op):
                rows = _clip_rows(params[0].sparse_read(ids, name=scope), ids, max_norm)
            return _a.identity(rows, name="Identity")
        # As TF: shards that include a ResourceVariable stay variables (each is read
        # through its sparse_read, ResourceGather + Identity); others (a keras
        # AutoCastVariable too) become tensors.
        if not any(isinstance(p, ResourceVariable) for p in params):
            # as TF 1.14's convert_n_to_tensor_or_indexed_slices(params, name="params")
            params = [to_tensor(p, name=f"params_{i}") for i, p in enumerate(params)]
        ids = to_tensor(ids, name="ids")
        if ids.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'indices' has DataType "
                            f"{ids.dtype.name} not in list of allowed values: int32, int64")
        if len(params) == 1:
            # As TF: the gather is named by the scope (`embedding_lookup`, `.../axis`) and
            # colocated with the params (on a ps task under replica_device_setter); the
            # Identity after it is not
            with get_default_graph().colocate_with(params[0]):
                rows = _clip_rows(_a.gather(params[0], ids, name=scope), ids, max_norm)
            return _a.identity(rows, name="Identity")
        return _sharded_lookup(params, ids, partition_strategy, scope, max_norm)


def _sharded_lookup(params, ids, partition_strategy, scope, max_norm):
    """TF 1.14's lookup in several shards, op for op: each id's shard and row in it
    (FloorMod/FloorDiv for "mod", TF's balanced blocks for "div"), DynamicPartition of the
    rows and of their positions, a gather per shard, ParallelDynamicStitch named by the
    scope, and the reshape to ids' shape."""
    n = len(params)
    flat_ids = _a.reshape(ids, [-1])
    original_indices = _a.range(_a.size(flat_ids))
    if partition_strategy == "mod":
        p_assignments = flat_ids % n
        new_ids = flat_ids // n
    elif partition_strategy == "div":
        rows = [p.shape.as_tuple()[0] if p.shape.ndims else None for p in params]
        if None not in rows:
            num_total_ids = constant(sum(rows), flat_ids.dtype)
        else:
            sizes = [r if r is not None else _a.shape(p)[0] for r, p in zip(rows, params)]
            num_total_ids = _m.reduce_sum(_m.cast(_a.stack(sizes), flat_ids.dtype))
        ids_per_partition = num_total_ids // n
        extras = num_total_ids % n
        p_assignments = _m.maximum(flat_ids // (ids_per_partition + 1),
                                   (flat_ids - extras) // ids_per_partition)
        new_ids = _a.where(_c.less(p_assignments, extras), flat_ids % (ids_per_partition + 1),
                           (flat_ids - extras) % ids_per_partition)
    else:   # as TF: checked only here, where several shards need it
        raise ValueError(f"Unrecognized partition strategy: {partition_strategy}")
    p_assignments = _m.cast(p_assignments, _dt.int32)
    gather_ids = _dynamic_partition(new_ids, p_assignments, n)
    pindices = _dynamic_partition(original_indices, p_assignments, n)
    parts = []
    for p, pids in zip(params, gather_ids):
        resource = isinstance(p, ResourceVariable)
        # as TF: each gather on its shard
        with get_default_graph().colocate_with(p.handle.op if resource else p):
            parts.append(p.sparse_read(pids) if resource else _a.gather(p, pids))
    ret = apply("ParallelDynamicStitch", list(pindices) + parts, {"N": n}, scope)
    element_shape_s = params[0].shape[1:]
    for p in params[1:]:
        element_shape_s = element_shape_s.merge_with(p.shape[1:])
    if element_shape_s.is_fully_defined():
        element_shape_d = element_shape_s.as_list()
    else:
        element_shape_d = _a.shape(params[0])[1:]
    ret = _a.reshape(ret, _a.concat([_a.shape(ids), element_shape_d], 0))
    ret.set_shape(ids.shape.concatenate(element_shape_s))
    return _clip_rows(ret, ids, max_norm)


def _clip_rows(rows, ids, max_norm):
    """TF's max_norm: clip each looked-up embedding (the dims after ids') to L2 norm max_norm."""
    if max_norm is None:
        return rows
    r, k = rows.shape.ndims, ids.shape.ndims
    if r is None or k is None:
        raise ValueError("embedding_lookup with max_norm needs params and ids of known rank")
    return _m.clip_by_norm(rows, max_norm, axes=list(range(k, r)))


# -- dropout ------------------------------------------------------------------------------
def _noise_shape(x, noise_shape):
    """TF's nn_ops._get_noise_shape: x's shape when None (TF's `dropout/Shape`, a Const
    when x's shape is known); else, when noise_shape reads as a static shape of x's rank,
    that TensorShape with its None dims taken from x's known ones (a dim still None makes
    random_uniform's shape conversion fail as TF's); else noise_shape as given."""
    if noise_shape is None:
        return _a.shape(x)
    if hasattr(noise_shape, "op"):
        return noise_shape
    try:
        wanted = as_shape(noise_shape)
    except (TypeError, ValueError):
        return noise_shape
    have = x.shape.as_tuple()
    if have is None or wanted.ndims is None or len(have) != wanted.ndims:
        return noise_shape
    return TensorShape([h if w is None and h is not None else w
                        for h, w in zip(have, wanted.as_tuple())])


def dropout(x: TensorLike, keep_prob: float | TensorLike | None = None,
            noise_shape: TensorLike | None = None, seed: int | None = None, name: str | None = None,
            rate: float | TensorLike | None = None) -> Tensor:
    """Zeroes elements with probability `rate` (= 1 - keep_prob) and scales the rest by
    1 / (1 - rate), as TF 1.14: keep where uniform[0, 1) >= rate.

    Args:
      x: a float tensor.
      keep_prob: (deprecated) probability of keeping each element; or use `rate`.
      noise_shape: 1-D shape broadcastable to x's, for shared masks.
      seed: op-level seed (see tf.set_random_seed).
      rate: probability of dropping each element, in [0, 1).
    Returns:
      A tensor of x's shape.
    Raises:
      ValueError: both/neither of keep_prob and rate, a rate outside [0, 1), or an integer x.

    >>> y = tf.nn.dropout(tf.ones([4]), rate=0.5, seed=1)   # each entry 0 or 2
    """
    keep = None
    if keep_prob is not None:   # (TF checks the rate it makes: keep_prob 0 is "got 1")
        if isinstance(keep_prob, numbers.Real):
            keep = 1 - keep_prob
        else:
            try:
                keep = 1. - keep_prob  # TF's `sub/x`, `sub`, outside the dropout scope
            except TypeError:
                raise ValueError("keep_prob must be a floating point number or Tensor "
                                 f"(got {keep_prob!r})") from None
    # TF's deprecation.deprecated_argument_lookup("rate", rate, "keep_prob", keep), after
    # the keep_prob conversion above
    if keep is not None:
        if rate is not None:
            raise ValueError("Cannot specify both 'keep_prob' and 'rate'")
        rate = keep
    if rate is None:
        raise ValueError("You must provide a rate to dropout.")
    with name_scope(name, "dropout", [x] if hasattr(x, "op") else []):
        x = to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("x has to be a floating point tensor since it's going to be "
                             f"scaled. Got a {x.dtype} tensor instead.")
        if isinstance(rate, numbers.Real):
            if not 0 <= rate < 1:
                raise ValueError(f"rate must be a scalar tensor or a float in the range [0, 1), "
                                 f"got {rate:g}")
            if rate == 0:
                return x
        rate = to_tensor(rate, dtype=x.dtype.base_dtype, name="rate")
        if rate.shape.ndims not in (None, 0):
            raise ValueError(f"rate must be a scalar, got shape {rate.shape}")
        if constant_value(rate) == 0:   # as TF: a rate known to be 0 drops nothing
            return x
        noise_shape = _noise_shape(x, noise_shape)
        random_tensor = random_uniform(noise_shape, seed=seed, dtype=x.dtype.base_dtype)
        keep_prob = 1 - rate  # Python operators, as TF: `dropout/sub/x`, `dropout/sub`
        scale = 1 / keep_prob  # `dropout/truediv/x`, `dropout/truediv`
        keep_mask = _c.greater_equal(random_tensor, rate)
        ret = x * scale * _m.cast(keep_mask, x.dtype.base_dtype)    # "mul", "mul_1" as TF
        ret.set_shape(x.shape)   # as TF: a rate tensor of unknown shape keeps x's shape
        return ret


def xw_plus_b(x: TensorLike, weights: TensorLike, biases: TensorLike,
              name: str | None = None) -> Tensor:
    """matmul(x, weights) + biases.

    >>> y = tf.nn.xw_plus_b(tf.ones([1, 3]), tf.ones([3, 2]), [0.0, 1.0])
    >>> with tf.Session() as sess:
    ...     print(sess.run(y))
    [[3. 4.]]
    """
    with name_scope(name, "xw_plus_b", graph_values(x, weights, biases)) as scope:
        x = to_tensor(x, name="x")
        weights = to_tensor(weights, name="weights")
        biases = to_tensor(biases, name="biases")
        return bias_add(matmul(x, weights), biases, name=scope)


def relu_layer(x: TensorLike, weights: TensorLike, biases: TensorLike,
               name: str | None = None) -> Tensor:
    """relu(matmul(x, weights) + biases)."""
    with name_scope(name, "relu_layer", graph_values(x, weights, biases)) as scope:
        x = to_tensor(x, name="x")
        weights = to_tensor(weights, name="weights")
        biases = to_tensor(biases, name="biases")
        return relu(bias_add(matmul(x, weights), biases), name=scope)


def zero_fraction(value: TensorLike, name: str | None = None) -> Tensor:
    """The fraction of zeros in `value`, as a float32 scalar.

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.zero_fraction([0.0, 1.0, 0.0, 2.0])))
    0.5
    """
    from . import control_flow_ops  # lazy: control flow loads after the nn ops
    with name_scope(name, "zero_fraction", graph_values(value)):
        value = to_tensor(value, name="value")
        size = _a.size(value, out_type=_dt.int64)
        # as TF 1.14: the nonzero count in int32 when the size allows (a cond)
        num_nonzero = control_flow_ops.cond(
            _c.less_equal(size, np.iinfo(np.int32).max),
            true_fn=lambda: _m.cast(_count_nonzero(value, dtype=_dt.int32), dtype=_dt.int64),
            false_fn=lambda: _count_nonzero(value, dtype=_dt.int64))
        with name_scope("counts_to_fraction"):
            num_zero = size - num_nonzero
            frac = _m.truediv(_m.cast(num_zero, dtype=_dt.float32),
                              _m.cast(size, dtype=_dt.float32))
        return _a.identity(frac, name="fraction")


def _count_nonzero(input_tensor, dtype=_dt.int64):
    with name_scope(None, "count_nonzero", [input_tensor]):
        zero = _a.zeros([], dtype=input_tensor.dtype)
        return _m.reduce_sum(_m.cast(_c.not_equal(input_tensor, zero), dtype=dtype),
                             name="nonzero_count")


def crelu(features: TensorLike, name: str | None = None, axis: int = -1) -> Tensor:
    """Concatenated ReLU: relu(concat([features, -features], axis))."""
    with name_scope(name, "CRelu", graph_values(features)) as scope:
        features = to_tensor(features, name="features")
        c = _a.concat([features, _m.negative(features)], axis, name=scope)
        return relu(c)


def _swish_shape(inputs):
    """Shape helper function for swish and _swish_grad function below."""
    return [inputs[0].shape]


def _swish_grad_body(features, grad):
    """Gradient of Swish function defined below."""
    sigmoid_features = _m.sigmoid(features)
    activation_grad = (
        sigmoid_features * (1.0 + features * (1.0 - sigmoid_features)))
    return grad * activation_grad


# TF 1.14's docstring of swish, the description of its FunctionDef (a literal: Python 3.13
# strips a docstring's indentation)
_SWISH_DOC = ("Computes the Swish activation function: `x * sigmoid(x)`.\n\n"
              "  Source: \"Searching for Activation Functions\" (Ramachandran et al. 2017)\n"
              "  https://arxiv.org/abs/1710.05941\n\n"
              "  Args:\n"
              "    features: A `Tensor` representing preactivation values.\n"
              "    name: A name for the operation (optional).\n\n"
              "  Returns:\n"
              "    The activation value.\n  ")


def _swish_body(features):
    """x * sigmoid(x) (the FunctionDef's description: _SWISH_DOC)."""
    features = to_tensor(features, name="features")
    return features * _m.sigmoid(features)


# TF 1.14's tf.nn.swish is a Defun (noinline): one call op `swish_<dtype>`, its gradient a
# SymbolicGradient running `swish_grad_<dtype><dtype>` (engine/ops/defun.py)
_SWISH_GRAD = Defun(_swish_grad_body, "swish_grad", ("features", "grad"),
                    shape_func=_swish_shape)
_SWISH = Defun(_swish_body, "swish", ("features",), grad_func=_SWISH_GRAD,
               shape_func=_swish_shape, description=_SWISH_DOC)
_SWISH.declare(*[(d,) for d in (_dt.float16, _dt.float32, _dt.float64, _dt.bfloat16,
                                _dt.complex64, _dt.complex128)])


def swish(features: TensorLike, name: str | None = None) -> Tensor:
    """features * sigmoid(features), as TF 1.14's Defun: one op `swish_f32` (its type the
    instantiated function's name), whose gradient is a SymbolicGradient op."""
    return _SWISH(to_tensor(features), name=name)


def sufficient_statistics(x: TensorLike, axes: Sequence[int], shift: TensorLike | None = None,
                          keep_dims: bool | None = None, name: str | None = None,
                          keepdims: bool | None = None
                          ) -> tuple[Tensor, Tensor, Tensor, Tensor | None]:
    """(count, sum(x - shift), sum((x - shift)^2), shift) over `axes`, as TF.

    Returns:
      count as a tensor of x's dtype, the two sums, and shift (or None).
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    axes = sorted(set(axes))
    with name_scope(name, "sufficient_statistics", graph_values(x, shift)):
        x = to_tensor(x, name="x")
        dims = x.shape.as_tuple()
        if dims is not None and all(dims[d] is not None for d in axes):
            n = 1
            for d in axes:
                n *= dims[d]
            counts = constant(n, dtype=x.dtype.base_dtype)
        else:
            shape = _a.shape(x)
            counts = _m.cast(_m.reduce_prod(_a.gather(shape, axes)), x.dtype.base_dtype,
                             name="count")
        if shift is not None:
            shift = to_tensor(shift, dtype=x.dtype.base_dtype, name="shift")
            m_ss = _m.subtract(x, shift)
            v_ss = _m.squared_difference(x, shift)
        else:
            m_ss, v_ss = x, _m.square(x)
        m_ss = _m.reduce_sum(m_ss, axes, keepdims=keep, name="mean_ss")
        v_ss = _m.reduce_sum(v_ss, axes, keepdims=keep, name="var_ss")
    return counts, m_ss, v_ss, shift


def normalize_moments(counts: TensorLike, mean_ss: TensorLike, variance_ss: TensorLike,
                      shift: TensorLike, name: str | None = None) -> tuple[Tensor, Tensor]:
    """Mean and variance from sufficient statistics (see sufficient_statistics)."""
    with name_scope(name, "normalize", graph_values(counts, mean_ss, variance_ss, shift)):
        divisor = _m.reciprocal(counts, name="divisor")
        if shift is not None:
            shifted_mean = _m.multiply(mean_ss, divisor, name="shifted_mean")
            mean = _m.add(shifted_mean, shift, name="mean")
        else:
            shifted_mean = _m.multiply(mean_ss, divisor, name="mean")
            mean = shifted_mean
        variance = _m.subtract(_m.multiply(variance_ss, divisor), _m.square(shifted_mean),
                               name="variance")
    return mean, variance


def weighted_moments(x: TensorLike, axes: Sequence[int], frequency_weights: TensorLike,
                     name: str | None = None, keep_dims: bool | None = None,
                     keepdims: bool | None = None) -> tuple[Tensor, Tensor]:
    """Frequency-weighted mean and variance of `x` over `axes`.

    >>> m, v = tf.nn.weighted_moments(tf.constant([[1.0, 3.0]]), [1], [[1.0, 3.0]])
    >>> with tf.Session() as sess:
    ...     print(sess.run([m, v]))
    [array([2.5], dtype=float32), array([0.75], dtype=float32)]
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    with name_scope(name, "weighted_moments", graph_values(x, frequency_weights)):
        x = to_tensor(x, name="x")
        w = to_tensor(frequency_weights, name="frequency_weights")
        needs_cast = x.dtype.base_dtype is _dt.float16
        if needs_cast:
            x = _m.cast(x, _dt.float32)
        if w.dtype.base_dtype is not x.dtype.base_dtype:
            w = _m.cast(w, x.dtype.base_dtype)
        # TF's operators where it writes them (mul, add, mul_2), math_ops.multiply elsewhere
        wsum = _m.reduce_sum(w * x, axes, keepdims=True, name="weighted_input_sum")
        sum_w = _m.reduce_sum(w + _a.zeros_like(x), axes, keepdims=True,
                              name="sum_of_weights")
        divisor = _m.reciprocal(sum_w, name="inv_weight_sum")
        mean = _m.multiply(wsum, divisor)
        distsq = _m.reduce_sum(w * _m.squared_difference(x, mean), axes,
                               keepdims=True, name="weighted_distsq")
        variance = _m.multiply(distsq, divisor)
        if not keep:
            mean = _a.squeeze(mean, axis=axes)
            variance = _a.squeeze(variance, axis=axes)
        if needs_cast:
            mean = _m.cast(mean, _dt.float16)
            variance = _m.cast(variance, _dt.float16)
        return mean, variance


def log_poisson_loss(targets: TensorLike, log_input: TensorLike, compute_full_loss: bool = False,
                     name: str | None = None) -> Tensor:
    """exp(log_input) - log_input * targets (+ Stirling's term when compute_full_loss).

    Raises:
      ValueError: log_input and targets shapes differ.
    """
    with name_scope(name, "log_poisson_loss", graph_values(targets, log_input)):
        log_input = to_tensor(log_input, name="log_input")
        targets = to_tensor(targets, dtype=log_input.dtype.base_dtype, name="targets")
        if not targets.shape.is_compatible_with(log_input.shape):
            raise ValueError(f"log_input and targets must have the same shape "
                             f"({log_input.shape} vs {targets.shape})")
        # TF's operators, in its order (names mul, sub, mul_1, ...)
        result = _m.exp(log_input) - log_input * targets
        if compute_full_loss:
            half = scalar(0.5, targets)
            two_pi = scalar(2 * np.pi, targets)
            stirling = (targets * _m.log(targets)) - targets + (
                half * _m.log(two_pi * targets))
            zeros = _a.zeros_like(targets)
            ones = _a.ones_like(targets)
            cond = _c.logical_and(targets >= zeros, targets <= ones)
            result += _a.where(cond, zeros, stirling)
        return result


# -- sampled losses (nce_loss, sampled_softmax_loss) ---------------------------------------
def _compute_sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes,
                            num_true=1, sampled_values=None, subtract_log_q=True,
                            remove_accidental_hits=False, partition_strategy="mod", name=None,
                            seed=None):
    """Logits and labels for the true and the sampled classes, as TF 1.14 builds them
    (its ops and names: accidental hits through compute_accidental_hits and
    sparse_to_dense, the true logits' row sums through a MatMul with ones)."""
    if isinstance(weights, PartitionedVariable):   # as TF: its parts, looked up sharded
        weights = list(weights)
    if not isinstance(weights, (list, tuple)):
        weights = [weights]
    with name_scope(name, "compute_sampled_logits", graph_values(*weights, biases, inputs, labels)):
        labels = to_tensor(labels, name="labels")
        inputs = to_tensor(inputs, name="inputs")
        if labels.dtype.base_dtype is not _dt.int64:
            labels = _m.cast(labels, _dt.int64)
        labels_flat = _a.reshape(labels, [-1])
        if sampled_values is None:
            sampled_values = log_uniform_candidate_sampler(
                true_classes=labels, num_true=num_true, num_sampled=num_sampled, unique=True,
                range_max=num_classes, seed=seed)
        sampled, true_expected, sampled_expected = (_a.stop_gradient(s) for s in sampled_values)
        sampled = _m.cast(sampled, _dt.int64)
        all_ids = _a.concat([labels_flat, sampled], 0)
        all_w = embedding_lookup(weights, all_ids, partition_strategy=partition_strategy)
        if all_w.dtype.base_dtype is not inputs.dtype.base_dtype:
            all_w = _m.cast(all_w, inputs.dtype.base_dtype)
        true_w = _a.slice(all_w, [0, 0], _a.stack([_a.shape(labels_flat)[0], -1]))
        sampled_w = _a.slice(all_w, _a.stack([_a.shape(labels_flat)[0], 0]), [-1, -1])
        # the static shapes TF's shape inference evaluates from the constant sizes
        n_true, (n_all, dim_w) = labels_flat.shape.as_list()[0], (
            all_w.shape.as_list() if all_w.shape.ndims == 2 else [None, None])
        true_w.set_shape([n_true, dim_w])
        sampled_w.set_shape([None if n_all is None or n_true is None else n_all - n_true,
                             dim_w])
        sampled_logits = matmul(inputs, sampled_w, transpose_b=True)
        all_b = embedding_lookup(biases, all_ids, partition_strategy=partition_strategy)
        if all_b.dtype.base_dtype is not inputs.dtype.base_dtype:
            all_b = _m.cast(all_b, inputs.dtype.base_dtype)
        true_b = _a.slice(all_b, [0], _a.shape(labels_flat))
        sampled_b = _a.slice(all_b, _a.shape(labels_flat), [-1])
        true_b.set_shape([n_true])
        dim = _a.shape(true_w)[1:2]
        new_true_w_shape = _a.concat([[-1, num_true], dim], 0)
        row_wise_dots = _m.multiply(_a.expand_dims(inputs, 1),
                                    _a.reshape(true_w, new_true_w_shape))
        dots = _a.reshape(row_wise_dots, _a.concat([[-1], dim], 0))
        true_logits = _a.reshape(_sum_rows(dots), [-1, num_true])
        true_b = _a.reshape(true_b, [-1, num_true])
        true_logits = _m.add(true_logits, true_b, name="add")
        sampled_logits = _m.add(sampled_logits, sampled_b, name="add")
        if remove_accidental_hits:
            acc_indices, acc_ids, acc_weights = compute_accidental_hits(
                labels, sampled, num_true=num_true)
            acc_indices_2d = _a.reshape(acc_indices, [-1, 1])
            acc_ids_2d = _a.reshape(_m.cast(acc_ids, _dt.int32), [-1, 1])
            sparse_indices = _a.concat([acc_indices_2d, acc_ids_2d], 1, "sparse_indices")
            logits_shape = _a.concat([_a.shape(labels)[:1], _a.expand_dims(num_sampled, 0)], 0)
            if sampled_logits.dtype.base_dtype is not acc_weights.dtype.base_dtype:
                acc_weights = _m.cast(acc_weights, sampled_logits.dtype.base_dtype)
            sampled_logits = _m.add(sampled_logits, _sparse_to_dense(
                sparse_indices, logits_shape, acc_weights, default_value=0.0,
                validate_indices=False), name="add")
        if subtract_log_q:
            true_logits = _m.subtract(true_logits, _m.log(true_expected), name="sub")
            sampled_logits = _m.subtract(sampled_logits, _m.log(sampled_expected), name="sub")
        out_logits = _a.concat([true_logits, sampled_logits], 1)
        out_labels = _a.concat([_a.ones_like(true_logits) / num_true,
                                _a.zeros_like(sampled_logits)], 1)
        return out_logits, out_labels


def _sum_rows(x):
    """TF's nn_impl._sum_rows: x's row sums as a MatMul with a column of ones."""
    cols = _a.shape(x)[1]
    ones = _a.ones(_a.stack([cols, 1]), x.dtype.base_dtype)
    return _a.reshape(matmul(x, ones), [-1])


def nce_loss(weights: TensorLike, biases: TensorLike, labels: TensorLike, inputs: TensorLike,
             num_sampled: int, num_classes: int, num_true: int = 1,
             sampled_values: tuple | None = None, remove_accidental_hits: bool = False,
             partition_strategy: str = "mod", name: str = "nce_loss") -> Tensor:
    """Noise-contrastive estimation loss, one value per example (as TF's).

    Args:
      weights: [num_classes, dim] (or a list of shards), biases: [num_classes].
      labels: int [batch, num_true]; inputs: float [batch, dim].
      num_sampled: negative classes drawn per batch (log-uniform unless
        `sampled_values` is given).
    Returns:
      float [batch].

    >>> loss = tf.nn.nce_loss(tf.ones([50, 4]), tf.zeros([50]), [[1], [2]], tf.ones([2, 4]),
    ...                       num_sampled=5, num_classes=50)
    >>> loss.shape.as_list()
    [2]
    """
    logits, labels = _compute_sampled_logits(
        weights, biases, labels, inputs, num_sampled, num_classes, num_true=num_true,
        sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy,
        name=name)
    losses = sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                               name="sampled_losses")
    return _sum_rows(losses)  # TF's, outside the nce_loss scope


def sampled_softmax_loss(weights: TensorLike, biases: TensorLike, labels: TensorLike,
                         inputs: TensorLike, num_sampled: int, num_classes: int, num_true: int = 1,
                         sampled_values: tuple | None = None, remove_accidental_hits: bool = True,
                         partition_strategy: str = "mod", name: str = "sampled_softmax_loss",
                         seed: int | None = None) -> Tensor:
    """Softmax cross-entropy over the true and `num_sampled` sampled classes (as TF's).

    Returns:
      float [batch].
    """
    logits, labels = _compute_sampled_logits(
        weights, biases, labels, inputs, num_sampled, num_classes, num_true=num_true,
        sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy,
        name=name, seed=seed)
    labels = _a.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)


def batch_norm_with_global_normalization(t: TensorLike | None = None, m: TensorLike | None = None,
                                         v: TensorLike | None = None,
                                         beta: TensorLike | None = None,
                                         gamma: TensorLike | None = None,
                                         variance_epsilon: float | None = None,
                                         scale_after_normalization: bool | None = None,
                                         name: str | None = None, input: TensorLike | None = None,
                                         mean: TensorLike | None = None,
                                         variance: TensorLike | None = None) -> Tensor:
    """The deprecated TF 1.x batch norm: batch_normalization with gamma applied only when
    scale_after_normalization."""
    t = input if t is None else t
    m = mean if m is None else m
    v = variance if v is None else v
    return batch_normalization(t, m, v, beta, gamma if scale_after_normalization else None,
                               variance_epsilon, name)
