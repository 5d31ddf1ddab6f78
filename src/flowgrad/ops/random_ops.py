"""Random ops with TF 1.x seed rules and TF 1.14's numbers, bit for bit.

Seeds (TF 1.x `get_seed`): a graph seed (`set_random_seed`) and an op seed
give (graph_seed, op_seed); a graph seed alone gives (graph_seed, the graph's
op count at the op's creation); an op seed alone gives (DEFAULT_GRAPH_SEED,
op_seed); neither leaves the op nondeterministic (seed = seed2 = 0).

Each stateful random op binds, per session, one Philox stream (engine/ops/
philox.py) kept in the session's `ctx.rngs`, keyed by the op's (seed, seed2)
as TF's GuardedPhiloxRandom is; every run reserves the counter range TF
reserves, so the n-th run of an op in any new Session prints TF's n-th
numbers: RandomUniform, RandomUniformInt, RandomStandardNormal,
TruncatedNormal, RandomShuffle, Multinomial, RandomGamma (with TF's
reparameterization gradient) and RandomPoissonV2.

So do the log-uniform and uniform candidate samplers behind nce_loss and
sampled_softmax_loss, and the stateless ops (pure functions of a seed tensor,
so not stateful).
"""
from __future__ import annotations

from collections import namedtuple

__all__ = [
    "get_seed",
    "multinomial",
    "random_gamma",
    "random_normal",
    "random_poisson",
    "random_shuffle",
    "random_uniform",
    "set_random_seed",
    "truncated_normal",
]

import math
import os

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import control_dependencies, get_default_graph, name_scope
from ..engine.framework.registry import no_gradient_registered, register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import eigen_igamma as _eigen_igamma
from ..engine.ops import eigen_math as _eigen_math
from ..engine.ops import philox
from ..engine.ops.construction import range as _range
from ..engine.ops._array_util import _as_int_input, refined_scalar, shape_value
from ..engine.ops._base import FLOATS, apply, broadcast_dims, const_value, to_tensor, typed_input
from .array_ops import concat, ones, reshape, zeros_like
from .array_ops import shape as shape_of
from .math_ops import add, maximum, reduce_sum

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1


# -- seeds --------------------------------------------------------------------------------
def _truncate_seed(seed, attr):
    """TF's `seed % _MAXINT32`: a str seed fails in that formatting ("not all arguments
    converted during string formatting"), one with a conversion ("%d") when its op reads
    the formatted str as the int attr `attr`."""
    seed = seed % _MAXINT32
    if isinstance(seed, str):
        raise TypeError(f"Expected int for argument '{attr}' not {seed!r}.")
    return int(seed)


def get_seed(op_seed):
    """The (graph-level, op-level) seed pair for a random op, with TF 1.x's rules.

    Returns:
      (seed, seed2): both None when neither a graph nor an op seed is set.
    """
    g = get_default_graph()
    graph_seed = g.seed
    if graph_seed is not None:
        if op_seed is None:
            if hasattr(g, "_seed_used"):   # a tf.data function's (its warning)
                g._seed_used = True
            op_seed = g._next_id()
        seeds = _truncate_seed(graph_seed, "seed"), _truncate_seed(op_seed, "seed2")
    elif op_seed is not None:
        seeds = DEFAULT_GRAPH_SEED, _truncate_seed(op_seed, "seed2")
    else:
        seeds = None, None
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


def set_random_seed(seed):
    """Sets the graph-level random seed of the default graph (TF 1.x `tf.set_random_seed`).

    >>> tf.set_random_seed(1); a = tf.random_uniform([1])  # same numbers in every Session
    """
    get_default_graph().seed = seed


def _seed_attrs(seed):
    s1, s2 = get_seed(seed)
    return {"seed": s1 or 0, "seed2": s2 or 0}


def _stream(node, ctx):
    """The session's Philox stream for this op (TF's GuardedPhiloxRandom): keyed by
    (seed, seed2), fresh random seeds when both are 0; each run reserves its range."""
    rngs = ctx.rngs
    key = ("philox", node.name)
    g = getattr(node.op, "_graph", None)
    if g is not None and g.building_function:   # a tf.data function's op: its own kernel,
        key += (g,)                             # not the outer op of the same name's
    stream = rngs.get(key)
    if stream is None:
        stream = philox.Stream(node.attrs.get("seed", 0), node.attrs.get("seed2", 0))
        rngs[key] = stream
    return stream


def _intra_op_threads(ctx):
    """The size of TF's intra-op thread pool for this session: the kernels whose numbers
    depend on how TF splits their work use it. ConfigProto's intra_op_parallelism_threads,
    else the CPUs this process may run on (TF sizes the pool once per process, from the
    first session's config: Session._intra_op)."""
    n = getattr(ctx.session, "_intra_op", 0) or 0
    return int(n) if n > 0 else _cpu_count()


def _cpu_count():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def _np_dtype(dtype):
    """The NumPy dtype flowgrad stores `dtype` in, and whether it is bfloat16."""
    return dtype.as_numpy_dtype, dtype.base_dtype is _dt.bfloat16


# -- shape handling -------------------------------------------------------------------------
def _shape_tensor(shape):
    if hasattr(shape, "op"):
        if shape.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'shape' has DataType "
                            f"{shape.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        return shape
    if isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: {shape}")
        shape = shape.as_list()
    if isinstance(shape, (list, tuple)) and any(hasattr(d, "op") for d in shape):
        return _as_int_input(list(shape), "shape")  # TF packs a list holding tensors
    dims = np.asarray(shape if not isinstance(shape, (int, np.integer)) else [shape])
    if dims.dtype.kind not in "iu" and dims.size:
        kind = "float32" if dims.dtype.kind == "f" and not isinstance(shape, np.ndarray) \
            else _dt.as_dtype(dims.dtype).name
        raise TypeError(f"Value passed to parameter 'shape' has DataType {kind} not in list "
                        "of allowed values: int32, int64")
    if dims.ndim != 1 and dims.size:
        raise ValueError(f"Shape must be rank 1 but is rank {dims.ndim}")
    return constant(dims.reshape(-1).astype(np.int32), dtype=_dt.int32, name="shape")


def _shape_from(t):
    v = const_value(t)
    if v is not None:
        # TF's MakeShapeFromShapeTensor: -1 is an unknown dim (a value below is the shape
        # refiner's error, see shape_reads)
        return TensorShape([int(d) if d >= 0 else None for d in np.asarray(v).reshape(-1)])
    n = t.shape.as_tuple()
    if t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    known = shape_value(t)   # TF's MakeShapeFromShapeTensor: tf.shape(x) of a (?, 5) x
    if known is not None and (not n or n[0] is None or len(known) == n[0]):
        return TensorShape([d if d is not None and d >= 0 else None for d in known])
    return TensorShape(None if not n or n[0] is None else [None] * n[0])


def _dims(shape):
    """The shape input as dims; a negative one fails as TF's kernels (MakeShape) fail."""
    dims = tuple(int(d) for d in np.asarray(shape).reshape(-1))
    for d in dims:
        if d < 0:
            raise errors.InvalidArgumentError(None, None, f"Dimension {d} must be >= 0")
    return dims


def _shape_infer(inputs, attrs):
    return [(attrs["dtype"], _shape_from(inputs[0]))]


# -- RandomStandardNormal -----------------------------------------------------------------
def _philox_bind(draw):
    """A bind for RandomUniform/RandomStandardNormal/TruncatedNormal: each run reserves
    256 Philox calls per output (TF's ReserveRandomOutputs) and draws from that range."""
    def bind(node, ctx):
        stream = _stream(node, ctx)
        npdt, bf16 = _np_dtype(node.attrs["dtype"])

        def kernel(shape):
            dims = _dims(shape)
            n = int(np.prod(dims))
            counter = stream.reserve_outputs(n)
            return draw(stream.key, counter, n, "bfloat16" if bf16 else npdt).reshape(dims)
        return kernel
    return bind


_normal_bind = _philox_bind(philox.normal)


register_op("RandomStandardNormal", infer=_shape_infer, bind=_normal_bind, grad=None,
            stateful=True)


def _float_dtype(dtype, what):
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype not in FLOATS:
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in "
                        f"list of allowed values: half, bfloat16, float32, float64 ({what})")
    return dtype


def _op_float_dtype(dtype):
    """The dtype attr of RandomStandardNormal / TruncatedNormal as op_def_library checks it,
    after the wrapper has converted mean and stddev to it (TF 1.14's order)."""
    if dtype not in FLOATS:
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in "
                        "list of allowed values: float16, bfloat16, float32, float64")
    return dtype


def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Samples from a normal distribution: RandomStandardNormal * stddev + mean.

    Args:
      shape: 1-D int list/tensor.
      mean, stddev: scalars (or broadcastable tensors) of `dtype`.
      dtype: a float dtype.
      seed: op-level seed (with tf.set_random_seed, TF 1.x's rules apply).
    Returns:
      A tensor of `shape` and `dtype`.
    Raises:
      TypeError: a non-float dtype.

    >>> x = tf.random_normal([2, 3], seed=1)
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    with name_scope(name, "random_normal", []) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = to_tensor(mean, dtype=dtype, name="mean")
        std_t = to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = {"dtype": _op_float_dtype(dtype), **_seed_attrs(seed)}
        rnd = apply("RandomStandardNormal", [shape_t], attrs, "RandomStandardNormal")
        return add(rnd * std_t, mean_t, name=scope)


# -- TruncatedNormal ----------------------------------------------------------------------
_truncated_bind = _philox_bind(philox.truncated_normal)


register_op("TruncatedNormal", infer=_shape_infer, bind=_truncated_bind, grad=None,
            stateful=True)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Samples from a normal distribution truncated to two standard deviations.

    >>> x = tf.truncated_normal([100], stddev=0.1, seed=3)
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    with name_scope(name, "truncated_normal", []) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = to_tensor(mean, dtype=dtype, name="mean")
        std_t = to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = {"dtype": _op_float_dtype(dtype), **_seed_attrs(seed)}
        rnd = apply("TruncatedNormal", [shape_t], attrs, "TruncatedNormal")
        return add(rnd * std_t, mean_t, name=scope)


# -- RandomUniform / RandomUniformInt --------------------------------------------------------
_uniform_bind = _philox_bind(philox.uniform)


register_op("RandomUniform", infer=_shape_infer, bind=_uniform_bind, grad=None, stateful=True)


def _uniform_int_infer(inputs, attrs):
    shape, lo, hi = inputs
    for t in (lo, hi):   # (TF's WithRank: the input is not named)
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return [(lo.dtype.base_dtype, _shape_from(shape))]


def _uniform_int_bind(node, ctx):
    stream = _stream(node, ctx)

    def kernel(shape, lo, hi):
        dims = _dims(shape)
        n = int(np.prod(dims))
        dtype = np.asarray(lo).dtype
        if not n:
            return np.zeros(dims, dtype=dtype)
        if lo >= hi:
            raise errors.InvalidArgumentError(
                None, None, f"Need minval < maxval, got {lo} >= {hi}")
        counter = stream.reserve_outputs(n)
        return philox.uniform_int(stream.key, counter, n, lo, hi, dtype).reshape(dims)
    return kernel


register_op("RandomUniformInt", infer=_uniform_int_infer, bind=_uniform_int_bind, grad=None,
            stateful=True)


def random_uniform(shape, minval=0, maxval=None, dtype=_dt.float32, seed=None, name=None):
    """Samples uniformly from [minval, maxval).

    Floats: RandomUniform * (maxval - minval) + minval (maxval defaults to 1).
    Integers (int32/int64): RandomUniformInt; maxval is required.

    Args:
      shape: 1-D int list/tensor.
      minval, maxval: scalars of `dtype`.
      dtype: float16/32/64, int32 or int64.
      seed: op-level seed.
    Returns:
      A tensor of `shape` and `dtype`.
    Raises:
      ValueError: an integer dtype without maxval.
      InvalidArgumentError (at run): integer minval >= maxval.

    >>> x = tf.random_uniform([3], 0, 10, dtype=tf.int32, seed=2)
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype not in FLOATS + (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in "
                        "list of allowed values: half, bfloat16, float32, float64, int32, int64")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    with name_scope(name, "random_uniform", []) as scope:
        shape_t = _shape_tensor(shape)
        lo = to_tensor(minval, dtype=dtype, name="min")
        hi = to_tensor(maxval, dtype=dtype, name="max")
        seeds = _seed_attrs(seed)
        if dtype.is_integer:
            return apply("RandomUniformInt", [shape_t, lo, hi], {"Tout": dtype, **seeds}, scope)
        rnd = apply("RandomUniform", [shape_t], {"dtype": dtype, **seeds}, "RandomUniform")
        return add(rnd * (hi - lo), lo, name=scope)


# -- RandomShuffle ------------------------------------------------------------------------
def _shuffle_bind(node, ctx):
    stream = _stream(node, ctx)

    def kernel(x):
        x = np.asarray(x)
        if x.size <= 1 or x.shape[0] <= 1:
            return x.copy()
        n = x.shape[0]
        counter = stream.reserve_32(n - 1)
        return x[philox.shuffle_permutation(stream.key, counter, n)]
    return kernel


register_op("RandomShuffle", infer=lambda ins, a: [(ins[0].dtype.base_dtype, ins[0].shape)],
            bind=_shuffle_bind, grad=no_gradient_registered, stateful=True)


def random_shuffle(value, seed=None, name=None):
    """Shuffles `value` along its first dimension.

    >>> y = tf.random_shuffle([1, 2, 3, 4], seed=5)
    """
    seeds = _seed_attrs(seed)             # TF takes the seed before converting `value`
    with name_scope(name, "RandomShuffle", []) as op_scope:
        x = to_tensor(value, name="value")
        return apply("RandomShuffle", [x], seeds, op_scope)


# -- Multinomial --------------------------------------------------------------------------
def _multinomial_infer(inputs, attrs):
    logits, n = inputs
    if logits.shape.ndims is not None and logits.shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {logits.shape.ndims}")
    if n.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {n.shape.ndims}")
    batch = logits.shape.as_tuple()[0] if logits.shape.ndims == 2 else None
    nv = const_value(n)
    if nv is None:   # TF's input_tensor: evaluated whole
        nv = refined_scalar(n, partial=False)
    if nv is not None and int(nv) < 0:   # InferenceContext::MakeDimForScalarInput's check
        raise ValueError("Dimension size, given by scalar input 1, must be non-negative but "
                         f"is {int(nv)}")
    return [(attrs["output_dtype"], TensorShape([batch, None if nv is None else int(nv)]))]


def _multinomial_bind(node, ctx):
    stream = _stream(node, ctx)
    out_dt = node.attrs["output_dtype"].as_numpy_dtype

    def kernel(logits, num_samples):
        batch, classes = logits.shape
        n = int(num_samples)
        if n < 0:
            raise errors.InvalidArgumentError(
                None, None, f"num_samples should be nonnegative, got {n}")
        if classes == 0:
            raise errors.InvalidArgumentError(None, None,
                                              "num_classes should be positive, got 0")
        if batch == 0 or n == 0:
            return np.zeros((batch, n), dtype=out_dt)
        # TF reserves 256 calls per output for batch * 2 * ceil4(num_samples) outputs.
        counter = stream.reserve_outputs(batch * 2 * ((n + 3) // 4 * 4))
        return philox.multinomial(stream.key, counter, logits, n,
                                  _intra_op_threads(ctx)).astype(out_dt)
    return kernel


register_op("Multinomial", infer=_multinomial_infer, bind=_multinomial_bind, grad=None,
            stateful=True)


def _multinomial(logits, num_samples, seed, name, output_dtype, default="multinomial"):
    output_dtype = _dt.as_dtype(output_dtype or _dt.int64).base_dtype
    if output_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'output_dtype' has DataType "
                        f"{output_dtype.name} not in list of allowed values: int32, int64")
    with name_scope(name, default, [logits] if hasattr(logits, "op") else []):
        lg = to_tensor(logits, name="logits")
        if lg.dtype.base_dtype not in FLOATS:
            raise TypeError(f"Value passed to parameter 'logits' has DataType {lg.dtype.name} "
                            "not in list of allowed values: float16, float32, float64")
        seeds = _seed_attrs(seed)         # TF takes the seed before converting num_samples
        with name_scope(None, "Multinomial", []) as op_scope:
            n = typed_input(num_samples, _dt.int32, "Multinomial", "num_samples")
            return apply("Multinomial", [lg, n], {"output_dtype": output_dtype, **seeds},
                         op_scope)


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """Draws `num_samples` class indices per row of unnormalized log-probabilities.

    Args:
      logits: float [batch, classes].
      num_samples: scalar int.
      output_dtype: int64 (default) or int32.
    Returns:
      [batch, num_samples] class indices.

    >>> s = tf.multinomial(tf.log([[0.5, 0.5]]), 4, seed=1)
    """
    return _multinomial(logits, num_samples, seed, name, output_dtype)


def random_categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """tf.random.categorical: multinomial with `dtype` naming the output type."""
    return _multinomial(logits, num_samples, seed, name, dtype, "categorical")


# -- candidate samplers (for sampled losses) -----------------------------------------------
def _sampler_infer(inputs, attrs):
    true_classes = inputs[0]
    if true_classes.dtype.base_dtype is not _dt.int64:
        raise TypeError(f"Input 'true_classes' has type {true_classes.dtype.name} that does "
                        "not match expected type of int64.")
    if true_classes.shape.ndims not in (None, 2):
        raise ValueError(f"Shape must be rank 2 but is rank {true_classes.shape.ndims}")
    batch = true_classes.shape.as_tuple()[0] if true_classes.shape.ndims == 2 else None
    n = attrs["num_sampled"]
    return [(_dt.int64, TensorShape([n])), (_dt.float32, TensorShape([batch, attrs["num_true"]])),
            (_dt.float32, TensorShape([n]))]


def _sampler_bind(kind):
    def bind(node, ctx):
        stream = _stream(node, ctx)
        n, unique = node.attrs["num_sampled"], node.attrs["unique"]
        range_max = node.attrs["range_max"]

        def kernel(true_classes):
            if unique and n > range_max:
                raise errors.InvalidArgumentError(None, None, "Sampler's range is too small.")
            # TF reserves 2048 words per sampled value, whatever the draws use.
            counter = stream.reserve_32(2048 * n)
            sampled, tries = philox.candidate_sample(kind, stream.key, counter, n, unique,
                                                     range_max)
            true_p = philox.candidate_probability(kind, true_classes, range_max)
            sampled_p = philox.candidate_probability(kind, sampled, range_max)
            return (sampled, philox.expected_count(true_p, n, tries),
                    philox.expected_count(sampled_p, n, tries))
        return kernel
    return bind


register_op("LogUniformCandidateSampler", infer=_sampler_infer,
            bind=_sampler_bind("log_uniform"), grad=None, stateful=True)
register_op("UniformCandidateSampler", infer=_sampler_infer,
            bind=_sampler_bind("uniform"), grad=None, stateful=True)


def _candidate_sampler(op_type, true_classes, num_true, num_sampled, unique, range_max, seed,
                       name, extra=None):
    seeds = _seed_attrs(seed)             # TF takes the seed before converting true_classes
    attrs = {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique),
             **seeds, **(extra or {})}
    if range_max is not None:             # AllCandidateSampler has none
        attrs["range_max"] = int(range_max)
    with name_scope(name, op_type, []) as op_scope:
        # TF's op-def conversion: a value becomes an int64 Const, a Tensor of another
        # dtype raises TypeError (no Cast, as in TF)
        tc = typed_input(true_classes, _dt.int64, op_type, "true_classes")
        return _sampler_result(op_type)(*apply(op_type, [tc], attrs, op_scope))


_SAMPLER_RESULTS = {}
_ACCIDENTAL_HITS = namedtuple("ComputeAccidentalHits", ["indices", "ids", "weights"])


def _sampler_result(op_type):
    """TF's result type of a candidate sampler op: a namedtuple named after the op."""
    if op_type not in _SAMPLER_RESULTS:
        _SAMPLER_RESULTS[op_type] = namedtuple(op_type, ["sampled_candidates",
                                                         "true_expected_count",
                                                         "sampled_expected_count"])
    return _SAMPLER_RESULTS[op_type]


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                  seed=None, name=None):
    """Samples classes from the log-uniform (Zipfian) distribution over [0, range_max).

    P(class) = (log(class + 2) - log(class + 1)) / log(range_max + 1). With
    `unique`, the classes are distinct and the expected counts account for the
    number of tries, as TF computes them.

    Args:
      true_classes: int64 [batch, num_true].
    Returns:
      (sampled_candidates int64 [num_sampled], true_expected_count float32
      [batch, num_true], sampled_expected_count float32 [num_sampled]).

    >>> s, t, e = tf.nn.log_uniform_candidate_sampler([[1]], 1, 5, True, 100, seed=1)
    """
    return _candidate_sampler("LogUniformCandidateSampler", true_classes, num_true,
                              num_sampled, unique, range_max, seed, name)


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                              seed=None, name=None):
    """Samples classes uniformly from [0, range_max) (see log_uniform_candidate_sampler)."""
    return _candidate_sampler("UniformCandidateSampler", true_classes, num_true, num_sampled,
                              unique, range_max, seed, name)


# -- stateless random ops (tf.random.stateless_*) --------------------------------------------
# Pure functions of (shape, seed), TF's numbers: the seed pair is scrambled into a Philox
# key and counter (philox.stateless_key) and the stateful kernels' fill runs from there.
# They are not stateful, so passes may fold or merge them.
def _stateless_infer(inputs, attrs):
    seed = inputs[1]
    if seed.shape.ndims not in (None, 1) or (seed.shape.ndims == 1 and
                                              seed.shape.as_tuple()[0] not in (None, 2)):
        n = seed.shape.as_tuple()[0] if seed.shape.ndims == 1 else seed.shape.ndims
        raise ValueError(f"Dimension must be 2 but is {n}")
    return [(attrs["dtype"], _shape_from(inputs[0]))]


def _stateless_kernel(draw):
    def kernel(shape, seed, dtype, **_):
        npdt, bf16 = _np_dtype(dtype)
        dims = _dims(shape)
        key, counter = philox.stateless_key(seed)
        return draw(key, counter, int(np.prod(dims)), "bfloat16" if bf16 else npdt
                    ).reshape(dims)
    return kernel


register_op("StatelessRandomUniform", infer=_stateless_infer, grad=None,
            kernel=_stateless_kernel(philox.uniform))
register_op("StatelessRandomNormal", infer=_stateless_infer, grad=None,
            kernel=_stateless_kernel(philox.normal))
register_op("StatelessTruncatedNormal", infer=_stateless_infer, grad=None,
            kernel=_stateless_kernel(philox.truncated_normal))


def _stateless_int_kernel(shape, seed, lo, hi, **_):
    dims = _dims(shape)
    n = int(np.prod(dims))
    if lo >= hi and n:
        raise errors.InvalidArgumentError(None, None, f"Need minval < maxval, got {lo} >= {hi}")
    if not n:
        return np.zeros(dims, dtype=np.asarray(lo).dtype)
    key, counter = philox.stateless_key(seed)
    return philox.uniform_int(key, counter, n, lo, hi, np.asarray(lo).dtype).reshape(dims)


register_op("StatelessRandomUniformInt",
            infer=lambda ins, a: [(ins[2].dtype.base_dtype, _shape_from(ins[0]))],
            kernel=_stateless_int_kernel, grad=None)


def _seed_tensor(seed):
    # TF's op_def_lib converts `seed` with Tseed's default int64 preferred: a list holding
    # a Variable or Tensor is packed (int32 elements cast) into a Pack named "seed"
    t = convert_to_tensor(seed, preferred_dtype=_dt.int64, name="seed")
    if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"seed must be int32 or int64, got {t.dtype.name}")
    return t


def stateless_random_uniform(shape, seed, minval=0, maxval=None, dtype=_dt.float32,
                             name=None):
    """Uniform samples that are a pure function of `seed` (a shape-[2] int tensor).

    >>> x = tf.random.stateless_uniform([3], seed=[1, 2])  # the same in every run
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    with name_scope(name, "stateless_random_uniform", []) as scope:
        shape_t = _shape_tensor(shape)
        lo = to_tensor(minval, dtype=dtype, name="min")
        hi = to_tensor(maxval, dtype=dtype, name="max")
        if dtype.is_integer:
            return apply("StatelessRandomUniformInt", [shape_t, _seed_tensor(seed), lo, hi],
                         {}, scope)
        with name_scope(None, "StatelessRandomUniform", []) as op_scope:
            rnd = apply("StatelessRandomUniform", [shape_t, _seed_tensor(seed)],
                        {"dtype": dtype}, op_scope)
        return add(rnd * (hi - lo), lo, name=scope)


def _stateless_gauss(op_type, default, shape, seed, mean, stddev, dtype, name):
    dtype = _float_dtype(dtype, default)
    with name_scope(name, default, []) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = to_tensor(mean, dtype=dtype, name="mean")
        std_t = to_tensor(stddev, dtype=dtype, name="stddev")
        with name_scope(None, op_type, []) as op_scope:     # TF converts `seed` in there
            rnd = apply(op_type, [shape_t, _seed_tensor(seed)], {"dtype": dtype}, op_scope)
        return add(rnd * std_t, mean_t, name=scope)


def stateless_random_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None):
    """Normal samples that are a pure function of `seed`."""
    return _stateless_gauss("StatelessRandomNormal", "stateless_random_normal", shape, seed,
                            mean, stddev, dtype, name)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32,
                               name=None):
    """Truncated-normal samples (within two stddevs) that are a pure function of `seed`."""
    return _stateless_gauss("StatelessTruncatedNormal", "stateless_truncated_normal", shape,
                            seed, mean, stddev, dtype, name)


def _stateless_multinomial_infer(inputs, attrs):
    (dt, shape), = _multinomial_infer(inputs[:2], attrs)
    return [(dt, shape)]


def _stateless_multinomial_kernel(logits, num_samples, seed, output_dtype, **_):
    batch, classes = logits.shape
    n = int(num_samples)
    if n < 0:
        raise errors.InvalidArgumentError(None, None,
                                          f"num_samples should be nonnegative, got {n}")
    if classes == 0:
        raise errors.InvalidArgumentError(None, None, "num_classes should be positive, got 0")
    if batch == 0 or n == 0:
        return np.zeros((batch, n), dtype=output_dtype.as_numpy_dtype)
    key, counter = philox.stateless_key(seed)
    return philox.multinomial(key, counter, logits, n, _cpu_count()).astype(
        output_dtype.as_numpy_dtype)


register_op("StatelessMultinomial", infer=_stateless_multinomial_infer,
            kernel=_stateless_multinomial_kernel, grad=None)


def _stateless_categorical_impl(logits, num_samples, dtype, seed):
    """TF's stateless_multinomial_categorical_impl: the op in the caller's scope."""
    dtype = _dt.as_dtype(dtype).base_dtype
    lg = to_tensor(logits, name="logits")
    with name_scope(None, "StatelessMultinomial", []) as op_scope:
        n = typed_input(num_samples, _dt.int32, "StatelessMultinomial", "num_samples")
        return apply("StatelessMultinomial", [lg, n, _seed_tensor(seed)],
                     {"output_dtype": dtype}, op_scope)


def stateless_categorical(logits, num_samples, seed, dtype=_dt.int64, name=None):
    """Categorical samples that are a pure function of `seed`."""
    with name_scope(name, "stateless_categorical", [logits] if hasattr(logits, "op") else []):
        return _stateless_categorical_impl(logits, num_samples, dtype, seed)


def stateless_multinomial(logits, num_samples, seed, output_dtype=_dt.int64, name=None):
    """stateless_categorical under its TF 1.x name (ops in a `stateless_multinomial` scope)."""
    with name_scope(name, "stateless_multinomial", []):
        return _stateless_categorical_impl(logits, num_samples, output_dtype, seed)


# -- RandomPoissonV2 ------------------------------------------------------------------------
def _poisson_infer(inputs, attrs):
    shape, rate = inputs
    s = _shape_from(shape)
    if s.ndims is None or rate.shape.ndims is None:
        return [(attrs["dtype"], TensorShape(None))]
    return [(attrs["dtype"], TensorShape(s.as_tuple() + rate.shape.as_tuple()))]


def _poisson_bind(node, ctx):
    stream = _stream(node, ctx)
    npdt = node.attrs["dtype"].as_numpy_dtype

    def kernel(shape, rate):
        rate = np.asarray(rate)
        dims = _dims(shape)
        n = int(np.prod(dims))
        if n == 0 or rate.size == 0:   # (TF returns no samples, drawing nothing)
            return np.zeros(dims + rate.shape, dtype=npdt)
        counter = stream.reserve_outputs(n * rate.size)
        out = philox.poisson(stream.key, counter, rate, n)
        return out.reshape(dims + rate.shape).astype(npdt)
    return kernel


register_op("RandomPoissonV2", infer=_poisson_infer, bind=_poisson_bind,
            grad=no_gradient_registered, stateful=True)
# RandomPoisson: V2's first form (removed at GraphDef version 25), the rate of the samples'
# dtype; TF 1.14 still runs it on V2's kernel
register_op("RandomPoisson", infer=_poisson_infer, bind=_poisson_bind,
            grad=no_gradient_registered, stateful=True)


def random_poisson(lam, shape, dtype=_dt.float32, seed=None, name=None):
    """Samples from Poisson distributions with rates `lam`.

    Args:
      lam: rates (a tensor); the output has shape `shape + lam.shape`.
      shape: 1-D int list/tensor.
      dtype: float16/32/64, int32 or int64.
    Returns:
      A tensor of `dtype`.

    >>> x = tf.random_poisson([1.0, 10.0], [100], seed=1)   # shape [100, 2]
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype not in FLOATS + (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in "
                        "list of allowed values: half, float32, float64, int32, int64")
    with name_scope(name, "random_poisson", [lam] if hasattr(lam, "op") else []):
        shape_t = _shape_tensor(shape)
        seeds = _seed_attrs(seed)         # TF takes the seed before converting `lam`
        with name_scope(None, "RandomPoissonV2", []) as op_scope:
            rate = to_tensor(lam, name="rate")
            return apply("RandomPoissonV2", [shape_t, rate],
                         {"dtype": dtype, "R": rate.dtype.base_dtype, **seeds}, op_scope)


# -- RandomGamma and its reparameterization gradient -------------------------------------------
def _lgamma(a):
    return np.vectorize(math.lgamma, otypes=[np.float64])(a)


def _igamma(a, x):
    """The regularized lower incomplete gamma P(a, x), vectorized (series below a + 1,
    Lentz's continued fraction above), in float64."""
    a, x = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    out = np.zeros(a.shape)
    pos = x > 0
    series = pos & (x < a + 1)
    if series.any():
        aa, xx = a[series], x[series]
        term = 1.0 / aa
        total = term.copy()
        ap = aa.copy()
        for _ in range(1000):
            ap += 1
            term *= xx / ap
            total += term
            if np.all(np.abs(term) < np.abs(total) * 1e-16):
                break
        out[series] = total * np.exp(-xx + aa * np.log(xx) - _lgamma(aa))
    frac = pos & ~series
    if frac.any():
        aa, xx = a[frac], x[frac]
        tiny = 1e-300
        b = xx + 1 - aa
        c = np.full(aa.shape, 1 / tiny)
        d = 1 / b
        h = d.copy()
        for i in range(1, 1000):
            an = -i * (i - aa)
            b += 2
            d = an * d + b
            d = np.where(np.abs(d) < tiny, tiny, d)
            c = b + an / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            d = 1 / d
            delta = d * c
            h *= delta
            if np.all(np.abs(delta - 1) < 1e-16):
                break
        out[frac] = 1 - np.exp(-xx + aa * np.log(xx) - _lgamma(aa)) * h
    return out


def _random_gamma_grad_kernel(alpha, sample):
    """d sample / d alpha at fixed CDF value (implicit reparameterization):
    -(dP(alpha, s)/d alpha) / pdf(s; alpha), the alpha-derivative by central differences;
    float32 up to EXACT_MAX values: TF's Eigen gamma_sample_der_alpha (eigen_igamma)."""
    if (np.result_type(alpha, sample) == np.float32
            and np.broadcast(alpha, sample).size <= _eigen_math.EXACT_MAX):
        return _eigen_igamma.gamma_sample_der_alpha(alpha, sample)
    a, s = np.broadcast_arrays(np.asarray(alpha, np.float64), np.asarray(sample, np.float64))
    h = 1e-5 * np.maximum(a, 1.0)
    dp_da = (_igamma(a + h, s) - _igamma(np.maximum(a - h, 1e-300), s)) / (2 * h)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        log_pdf = (a - 1) * np.log(s) - s - _lgamma(a)
        out = np.where(s > 0, -dp_da * np.exp(-log_pdf), 0.0)
    return np.nan_to_num(out).astype(np.result_type(alpha, sample), copy=False)


def _gamma_grad_infer(inputs, attrs):
    a, s = inputs
    return [(a.dtype.base_dtype, TensorShape(broadcast_dims(a.shape.as_tuple(),
                                                            s.shape.as_tuple())))]


# no gradient registered: TF 1.14's second order through random_gamma raises LookupError
register_op("RandomGammaGrad", infer=_gamma_grad_infer, kernel=_random_gamma_grad_kernel,
            grad=no_gradient_registered)


def _random_gamma_infer(inputs, attrs):
    shape, alpha = inputs
    s = _shape_from(shape)
    if s.ndims is None or alpha.shape.ndims is None:
        return [(alpha.dtype.base_dtype, TensorShape(None))]
    return [(alpha.dtype.base_dtype, TensorShape(s.as_tuple() + alpha.shape.as_tuple()))]


def _random_gamma_bind(node, ctx):
    stream = _stream(node, ctx)

    def kernel(shape, alpha):
        alpha = np.asarray(alpha)
        dims = _dims(shape)
        n = int(np.prod(dims))
        if n * alpha.size == 0:
            return np.zeros(dims + alpha.shape, dtype=alpha.dtype)
        counter = stream.reserve_outputs(n * alpha.size)
        out = philox.gamma(stream.key, counter, alpha, n).reshape(dims + alpha.shape)
        if alpha.dtype == np.float16:        # TF: double -> float -> half
            out = out.astype(np.float32)
        return out.astype(alpha.dtype)
    return kernel


def _random_gamma_grad(op, grad):
    """TF 1.14's rule (random_grad.py), under a control dependency on grad: alpha reshaped
    to [1] * k + shape(alpha) (k = shape(shape)[0], the sample rank), then
    sum(grad * RandomGammaGrad(alpha, sample)) over the k leading axes (range(k))."""
    shape_t, alpha = op.inputs
    sample = op.outputs[0]
    with control_dependencies([grad]):
        num = shape_of(shape_t)[0]
        new_shape = concat([ones([num], dtype=_dt.int32), shape_of(alpha)], axis=0)
        partial = apply("RandomGammaGrad", [reshape(alpha, new_shape), sample])
        return [None, reduce_sum(grad * partial, axis=_range(num))]


register_op("RandomGamma", infer=_random_gamma_infer, bind=_random_gamma_bind,
            grad=_random_gamma_grad, stateful=True)


def random_gamma(shape, alpha, beta=None, dtype=_dt.float32, seed=None, name=None):
    """Samples from Gamma(alpha, beta) distributions; shape `shape + broadcast(alpha, beta)`.

    Differentiable with respect to alpha and beta (implicit reparameterization, as TF);
    samples are clamped below at the dtype's smallest normal number, as in TF.

    >>> x = tf.random_gamma([100], [0.5, 1.5], seed=1)   # shape [100, 2]
    """
    dtype = _float_dtype(dtype, "random_gamma")
    values = [t for t in (alpha, beta) if hasattr(t, "op")]
    with name_scope(name, "random_gamma", values):
        shape_t = _shape_tensor(shape)
        alpha_t = to_tensor(alpha, dtype=dtype, name="alpha")
        beta_t = to_tensor(beta if beta is not None else 1, dtype=dtype, name="beta")
        alpha_b = alpha_t + zeros_like(beta_t)
        g = apply("RandomGamma", [shape_t, alpha_b], {"T": dtype, **_seed_attrs(seed)},
                  "RandomGamma")
        scaled = g / beta_t
        with name_scope(None, "Maximum", []) as op_scope:    # TF converts `tiny` in there
            tiny = constant(np.finfo(dtype.as_numpy_dtype).tiny, dtype=dtype, name="x")
            return maximum(tiny, scaled, name=op_scope)


# -- ComputeAccidentalHits ----------------------------------------------------------------
def _accidental_hits_kernel(true_classes, sampled, **_):
    # TF maps each sampled value to its last position in `sampled`.
    order = np.argsort(sampled, kind="stable")
    vals = sampled[order]
    uniq, first = np.unique(vals[::-1], return_index=True)
    last_pos = order[::-1][first]
    flat = true_classes.ravel()
    where = np.searchsorted(uniq, flat)
    where = np.minimum(where, max(len(uniq) - 1, 0))
    hit = (uniq[where] == flat) if len(uniq) else np.zeros(flat.shape, bool)
    rows = np.repeat(np.arange(true_classes.shape[0]), true_classes.shape[1])
    idx = np.nonzero(hit)[0]
    return (rows[idx].astype(np.int32), last_pos[where[idx]].astype(np.int64),
            np.full(len(idx), -np.finfo(np.float32).max, np.float32))


def _accidental_hits_infer(inputs, attrs):
    # TF's shape function: true_classes a matrix of num_true columns, sampled a vector
    true_classes, sampled = (t.shape for t in inputs)
    if true_classes.ndims not in (None, 2):
        raise ValueError(f"Shape must be rank 2 but is rank {true_classes.ndims}")
    cols = true_classes.as_tuple()[1] if true_classes.ndims == 2 else None
    if cols is not None and cols != attrs["num_true"]:
        raise ValueError(f"Dimension must be {attrs['num_true']} but is {cols}")
    if sampled.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {sampled.ndims}")
    return [(_dt.int32, TensorShape([None])), (_dt.int64, TensorShape([None])),
            (_dt.float32, TensorShape([None]))]


register_op("ComputeAccidentalHits", infer=_accidental_hits_infer,
            kernel=_accidental_hits_kernel, grad=None)


def compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None, name=None):
    """Where sampled candidates equal a row's true classes (to remove such "hits").

    Returns:
      (indices int32: the rows, ids int64: positions in sampled_candidates, weights
      float32: -FLT_MAX), one entry per hit, in row-major order of true_classes.
    """
    seeds = _seed_attrs(seed)
    with name_scope(name, "ComputeAccidentalHits", []) as scope:  # TF converts in its scope
        tc = to_tensor(true_classes, dtype=_dt.int64, name="true_classes")
        sc = to_tensor(sampled_candidates, dtype=_dt.int64, name="sampled_candidates")
        return _ACCIDENTAL_HITS(*apply("ComputeAccidentalHits", [tc, sc],
                                       {"num_true": int(num_true), **seeds}, scope))
