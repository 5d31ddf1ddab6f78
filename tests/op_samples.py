"""The sample table behind the registry-driven op tests (tests/test_op_registry.py).

One `Sample` per row: the op types it covers, a function `fn(tf, *inputs)`
that builds them from the public API of the `tf` module it is given (flowgrad
in the tests, TensorFlow 1.14 in tests/golden/registry/gen_samples.py), how
to make its inputs for each dtype, which inputs to differentiate, and its kind
(pure, stateful, random). `run_sample` builds and runs a sample the same way
under both modules, so TF's answers recorded by the generator and flowgrad's
answers are produced by one piece of code.

How dtypes are sampled (to keep the suite inside its budget):
- forward: every dtype in the row's `dtypes` (a candidate list: TF's verdict
  for each is in the golden, an error where TF has no kernel); elementwise rows
  add float16 and int8/uint8/int16/uint16 (bfloat16, uint32 and uint64 are not
  sampled);
- gradients: float64 and the complex dtypes of the row, first and second
  order, against TF's gradients (with fixed random `grad_ys`); float64 rows
  are also checked numerically to second order (flowgrad.testing.check_grads);
- one small shape per row (broadcasting shapes for binary ops); the shape
  tables of tests/test_ops_*.py cover empty, scalar and size-1 shapes.

This module is imported by the TF 1.14 oracle: it must stay valid Python 3.7
and import nothing but NumPy at module level.
"""
from __future__ import absolute_import

import numpy as np

F = ("float32", "float64")
C = ("complex64", "complex128")
I = ("int32", "int64")  # noqa: E741 - reads as the dtype family
FC = F + C
SMALL_INTS = ("int8", "uint8", "int16", "uint16")
GRAD_DTYPES = ("float64", "complex64", "complex128")


class Arg(object):
    """How to make one input: shape, value range, and a fixed dtype (None: the row's dtype)."""

    def __init__(self, shape, low=-2.0, high=2.0, dtype=None, values=None, imag=0.5):
        self.shape = tuple(shape)
        self.low, self.high = low, high
        self.dtype = dtype
        self.values = values
        self.imag = imag

    def make(self, dtype, seed):
        dt = np.dtype(self.dtype or dtype)
        if self.values is not None:
            if dt.kind in "OSU":
                return np.array(self.values, dtype=object).reshape(self.shape)
            return np.asarray(self.values, dtype=dt).reshape(self.shape)
        rng = np.random.RandomState(seed)
        v = rng.uniform(self.low, self.high, size=self.shape)
        v = np.asarray(v).reshape(self.shape)
        if dt.kind == "c":
            im = np.asarray(rng.uniform(-self.imag, self.imag, size=self.shape))
            return (v + 1j * im.reshape(self.shape)).astype(dt)
        if dt.kind in "iu":
            return np.round(v).astype(dt)
        if dt.kind == "b":
            return v > 0.5 * (self.low + self.high)
        return v.astype(dt)


class Sample(object):
    """One row of the table.

    ops: the op types the row covers (each must appear in the graph flowgrad builds).
    fn: fn(tf, *inputs) -> a tensor, an op, or a list of them (None entries allowed).
    args: Arg list (inputs become placeholders of their exact shape; `static=False`
      makes them placeholders of unknown shape).
    grad: positions of the inputs to differentiate (None: not differentiated).
    kind: "pure" | "stateful" (variables initialized first; `steps` runs) |
      "random" (checked by shape, dtype and `check(values)`, not by value).
    """

    def __init__(self, name, ops, fn, args, dtypes=("float64",), grad=None, kind="pure",
                 static=True, steps=1, check=None, rtol=None, atol=None, order=2,
                 numeric=True, via_gradients=False, ref=None):
        self.name = name
        self.ops = (ops,) if isinstance(ops, str) else tuple(ops)
        self.fn = fn
        self.args = list(args)
        self.dtypes = tuple(dtypes)
        self.grad = None if grad is None else tuple(grad)
        self.kind = kind
        self.static = static
        self.steps = steps
        self.check = check
        self.rtol = rtol
        self.atol = atol
        self.order = order
        # numeric: check_grads applies (False where the row's function is not the
        # math its gradient rule follows, e.g. stop_gradient, or has complex outputs).
        self.numeric = numeric
        # via_gradients: the row's output is itself a gradient (a *Grad op's forward).
        self.via_gradients = via_gradients
        # ref: a NumPy reference for ops TF 1.14 has no CPU kernel for (used instead of TF).
        self.ref = ref

    def inputs(self, dtype):
        return [a.make(dtype, 1000 + 17 * k + len(self.name)) for k, a in enumerate(self.args)]

    def grad_dtypes(self):
        if self.grad is None or self.kind != "pure":
            return ()
        if "float64" not in self.dtypes and "float32" in self.dtypes:  # no float64 kernel
            return ("float32",) + tuple(d for d in self.dtypes if d in C)
        return tuple(d for d in self.dtypes if d in GRAD_DTYPES)


def raw(tf, op_type, **kwargs):
    """An op with no public wrapper, through tf.raw_ops (TF's and flowgrad's)."""
    return getattr(tf.raw_ops, op_type)(**kwargs)


def _grads(tf, y, x, g):
    return tf.gradients(y, x, grad_ys=g)[0]


# =========================================================================================
# Elementwise
# =========================================================================================
def _half(dtypes):
    """float16 and the small ints join the forward dtypes of elementwise rows."""
    dtypes = dtypes + ("float16",) if "float32" in dtypes else dtypes
    return dtypes + SMALL_INTS if "int32" in dtypes else dtypes


def _unary(op, name, low=-2.0, high=2.0, dtypes=FC, grad=True, imag=0.5):
    dtypes = _half(dtypes)

    def fn(tf, x):
        f = tf
        for part in name.split("."):
            f = getattr(f, part)
        return f(x)
    return Sample(op, op, fn, [Arg((2, 3), low, high, imag=imag)], dtypes,
                  grad=(0,) if grad else None)


UNARY = [
    _unary("Abs", "abs", dtypes=F + I),
    _unary("Neg", "negative", dtypes=FC + I),
    _unary("Sign", "sign", dtypes=FC + I),
    _unary("Square", "square", dtypes=FC + I),
    _unary("Reciprocal", "reciprocal", 0.5, 2.0),
    _unary("Sqrt", "sqrt", 0.2, 3.0),
    _unary("Rsqrt", "rsqrt", 0.2, 3.0),
    _unary("Exp", "exp"),
    _unary("Expm1", "expm1"),
    _unary("Log", "log", 0.2, 3.0),
    _unary("Log1p", "log1p", -0.8, 3.0),
    _unary("Sin", "sin", -3.0, 3.0),
    _unary("Cos", "cos", -3.0, 3.0),
    _unary("Tan", "tan", -1.2, 1.2),
    _unary("Asin", "asin", -0.9, 0.9),
    _unary("Acos", "acos", -0.9, 0.9),
    _unary("Atan", "atan", -3.0, 3.0, imag=0.3),
    _unary("Sinh", "sinh"),
    _unary("Cosh", "cosh"),
    _unary("Tanh", "tanh"),
    _unary("Asinh", "asinh", imag=0.3),
    _unary("Acosh", "acosh", 1.2, 3.0),
    _unary("Atanh", "atanh", -0.8, 0.8),
    _unary("Sigmoid", "sigmoid", -5.0, 5.0),
    _unary("Lgamma", "lgamma", 0.2, 6.0, dtypes=F),
    _unary("Digamma", "digamma", 0.2, 6.0, dtypes=F),
    _unary("Erf", "erf", -3.0, 3.0, dtypes=F),
    _unary("Erfc", "erfc", -3.0, 3.0, dtypes=F),
    _unary("Conj", "conj", dtypes=C),
    _unary("Floor", "floor", -3.0, 3.0, dtypes=F, grad=False),
    _unary("Ceil", "ceil", -3.0, 3.0, dtypes=F, grad=False),
    _unary("Rint", "rint", -3.0, 3.0, dtypes=F, grad=False),
    _unary("Round", "round", -3.0, 3.0, dtypes=F, grad=False),
    _unary("IsNan", "is_nan", dtypes=F, grad=False),
    _unary("IsInf", "is_inf", dtypes=F, grad=False),
    _unary("IsFinite", "is_finite", dtypes=F, grad=False),
    _unary("LogicalNot", "logical_not", dtypes=("bool",), grad=False),
]


def _binary(op, name, low=-2.0, high=2.0, dtypes=FC, grad=(0, 1), ylow=None, yhigh=None,
            xshape=(2, 3), yshape=(3,)):
    dtypes = _half(dtypes)

    def fn(tf, x, y):
        f = tf
        for part in name.split("."):
            f = getattr(f, part)
        return f(x, y)
    ya = Arg(yshape, low if ylow is None else ylow, high if yhigh is None else yhigh)
    return Sample(op, op, fn, [Arg(xshape, low, high), ya], dtypes, grad=grad or None)


_CMP = F + I
BINARY = [
    _binary("Add", "add", dtypes=FC + I),
    _binary("Sub", "subtract", dtypes=FC + I),
    _binary("Mul", "multiply", dtypes=FC + I),
    _binary("RealDiv", "realdiv", ylow=0.5, yhigh=2.0),
    _binary("Maximum", "maximum", dtypes=F + I),
    _binary("Minimum", "minimum", dtypes=F + I),
    _binary("Pow", "pow", 0.3, 2.0),
    _binary("SquaredDifference", "squared_difference", dtypes=FC + I),
    _binary("Atan2", "atan2", dtypes=F, yshape=(2, 3)),  # TF 1.14's gradient does not unbroadcast
    _binary("FloorDiv", "floordiv", -5.0, 5.0, dtypes=F + I, ylow=1.0, yhigh=3.0),
    _binary("FloorMod", "floormod", -5.0, 5.0, dtypes=F + I, ylow=1.0, yhigh=3.0),
    _binary("TruncateDiv", "truncatediv", -5.0, 5.0, dtypes=I, grad=False, ylow=1.0,
            yhigh=3.0),
    _binary("TruncateMod", "truncatemod", -5.0, 5.0, dtypes=F + I, grad=False, ylow=1.0,
            yhigh=3.0),
    _binary("DivNoNan", "div_no_nan", ylow=0.5, yhigh=2.0),
    _binary("MulNoNan", "math.multiply_no_nan"),
    _binary("Xdivy", "math.xdivy", ylow=0.5, yhigh=2.0),
    _binary("Xlogy", "math.xlogy", 0.2, 2.0),
    # TF 1.14 has no gradient for zeta's x nor polygamma's n: they are not differentiated.
    _binary("Zeta", "math.zeta", 1.5, 4.0, dtypes=F, ylow=0.5, yhigh=2.0, grad=(1,)),
    _binary("NextAfter", "math.nextafter", dtypes=F, grad=False),
    _binary("Equal", "equal", dtypes=_CMP + C, grad=False, low=-1.0, high=1.0),
    _binary("NotEqual", "not_equal", dtypes=_CMP + C, grad=False, low=-1.0, high=1.0),
    _binary("Less", "less", dtypes=_CMP, grad=False),
    _binary("LessEqual", "less_equal", dtypes=_CMP, grad=False, low=-1.0, high=1.0),
    _binary("Greater", "greater", dtypes=_CMP, grad=False),
    _binary("GreaterEqual", "greater_equal", dtypes=_CMP, grad=False, low=-1.0, high=1.0),
    _binary("LogicalAnd", "logical_and", dtypes=("bool",), grad=False),
    _binary("LogicalOr", "logical_or", dtypes=("bool",), grad=False),
    Sample("AddV2", "AddV2", lambda tf, x, y: raw(tf, "AddV2", x=x, y=y),
           [Arg((2, 3)), Arg((3,))], FC + I, grad=(0, 1)),
    Sample("Polygamma", "Polygamma",
           lambda tf, x: tf.math.polygamma(tf.constant([[0.0, 1.0, 2.0]], x.dtype), x),
           [Arg((2, 3), 0.5, 3.0)], F, grad=(0,)),
]


def _grad_op(op, fwd, low=-2.0, high=2.0, dtypes=FC, order=2):
    """The gradient op of `fwd`, reached through tf.gradients with a fed upstream gradient."""
    def fn(tf, x, g):
        return _grads(tf, fwd(tf, x), x, g)
    return Sample(op, op, fn, [Arg((2, 3), low, high), Arg((2, 3))], dtypes, grad=(0, 1),
                  order=order, via_gradients=True)


GRAD_OPS = [
    _grad_op("TanhGrad", lambda tf, x: tf.tanh(x)),
    _grad_op("SigmoidGrad", lambda tf, x: tf.sigmoid(x)),
    _grad_op("SqrtGrad", lambda tf, x: tf.sqrt(x), 0.3, 2.0),
    _grad_op("RsqrtGrad", lambda tf, x: tf.rsqrt(x), 0.3, 2.0),
    _grad_op("ReciprocalGrad", lambda tf, x: tf.reciprocal(x), 0.5, 2.0),
    _grad_op("ReluGrad", lambda tf, x: tf.nn.relu(x), dtypes=F),
    _grad_op("Relu6Grad", lambda tf, x: tf.nn.relu6(x * 4.0), dtypes=F),
    _grad_op("EluGrad", lambda tf, x: tf.nn.elu(x), dtypes=F),
    _grad_op("SeluGrad", lambda tf, x: tf.nn.selu(x), dtypes=F),
    Sample("SoftplusGrad", "SoftplusGrad",
           lambda tf, g, x: raw(tf, "SoftplusGrad", gradients=g, features=x),
           [Arg((2, 3)), Arg((2, 3))], F, grad=(0, 1)),
    _grad_op("SoftsignGrad", lambda tf, x: tf.nn.softsign(x), dtypes=F),
    _grad_op("LeakyReluGrad", lambda tf, x: tf.nn.leaky_relu(x, 0.3), dtypes=F),
]

# =========================================================================================
# Reductions, scans, casts, n-ary
# =========================================================================================
_M = [Arg((3, 4))]
REDUCE = [
    Sample("Sum", "Sum", lambda tf, x: [tf.reduce_sum(x, 1), tf.reduce_sum(x, [0, 1], True)],
           _M, FC + I, grad=(0,)),
    Sample("Mean", "Mean", lambda tf, x: tf.reduce_mean(x, 0), _M, FC + I, grad=(0,)),
    Sample("Prod", "Prod", lambda tf, x: tf.reduce_prod(x, 1), _M, FC + I, grad=(0,)),
    Sample("Max", "Max", lambda tf, x: tf.reduce_max(x, 1), _M, F + I, grad=(0,)),
    Sample("Min", "Min", lambda tf, x: tf.reduce_min(x, 0, keepdims=True), _M, F + I,
           grad=(0,)),
    Sample("EuclideanNorm", "EuclideanNorm",
           lambda tf, x: tf.math.reduce_euclidean_norm(x, 1), _M, FC + I),
    Sample("All", "All", lambda tf, x: tf.reduce_all(x, 1), _M, ("bool",)),
    Sample("Any", "Any", lambda tf, x: tf.reduce_any(x, 0), _M, ("bool",)),
    Sample("ArgMax", "ArgMax", lambda tf, x: tf.argmax(x, 1), _M, F + I),
    Sample("ArgMin", "ArgMin", lambda tf, x: tf.argmin(x, 0, output_type=tf.int32), _M, F + I),
    Sample("Cumsum", "Cumsum",
           lambda tf, x: [tf.cumsum(x, 1), tf.cumsum(x, 0, exclusive=True, reverse=True)],
           _M, FC + I, grad=(0,)),
    Sample("Cumprod", "Cumprod",
           lambda tf, x: [tf.cumprod(x, 1), tf.cumprod(x, 0, exclusive=True)],
           [Arg((3, 4), 0.5, 1.5)], FC + I, grad=(0,)),
    Sample("DynamicStitch", ("DynamicStitch", "Sum"),
           lambda tf, x, g: _grads(tf, tf.reduce_sum(x, 1), x, g),
           [Arg((3, 4)), Arg((3,))], F, static=False),
    Sample("Cast", "Cast", lambda tf, x: [tf.cast(x, tf.float32), tf.cast(x, tf.int32)],
           [Arg((2, 3), -3.0, 3.0)], ("float64", "int64", "float32"), grad=(0,),
           numeric=False),  # float32 rounding is below check_grads' step
    Sample("Cast-to-complex", "Cast", lambda tf, x: tf.cast(x, tf.complex128),
           [Arg((2, 3))], F, grad=(0,), numeric=False),
    Sample("Cast-complex", "Cast", lambda tf, x: [tf.cast(x, tf.complex64),
                                                   tf.cast(x, tf.complex128)],
           [Arg((2, 3))], C, grad=(0,), numeric=False),
    Sample("Cast-complex-to-real", "Cast", lambda tf, x: [tf.cast(x, tf.float64),
                                                           tf.cast(x, tf.int32)],
           [Arg((2, 3))], C),
    Sample("AddN", "AddN", lambda tf, x, y, z: tf.add_n([x, y, z]),
           [Arg((2, 3)), Arg((2, 3)), Arg((2, 3))], FC + I, grad=(0, 1, 2)),
    Sample("AccumulateNV2", "AccumulateNV2", lambda tf, x, y: tf.math.accumulate_n([x, y]),
           [Arg((2, 3)), Arg((2, 3))], FC + I, grad=(0, 1)),
    Sample("Bincount", "Bincount",
           lambda tf, x, w: [tf.math.bincount(x), tf.math.bincount(x, weights=w, minlength=7)],
           [Arg((8,), 0, 5, dtype="int32"), Arg((8,))], ("float32",)),
]

# =========================================================================================
# Array: construction, shape, indexing, slicing
# =========================================================================================
_X = [Arg((2, 3))]
ARRAY = [
    Sample("BroadcastTo", "BroadcastTo", lambda tf, x: tf.broadcast_to(x, [4, 2, 3]), _X,
           FC + I, grad=(0,)),
    Sample("ConcatV2", ("ConcatV2",), lambda tf, x, y: tf.concat([x, y], 0),
           [Arg((2, 3)), Arg((1, 3))], FC + I, grad=(0, 1)),
    Sample("ConcatOffset", ("ConcatOffset", "ConcatV2"),
           lambda tf, x, y, g: tf.gradients(tf.concat([x, y], 1), [x, y], grad_ys=g),
           [Arg((2, 3)), Arg((2, 2)), Arg((2, 5))], F, static=False),
    Sample("Transpose", "Transpose", lambda tf, x: tf.transpose(x, [1, 0]), _X, FC + I,
           grad=(0,)),
    Sample("ConjugateTranspose", "ConjugateTranspose",
           lambda tf, x: tf.transpose(x, [1, 0], conjugate=True), _X, C, grad=(0,)),
    Sample("InvertPermutation", "InvertPermutation", lambda tf, p: tf.invert_permutation(p),
           [Arg((4,), values=[2, 0, 3, 1])], I),
    Sample("ExpandDims", "ExpandDims", lambda tf, x: tf.expand_dims(x, 1), _X, FC + I,
           grad=(0,)),
    Sample("Squeeze", "Squeeze", lambda tf, x: tf.squeeze(x, [1]), [Arg((2, 1, 3))], FC + I,
           grad=(0,)),
    Sample("Reshape", "Reshape", lambda tf, x: tf.reshape(x, [3, -1]), _X, FC + I, grad=(0,)),
    Sample("Fill", "Fill", lambda tf, v: tf.fill([2, 3], v), [Arg(())], FC + I, grad=(0,)),
    Sample("OnesLike", "OnesLike",  # tf.ones_like builds Fill, in TF 1.14 as here
           lambda tf, x: raw(tf, "OnesLike", x=x), _X, FC + I, grad=(0,)),
    Sample("ZerosLike", "ZerosLike", lambda tf, x: tf.zeros_like(x), _X, FC + I, grad=(0,),
           static=False),
    Sample("Identity", "Identity", lambda tf, x: tf.identity(x), _X, FC + I + ("bool",),
           grad=(0,)),
    Sample("IdentityN", "IdentityN", lambda tf, x, y: tf.identity_n([x, y]),
           [Arg((2, 3)), Arg((3,))], FC, grad=(0, 1)),
    Sample("StopGradient", "StopGradient", lambda tf, x: tf.stop_gradient(x) * x, _X, FC,
           grad=(0,), numeric=False),
    Sample("CheckNumerics", "CheckNumerics", lambda tf, x: tf.check_numerics(x * x, "x"), _X,
           ("float16",) + F + I, grad=(0,)),
    Sample("GatherV2", "GatherV2",
           lambda tf, x, i: [tf.gather(x, i), tf.gather(x, i[:2], axis=1)],
           [Arg((4, 3)), Arg((3,), values=[2, 0, 2], dtype="int32")], FC + I, grad=(0,)),
    Sample("GatherNd", "GatherNd", lambda tf, x, i: tf.gather_nd(x, i),
           [Arg((3, 4)), Arg((3, 2), values=[0, 1, 2, 3, 0, 1], dtype="int64")], FC + I,
           grad=(0,)),
    Sample("ScatterNd", "ScatterNd", lambda tf, i, u: tf.scatter_nd(i, u, [4, 3]),
           [Arg((3, 1), values=[1, 3, 1], dtype="int32"), Arg((3, 3))], FC + I, grad=(1,)),
    Sample("SparseTensorDenseAdd", "SparseTensorDenseAdd",
           lambda tf, i, v, s, b: raw(tf, "SparseTensorDenseAdd", a_indices=i, a_values=v,
                                         a_shape=s, b=b),
           [Arg((3, 2), values=[0, 1, 3, 2, 0, 1], dtype="int64"), Arg((3,)),
            Arg((2,), values=[4, 3], dtype="int64"), Arg((4, 3))], FC + I, grad=(1, 3)),
    Sample("OneHot", "OneHot",
           lambda tf, i: [tf.one_hot(i, 4), tf.one_hot(i, 3, on_value=2, off_value=-1,
                                                       axis=0, dtype=tf.int32)],
           [Arg((4,), values=[0, 3, -1, 1])], I),
    Sample("Pack", "Pack", lambda tf, x, y: tf.stack([x, y], 1), [Arg((2, 3)), Arg((2, 3))],
           FC + I, grad=(0, 1)),
    Sample("Unpack", "Unpack", lambda tf, x: tf.unstack(x, axis=1), _X, FC + I, grad=(0,)),
    Sample("Pad", "Pad", lambda tf, x: tf.pad(x, [[1, 0], [0, 2]]), _X, FC + I, grad=(0,)),
    Sample("PadV2", "PadV2", lambda tf, x: tf.pad(x, [[1, 0], [0, 2]], constant_values=3), _X,
           FC + I, grad=(0,)),
    Sample("MirrorPad", ("MirrorPad", "MirrorPadGrad"),
           lambda tf, x: [tf.pad(x, [[1, 1], [0, 2]], "REFLECT"),
                          tf.pad(x, [[1, 0], [2, 1]], "SYMMETRIC")],
           [Arg((3, 4))], FC + I, grad=(0,)),
    Sample("LinSpace", "LinSpace", lambda tf, a, b: tf.linspace(a, b, 5),
           [Arg(()), Arg(())], F),
    Sample("Range", "Range", lambda tf, a: [tf.range(a, 7.0, 1.5), tf.range(5)],
           [Arg((), 0.0, 1.0)], F),
    Sample("Shape", ("Shape", "Size", "Rank", "ShapeN"),
           lambda tf, x, y: [tf.shape(x), tf.size(x), tf.rank(x), tf.shape(y, out_type=tf.int64),
                             tf.shape_n([x, y])],
           [Arg((2, 3)), Arg((4,))], FC + I + ("bool",), static=False),
    Sample("Placeholder", ("Placeholder", "PlaceholderWithDefault"),
           lambda tf, x: [tf.placeholder_with_default(x, [2, 3]),
                          tf.placeholder_with_default(tf.constant([1.0, 2.0], x.dtype),
                                                      [None])],
           _X, FC, grad=(0,)),
    Sample("ReverseV2", "ReverseV2", lambda tf, x: tf.reverse(x, [1]), _X, FC + I, grad=(0,)),
    Sample("ReverseSequence", "ReverseSequence",
           lambda tf, x: tf.reverse_sequence(x, [3, 1], seq_axis=1, batch_axis=0), _X, FC + I,
           grad=(0,)),
    Sample("Select", "Select", lambda tf, c, x, y: tf.where(c, x, y),
           [Arg((2, 3), dtype="bool"), Arg((2, 3)), Arg((2, 3))], FC + I, grad=(1, 2)),
    Sample("Where", "Where", lambda tf, c: tf.where(c), [Arg((3, 4))], ("bool",)),
    Sample("Slice", "Slice", lambda tf, x: tf.slice(x, [1, 0], [2, -1]), [Arg((3, 4))],
           FC + I, grad=(0,)),
    Sample("StridedSlice", ("StridedSlice", "StridedSliceGrad"),
           lambda tf, x: [x[1:, ::-2], x[:, None, 1], x[..., -1]], [Arg((3, 4))], FC + I,
           grad=(0,)),
    Sample("Split", "Split", lambda tf, x: tf.split(x, 2, axis=1), [Arg((3, 4))], FC + I,
           grad=(0,)),
    Sample("SplitV", "SplitV", lambda tf, x: tf.split(x, [1, 3], axis=1), [Arg((3, 4))],
           FC + I, grad=(0,)),
    Sample("Tile", "Tile", lambda tf, x: tf.tile(x, [2, 1]), _X, FC + I, grad=(0,)),
    Sample("Unique", "Unique", lambda tf, x: list(tf.unique(x)),
           [Arg((6,), values=[3, 1, 3, 2, 1, 5])], F + I),
    Sample("BroadcastGradientArgs", ("BroadcastGradientArgs",),
           lambda tf, x, y, g: tf.gradients(x * y, [x, y], grad_ys=g),
           [Arg((2, 3)), Arg((3,)), Arg((2, 3))], F, static=False),
    Sample("Const", "Const", lambda tf, x: x + tf.constant([1.0, 2.0, 3.0], x.dtype), _X, FC),
]

# =========================================================================================
# Linear algebra, segments
# =========================================================================================
LINALG = [
    Sample("MatMul", "MatMul",
           lambda tf, a, b: [tf.matmul(a, b), tf.matmul(a, b, transpose_a=True,
                                                        transpose_b=True)[:1],
                             tf.matmul(a, a, adjoint_b=True)],
           [Arg((3, 3)), Arg((3, 3))], FC + I, grad=(0, 1)),
    Sample("BatchMatMulV2", "BatchMatMulV2",
           lambda tf, a, b: [tf.matmul(a, b), tf.matmul(a, b, adjoint_a=True)],
           [Arg((2, 3, 3)), Arg((2, 3, 3))], FC, grad=(0, 1)),
    Sample("SparseMatMul", "SparseMatMul",
           lambda tf, a, b: tf.matmul(a, b, a_is_sparse=True), [Arg((2, 3)), Arg((3, 4))],
           ("float32",), grad=(0, 1)),
    Sample("MatrixBandPart", "MatrixBandPart", lambda tf, a: tf.linalg.band_part(a, 1, 0),
           [Arg((3, 4))], FC + I, grad=(0,)),
    Sample("MatrixTriangularSolve", "MatrixTriangularSolve",
           lambda tf, a, b: [tf.linalg.triangular_solve(a, b),
                             tf.linalg.triangular_solve(a, b, lower=False, adjoint=True)],
           [Arg((3, 3), 1.0, 2.0), Arg((3, 2))], FC, grad=(0, 1)),
    Sample("Qr", "Qr", lambda tf, a: list(tf.linalg.qr(a)), [Arg((3, 3))], F, grad=(0,)),
    Sample("Qr-complex", "Qr",  # TF 1.14's QrGrad rejects complex: forward only
           lambda tf, a: list(tf.linalg.qr(a)) + list(tf.linalg.qr(a, full_matrices=True)),
           [Arg((4, 3))], C),
    Sample("Diag", "Diag", lambda tf, d: tf.diag(d), [Arg((3,))], FC + I, grad=(0,)),
    Sample("DiagPart", "DiagPart", lambda tf, a: tf.diag_part(a), [Arg((3, 3))], FC + I,
           grad=(0,)),
    Sample("MatrixDiag", "MatrixDiag", lambda tf, d: tf.matrix_diag(d), [Arg((2, 3))], FC + I,
           grad=(0,)),
    Sample("MatrixDiagPart", "MatrixDiagPart", lambda tf, a: tf.matrix_diag_part(a),
           [Arg((2, 3, 4))], FC + I, grad=(0,)),
    Sample("MatrixSetDiag", "MatrixSetDiag", lambda tf, a, d: tf.matrix_set_diag(a, d),
           [Arg((2, 3, 3)), Arg((2, 3))], FC + I, grad=(0, 1)),
    Sample("MatrixDeterminant", "MatrixDeterminant", lambda tf, a: tf.matrix_determinant(a),
           [Arg((2, 3, 3))], FC, grad=(0,)),
    Sample("LogMatrixDeterminant", "LogMatrixDeterminant",
           lambda tf, a: list(tf.linalg.slogdet(a)), [Arg((2, 3, 3))], F, grad=(0,)),
    Sample("MatrixInverse", "MatrixInverse",
           lambda tf, a: [tf.matrix_inverse(a), tf.matrix_inverse(a, adjoint=True)],
           [Arg((2, 3, 3))], FC, grad=(0,)),
    Sample("ListDiff", "ListDiff", lambda tf, x, y: list(tf.setdiff1d(x, y)),
           [Arg((6,), values=[1, 2, 3, 4, 5, 6]), Arg((3,), values=[2, 4, 7])], I),
    Sample("SegmentSum", "SegmentSum", lambda tf, x, s: tf.segment_sum(x, s),
           [Arg((4, 3)), Arg((4,), values=[0, 0, 1, 3], dtype="int32")], FC + I, grad=(0,)),
    Sample("SegmentMean", "SegmentMean", lambda tf, x, s: tf.segment_mean(x, s),
           [Arg((4, 3)), Arg((4,), values=[0, 0, 1, 3], dtype="int32")], F + I, grad=(0,)),
    Sample("SegmentMax", "SegmentMax", lambda tf, x, s: tf.segment_max(x, s),
           [Arg((4, 3)), Arg((4,), values=[0, 0, 1, 1], dtype="int32")], F + I, grad=(0,)),
    Sample("UnsortedSegmentSum", "UnsortedSegmentSum",
           lambda tf, x, s: tf.unsorted_segment_sum(x, s, 3),
           [Arg((4, 3)), Arg((4,), values=[2, 0, 2, 1], dtype="int32")], FC + I, grad=(0,)),
]

# =========================================================================================
# nn: activations, losses, normalization
# =========================================================================================
def _act(op, name, dtypes=F, order=2, **kw):
    def fn(tf, x):
        return getattr(tf.nn, name)(x, **kw)
    return Sample(op, op, fn, [Arg((2, 3))], dtypes, grad=(0,), order=order)


NN = [
    _act("Relu", "relu", F + I),
    _act("Relu6", "relu6", F + I),
    _act("Elu", "elu"),
    _act("Selu", "selu"),
    _act("Softplus", "softplus"),
    _act("Softsign", "softsign"),
    _act("LeakyRelu", "leaky_relu", alpha=0.3),
    _act("Softmax", "softmax"),
    _act("LogSoftmax", "log_softmax"),
    Sample("BiasAdd", ("BiasAdd", "BiasAddGrad"), lambda tf, x, b: tf.nn.bias_add(x, b),
           [Arg((2, 3)), Arg((3,))], FC + I, grad=(0, 1)),
    Sample("L2Loss", "L2Loss", lambda tf, x: tf.nn.l2_loss(x), _X, F, grad=(0,)),
    Sample("LRN", ("LRN", "LRNGrad"), lambda tf, x: tf.nn.lrn(x, 2, 1.0, 0.5, 0.75),
           [Arg((1, 2, 2, 5))], ("float32",), grad=(0,), order=1),  # LRNGrad: no gradient
    Sample("SoftmaxCrossEntropyWithLogits", "SoftmaxCrossEntropyWithLogits",
           lambda tf, lab, x: tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab, logits=x),
           [Arg((2, 3), values=[0.2, 0.3, 0.5, 0.6, 0.1, 0.3]), Arg((2, 3))], F, grad=(0, 1)),
    Sample("SparseSoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits",
           lambda tf, lab, x: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab,
                                                                           logits=x),
           [Arg((2,), values=[2, 0], dtype="int32"), Arg((2, 3))], F, grad=(1,)),
    Sample("TopKV2", "TopKV2", lambda tf, x: list(tf.nn.top_k(x, 2)), [Arg((3, 4))], F + I,
           grad=(0,)),
    Sample("InTopKV2", "InTopKV2", lambda tf, p, t: tf.nn.in_top_k(p, t, 2),
           [Arg((3, 4), dtype="float32"), Arg((3,), values=[0, 3, 1])], I),
    Sample("FusedBatchNorm", ("FusedBatchNorm", "FusedBatchNormGrad"),
           lambda tf, x, s, o: list(tf.nn.fused_batch_norm(x, s, o)[:1]),
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5), Arg((3,))], ("float32",), grad=(0, 1, 2)),
    Sample("FusedBatchNorm-inference", "FusedBatchNorm",
           lambda tf, x, s, o, m, v: tf.nn.fused_batch_norm(x, s, o, m, v, is_training=False)[0],
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5), Arg((3,)), Arg((3,)),
            Arg((3,), 0.5, 1.5)], ("float32",)),
    # V2: T float16 (what tf.nn.fused_batch_norm builds for half x; bfloat16 is not
    # sampled) or float32 (raw_ops only), U float32; gradients in float32
    Sample("FusedBatchNormV2", ("FusedBatchNormV2", "FusedBatchNormGradV2"),
           lambda tf, x, s, o: list(raw(tf, "FusedBatchNormV2", x=x, scale=s, offset=o,
                                        mean=tf.constant([]), variance=tf.constant([]))[:1]),
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5, dtype="float32"), Arg((3,), dtype="float32")],
           ("float16", "float32"), grad=(0, 1, 2)),
    Sample("FusedBatchNormV2-inference", "FusedBatchNormV2",
           lambda tf, x, s, o, m, v: tf.nn.fused_batch_norm(x, s, o, m, v, is_training=False)[0],
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5, dtype="float32"), Arg((3,), dtype="float32"),
            Arg((3,), dtype="float32"), Arg((3,), 0.5, 1.5, dtype="float32")], ("float16",)),
    Sample("FusedBatchNormGradV2-half", "FusedBatchNormGradV2",
           lambda tf, x, s, o, g: tf.gradients(tf.nn.fused_batch_norm(x, s, o)[0], [x, s, o],
                                               grad_ys=g),
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5, dtype="float32"), Arg((3,), dtype="float32"),
            Arg((2, 2, 2, 3))], ("float16",), via_gradients=True),
]

# =========================================================================================
# Convolution and pooling (NHWC / NDHWC, float32 and float64 where TF has a CPU kernel)
# =========================================================================================
_IMG = Arg((1, 4, 4, 2))
_VOL = Arg((1, 3, 4, 4, 2))
_P2 = dict(ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
_P3 = dict(ksize=[1, 2, 2, 2, 1], strides=[1, 1, 2, 2, 1], padding="VALID")


def _upstream(tf, y, x, g):
    return tf.gradients(y, x, grad_ys=g)


CONV = [
    Sample("Conv2D", ("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"),
           lambda tf, x, w: tf.nn.conv2d(x, w, [1, 1, 2, 1], "SAME"),
           [_IMG, Arg((2, 2, 2, 3))], F, grad=(0, 1)),
    Sample("Conv2DBackpropInput", "Conv2DBackpropInput",
           lambda tf, w, g: tf.nn.conv2d_backprop_input([1, 4, 4, 2], w, g, [1, 1, 1, 1],
                                                        "VALID"),
           [Arg((2, 2, 2, 3)), Arg((1, 3, 3, 3))], F, grad=(0, 1)),
    Sample("Conv2DBackpropFilter", "Conv2DBackpropFilter",
           lambda tf, x, g: tf.nn.conv2d_backprop_filter(x, [2, 2, 2, 3], g, [1, 1, 1, 1],
                                                         "VALID"),
           [_IMG, Arg((1, 3, 3, 3))], F, grad=(0, 1)),
    Sample("Conv3D", ("Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2"),
           lambda tf, x, w: tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "SAME"),
           [_VOL, Arg((2, 2, 2, 2, 2))], F, grad=(0, 1)),
    Sample("DepthwiseConv2dNative", ("DepthwiseConv2dNative",
                                     "DepthwiseConv2dNativeBackpropInput",
                                     "DepthwiseConv2dNativeBackpropFilter"),
           lambda tf, x, w: tf.nn.depthwise_conv2d_native(x, w, [1, 1, 1, 1], "VALID"),
           [_IMG, Arg((2, 2, 2, 2))], F, grad=(0, 1)),
    Sample("SpaceToBatchND", ("SpaceToBatchND", "BatchToSpaceND"),
           lambda tf, x: tf.batch_to_space_nd(
               tf.space_to_batch_nd(x, [2, 3], [[1, 1], [0, 2]]), [2, 3], [[0, 1], [1, 0]]),
           [_IMG], F + I, grad=(0,)),
    Sample("AvgPool", ("AvgPool", "AvgPoolGrad"), lambda tf, x: tf.nn.avg_pool(x, **_P2),
           [_IMG], F, grad=(0,)),
    Sample("AvgPool3D", ("AvgPool3D", "AvgPool3DGrad"), lambda tf, x: tf.nn.avg_pool3d(x, **_P3),
           [_VOL], F, grad=(0,)),
    Sample("MaxPool", ("MaxPool", "MaxPoolGrad", "MaxPoolGradGrad"),
           lambda tf, x: tf.nn.max_pool(x, **_P2), [_IMG], F, grad=(0,)),
    # MaxPool3D takes half/bfloat16/float32 only (as TF): no float64 numeric check here;
    # test_ops_nn checks the gradient ops numerically in float64 directly.
    Sample("MaxPool3D", ("MaxPool3D", "MaxPool3DGrad", "MaxPool3DGradGrad"),
           lambda tf, x: tf.nn.max_pool3d(x, **_P3), [_VOL], F, grad=(0,), numeric=False),
    Sample("MaxPoolWithArgmax", ("MaxPoolWithArgmax", "MaxPoolGradWithArgmax"),
           lambda tf, x: list(tf.nn.max_pool_with_argmax(x, **_P2)), [_IMG], ("float32",),
           grad=(0,)),
    Sample("MaxPoolGradGradWithArgmax", "MaxPoolGradGradWithArgmax",
           lambda tf, x, g: _grad_grad_argmax(tf, x, g), [_IMG, _IMG], F,
           grad=(1,), ref=lambda x, g: [_grad_grad_argmax_ref(x, g)]),
]
def _grad_grad_argmax(tf, x, g):
    am = tf.nn.max_pool_with_argmax(x, **_P2)[1]
    attrs = dict(_P2, include_batch_in_index=False)
    kw = dict(attrs, input=x, grad=g, argmax=am)
    return raw(tf, "MaxPoolGradGradWithArgmax", **kw)


def _grad_grad_argmax_ref(x, g):
    """g at the argmax of each 2x2 window of x (TF 1.14 has only a GPU kernel)."""
    n, h, w, c = x.shape
    out = np.zeros((n, h // 2, w // 2, c), g.dtype)
    for b in range(n):
        for i in range(h // 2):
            for j in range(w // 2):
                for k in range(c):
                    win = x[b, 2 * i:2 * i + 2, 2 * j:2 * j + 2, k]
                    di, dj = np.unravel_index(np.argmax(win), win.shape)
                    out[b, i, j, k] = g[b, 2 * i + di, 2 * j + dj, k]
    return out


# The *Grad kernels are run forward by the second-order checks above; their own
# gradients (third order) are not checked.

# =========================================================================================
# Stateful: variables, assignment, scatter, training ops, control flow, logging, I/O
# =========================================================================================
def _var(tf, x, name="v"):
    return tf.Variable(x, name=name)


def _scatter(op, name):
    def fn(tf, x, i, u):
        v = _var(tf, x)
        return [getattr(tf, name)(v, i, u)]
    return Sample(op, op, fn, [Arg((4, 3), 0.5, 2.0), Arg((3,), values=[1, 3, 1],
                                                          dtype="int32"),
                               Arg((3, 3), 0.5, 2.0)], F, kind="stateful")


def _optimizer(op, make, sparse=False, dtypes=F, **kw):
    def fn(tf, x, c):
        v = _var(tf, x)
        w = tf.gather(v, [2, 0]) if sparse else v
        loss = tf.reduce_sum(tf.square(w - tf.reduce_mean(c)) * (1.0 + c[:1]))
        train = make(tf).minimize(loss)
        return [train, v]
    return Sample(op, op, fn, [Arg((3, 2), 0.5, 2.0), Arg((2,), 0.5, 1.5)], dtypes,
                  kind="stateful", steps=2, **kw)


def _opt(cls, *args, **kw):
    return lambda tf: getattr(tf.train, cls)(*args, **kw)


def _gs(tf):
    return tf.train.get_or_create_global_step()


STATEFUL = [
    Sample("VariableV2", ("VariableV2", "Assign", "Identity"),
           lambda tf, x: [_var(tf, x).read_value()], _X, FC + I, kind="stateful"),
    Sample("AssignAdd", ("AssignAdd", "AssignSub", "Assign"),
           lambda tf, x, d: _assigns(tf, x, d), [Arg((2, 3)), Arg((2, 3))], F + I,
           kind="stateful", steps=2),
    Sample("CountUpTo", "CountUpTo", lambda tf: [tf.count_up_to(_var(tf, 0), 5)], [], (),
           kind="stateful", steps=3),
    # (Variable.initialized_value() is TF's cond on IsVariableInitialized)
    Sample("InitializedValue", "IsVariableInitialized",
           lambda tf, x: _init_checks(tf, x), _X, F, kind="stateful"),
    _scatter("ScatterAdd", "scatter_add"),
    _scatter("ScatterSub", "scatter_sub"),
    _scatter("ScatterMul", "scatter_mul"),
    _scatter("ScatterDiv", "scatter_div"),
    _scatter("ScatterMax", "scatter_max"),
    _scatter("ScatterMin", "scatter_min"),
    _scatter("ScatterUpdate", "scatter_update"),
    _optimizer("ApplyGradientDescent", _opt("GradientDescentOptimizer", 0.1)),
    _optimizer("ApplyMomentum", _opt("MomentumOptimizer", 0.1, 0.9, use_nesterov=True)),
    _optimizer("SparseApplyMomentum", _opt("MomentumOptimizer", 0.1, 0.9), sparse=True),
    _optimizer("ApplyAdagrad", _opt("AdagradOptimizer", 0.1)),
    _optimizer("SparseApplyAdagrad", _opt("AdagradOptimizer", 0.1), sparse=True),
    _optimizer("ApplyAdagradDA", lambda tf: tf.train.AdagradDAOptimizer(
        0.1, _gs(tf), l1_regularization_strength=0.01, l2_regularization_strength=0.02)),
    _optimizer("SparseApplyAdagradDA", lambda tf: tf.train.AdagradDAOptimizer(
        0.1, _gs(tf), l1_regularization_strength=0.01), sparse=True),
    _optimizer("ApplyAdadelta", _opt("AdadeltaOptimizer", 1.0, 0.9)),
    _optimizer("SparseApplyAdadelta", _opt("AdadeltaOptimizer", 1.0, 0.9), sparse=True),
    _optimizer("ApplyAdam", _opt("AdamOptimizer", 0.1)),
    _optimizer("ApplyRMSProp", _opt("RMSPropOptimizer", 0.1, momentum=0.5)),
    _optimizer("SparseApplyRMSProp", _opt("RMSPropOptimizer", 0.1, momentum=0.5),
               sparse=True),
    _optimizer("ApplyCenteredRMSProp", _opt("RMSPropOptimizer", 0.1, centered=True)),
    _optimizer("SparseApplyCenteredRMSProp", _opt("RMSPropOptimizer", 0.1, centered=True),
               sparse=True),
    _optimizer("ApplyFtrl", _opt("FtrlOptimizer", 0.1, l1_regularization_strength=0.01)),
    _optimizer("SparseApplyFtrl", _opt("FtrlOptimizer", 0.1, l2_regularization_strength=0.1),
               sparse=True),
    _optimizer("ApplyFtrlV2", _opt("FtrlOptimizer", 0.1, l2_shrinkage_regularization_strength=0.1)),
    _optimizer("SparseApplyFtrlV2", _opt("FtrlOptimizer", 0.1,
                                         l2_shrinkage_regularization_strength=0.1), sparse=True),
    _optimizer("ApplyProximalAdagrad", _opt("ProximalAdagradOptimizer", 0.1,
                                            l1_regularization_strength=0.01)),
    _optimizer("SparseApplyProximalAdagrad", _opt("ProximalAdagradOptimizer", 0.1,
                                                  l2_regularization_strength=0.1), sparse=True),
    _optimizer("ApplyProximalGradientDescent", _opt("ProximalGradientDescentOptimizer", 0.1,
                                                    l1_regularization_strength=0.01)),
    _optimizer("SparseApplyProximalGradientDescent", _opt(
        "ProximalGradientDescentOptimizer", 0.1, l2_regularization_strength=0.1), sparse=True),
    Sample("Cond", ("Cond", "NoOp"), lambda tf, p, x: _cond(tf, p, x),
           [Arg((), dtype="bool", values=True), Arg((2, 3))], F, grad=(1,)),
    Sample("Cond-false", "Cond", lambda tf, p, x: _cond(tf, p, x),
           [Arg((), dtype="bool", values=False), Arg((2, 3))], F, grad=(1,)),
    Sample("While", ("While", "LoopVar", "WhileGrad"), lambda tf, x: _while(tf, x),
           [Arg((3,), 0.5, 1.0)], F, grad=(0,),
           order=1),  # TF 1.14 has no second-order loop gradients (test_functional_ops.py)
    Sample("TensorArray", ("TensorArrayV3", "TensorArrayWriteV3", "TensorArrayReadV3",
                           "TensorArrayGatherV3", "TensorArrayScatterV3", "TensorArrayConcatV3",
                           "TensorArraySplitV3", "TensorArraySizeV3", "TensorArrayCloseV3",
                           "TensorArrayGradRead", "TensorArrayGradWrite",
                           "TensorArrayGradGather", "TensorArrayGradScatter",
                           "TensorArrayGradConcat", "TensorArrayGradSplit"),
           lambda tf, x: _tensor_array(tf, x), [Arg((4, 3))], F, grad=(0,)),
    Sample("TensorArray-scan", ("TensorArrayZeroGrad", "While"), lambda tf, x: _ta_scan(tf, x),
           [Arg((4, 3))], F, grad=(0,), order=1),  # a loop: flowgrad differentiates it once
    Sample("Print", ("Print", "PrintV2", "Assert"), lambda tf, x: _logging(tf, x), _X, F,
           grad=(0,)),
    Sample("SaveV2", ("SaveV2", "RestoreV2"), lambda tf, x, y: _save_restore(tf, x, y),
           [Arg((2, 3)), Arg((4,), dtype="int64")], F, kind="stateful"),
    Sample("SaveV2-sharded", ("StringJoin", "ShardedFilename", "SaveV2", "MergeV2Checkpoints",
                              "RestoreV2"),
           lambda tf, x, y: _sharded_save_restore(tf, x, y),
           [Arg((2, 3)), Arg((4,), dtype="int64")], F, kind="stateful"),
]


# -- resource variables (TF 1.14's use_resource=True) -------------------------------------
def _rvar(tf, x, name="rv"):
    return tf.Variable(x, name=name, use_resource=True)


def _rassigns(tf, x, d):
    v = _rvar(tf, x)
    a = v.assign_add(d, read_value=False)
    with tf.control_dependencies([a]):
        b = tf.assign_sub(v, d * 3)
    with tf.control_dependencies([b.op]):
        c = v.assign(v.read_value() * 2)
    return [b, c]   # each read right after its update (a later read_value would race in TF)


def _rinit_checks(tf, x):
    v = _rvar(tf, x)
    w = tf.Variable(v.initialized_value() * 2, name="w", use_resource=True)
    return [w.read_value(), tf.is_variable_initialized(v), tf.report_uninitialized_variables()]


def _gen_resource_ops(tf):
    """TF's gen_resource_variable_ops (flowgrad: its resource_variable_ops wrappers)."""
    if tf.__name__ == "flowgrad":
        from flowgrad.ops import resource_variable_ops
        return resource_variable_ops
    from tensorflow.python.ops import gen_resource_variable_ops
    return gen_resource_variable_ops


def _rscatter(op, name):
    def fn(tf, x, i, u):
        v = _rvar(tf, x)
        if name in ("scatter_add", "scatter_sub", "scatter_update"):
            return [getattr(tf, name)(v, i, u).read_value()]
        # TF 1.14's tf.scatter_mul/div/min/max take reference variables only: the raw op
        up = getattr(_gen_resource_ops(tf), "resource_" + name)(v.handle, i, u)
        with tf.control_dependencies([up]):
            return [v.read_value()]
    return Sample(op, op, fn, [Arg((4, 3), 0.5, 2.0), Arg((3,), values=[1, 3, 1],
                                                          dtype="int32"),
                               Arg((3, 3), 0.5, 2.0)], F, kind="stateful")


def _roptimizer(op, make, sparse=False, dtypes=F):
    def fn(tf, x, c):
        v = _rvar(tf, x)
        w = tf.gather(v, [2, 0]) if sparse else v
        loss = tf.reduce_sum(tf.square(w - tf.reduce_mean(c)) * (1.0 + c[:1]))
        train = make(tf).minimize(loss)
        with tf.control_dependencies([train]):
            return [v.read_value()]
    return Sample(op, op, fn, [Arg((3, 2), 0.5, 2.0), Arg((2,), 0.5, 1.5)], dtypes,
                  kind="stateful", steps=2)


RESOURCE = [
    Sample("VarHandleOp", ("VarHandleOp", "VarIsInitializedOp", "AssignVariableOp",
                           "ReadVariableOp"),
           lambda tf, x: [_rvar(tf, x).read_value()], _X, FC + I, kind="stateful"),
    Sample("AssignAddVariableOp", ("AssignAddVariableOp", "AssignSubVariableOp",
                                   "AssignVariableOp"),
           lambda tf, x, d: _rassigns(tf, x, d), [Arg((2, 3)), Arg((2, 3))], F + I,
           kind="stateful", steps=2),
    Sample("ResourceCountUpTo", "ResourceCountUpTo",
           lambda tf: [tf.count_up_to(_rvar(tf, 0), 5)], [], (), kind="stateful", steps=3),
    Sample("InitializedValue-resource", ("VarIsInitializedOp",),
           lambda tf, x: _rinit_checks(tf, x), _X, F, kind="stateful"),
    Sample("ResourceGather", "ResourceGather",
           lambda tf, x: [_rvar(tf, x).sparse_read([2, 0, 2])], [Arg((4, 3))], F + I,
           kind="stateful"),
    Sample("ResourceGatherNd", "ResourceGatherNd",
           lambda tf, x: [_rvar(tf, x).gather_nd([[2, 1], [0, 0]]),
                          _rvar(tf, x).gather_nd([[[1], [3]]])], [Arg((4, 3))], F + I,
           kind="stateful"),
    _rscatter("ResourceScatterAdd", "scatter_add"),
    _rscatter("ResourceScatterSub", "scatter_sub"),
    _rscatter("ResourceScatterMul", "scatter_mul"),
    _rscatter("ResourceScatterDiv", "scatter_div"),
    _rscatter("ResourceScatterMax", "scatter_max"),
    _rscatter("ResourceScatterMin", "scatter_min"),
    _rscatter("ResourceScatterUpdate", "scatter_update"),
    _roptimizer("ResourceApplyGradientDescent", _opt("GradientDescentOptimizer", 0.1)),
    _roptimizer("ResourceApplyMomentum", _opt("MomentumOptimizer", 0.1, 0.9, use_nesterov=True)),
    _roptimizer("ResourceSparseApplyMomentum", _opt("MomentumOptimizer", 0.1, 0.9), sparse=True),
    _roptimizer("ResourceApplyAdagrad", _opt("AdagradOptimizer", 0.1)),
    _roptimizer("ResourceSparseApplyAdagrad", _opt("AdagradOptimizer", 0.1), sparse=True),
    _roptimizer("ResourceApplyAdagradDA", lambda tf: tf.train.AdagradDAOptimizer(
        0.1, _gs(tf), l1_regularization_strength=0.01, l2_regularization_strength=0.02)),
    _roptimizer("ResourceSparseApplyAdagradDA", lambda tf: tf.train.AdagradDAOptimizer(
        0.1, _gs(tf), l1_regularization_strength=0.01), sparse=True),
    _roptimizer("ResourceApplyAdadelta", _opt("AdadeltaOptimizer", 1.0, 0.9)),
    _roptimizer("ResourceSparseApplyAdadelta", _opt("AdadeltaOptimizer", 1.0, 0.9), sparse=True),
    _roptimizer("ResourceApplyAdam", _opt("AdamOptimizer", 0.1)),
    _roptimizer("ResourceApplyRMSProp", _opt("RMSPropOptimizer", 0.1, momentum=0.5)),
    _roptimizer("ResourceSparseApplyRMSProp", _opt("RMSPropOptimizer", 0.1, momentum=0.5),
                sparse=True),
    _roptimizer("ResourceApplyCenteredRMSProp", _opt("RMSPropOptimizer", 0.1, centered=True)),
    _roptimizer("ResourceSparseApplyCenteredRMSProp", _opt("RMSPropOptimizer", 0.1, centered=True),
                sparse=True),
    _roptimizer("ResourceApplyFtrl", _opt("FtrlOptimizer", 0.1, l1_regularization_strength=0.01)),
    _roptimizer("ResourceSparseApplyFtrl",
                _opt("FtrlOptimizer", 0.1, l2_regularization_strength=0.1), sparse=True),
    _roptimizer("ResourceApplyFtrlV2",
                _opt("FtrlOptimizer", 0.1, l2_shrinkage_regularization_strength=0.1)),
    _roptimizer("ResourceSparseApplyFtrlV2", _opt("FtrlOptimizer", 0.1,
                                          l2_shrinkage_regularization_strength=0.1), sparse=True),
    _roptimizer("ResourceApplyProximalAdagrad", _opt("ProximalAdagradOptimizer", 0.1,
                                             l1_regularization_strength=0.01)),
    _roptimizer("ResourceSparseApplyProximalAdagrad", _opt("ProximalAdagradOptimizer", 0.1,
                                                   l2_regularization_strength=0.1), sparse=True),
    _roptimizer("ResourceApplyProximalGradientDescent",
                _opt("ProximalGradientDescentOptimizer", 0.1, l1_regularization_strength=0.01)),
    _roptimizer("ResourceSparseApplyProximalGradientDescent", _opt(
        "ProximalGradientDescentOptimizer", 0.1, l2_regularization_strength=0.1), sparse=True),
]

def _assigns(tf, x, d):
    v = _var(tf, x)
    a = tf.assign_add(v, d)
    with tf.control_dependencies([a]):
        b = tf.assign_sub(v, d * 3)
    with tf.control_dependencies([b]):
        c = tf.assign(v, v * 2)
    return [c]


def _init_checks(tf, x):
    v = _var(tf, x)
    w = tf.Variable(v.initialized_value() * 2, name="w")
    u = tf.Variable(x * 0, name="never_initialized")
    return [w.read_value(), tf.is_variable_initialized(u), tf.report_uninitialized_variables(),
            tf.assert_variables_initialized([v, w])]


def _cond(tf, p, x):
    def t():
        return tf.sin(x) * 2.0

    def f():
        with tf.control_dependencies([tf.no_op()]):
            return tf.square(x)
    return tf.cond(p, t, f)


def _while(tf, x):
    out = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y) * 1.5 + y),
                        (tf.constant(0), x))
    return out[1]


def _tensor_array(tf, x):
    ta = tf.TensorArray(x.dtype, 4, clear_after_read=False).unstack(x * 1.5)
    w = tf.TensorArray(x.dtype, 2).write(0, ta.read(1) * ta.read(1)).write(1, tf.sin(ta.read(3)))
    s = tf.TensorArray(x.dtype, 2, infer_shape=False).split(tf.reshape(x, [-1]), [5, 7])
    size = tf.cast(ta.size(), x.dtype)
    with tf.control_dependencies([tf.TensorArray(x.dtype, 1).write(0, x[0]).close()]):
        return [w.stack(), ta.gather([2, 0]) * size, s.concat() * 2.0]


def _ta_scan(tf, x):
    out = tf.scan(lambda a, r: (a[0] * r + r, a[1] + 1.0), x,
                  initializer=(tf.ones([3], x.dtype), tf.zeros([], x.dtype)))
    return out[0]


def _logging(tf, x):
    y = tf.Print(x, [x], "flowgrad registry test: ", summarize=1)
    check = tf.Assert(tf.reduce_all(tf.is_finite(y)), [y])
    with tf.control_dependencies([check, tf.print("registry test", tf.shape(y))]):
        return tf.identity(y) * 2.0


_CKPT_DIR = []


def _checkpoint_prefix():
    """A fresh prefix in one temporary folder, removed when the process exits."""
    import atexit
    import os
    import shutil
    import tempfile
    if not _CKPT_DIR:
        _CKPT_DIR.append(tempfile.mkdtemp(prefix="fg_registry_"))
        atexit.register(shutil.rmtree, _CKPT_DIR[0], True)
    return os.path.join(_CKPT_DIR[0], "ckpt%d" % len(os.listdir(_CKPT_DIR[0])))


def _save_restore(tf, x, y):
    prefix = _checkpoint_prefix()
    names = ["a", "b"]
    slices = ["", ""]
    save = raw(tf, "SaveV2", prefix=prefix, tensor_names=names, shape_and_slices=slices,
               tensors=[x, y])
    with tf.control_dependencies([save]):
        return list(raw(tf, "RestoreV2", prefix=prefix, tensor_names=names,
                        shape_and_slices=slices, dtypes=[x.dtype, y.dtype]))


def _sharded_save_restore(tf, x, y):
    """TF's sharded Saver graph: a shard under <prefix>_temp_shards/, merged into prefix."""
    prefix = _checkpoint_prefix()
    names, slices = ["a", "b"], ["", ""]
    p = tf.constant(prefix)
    tmp = raw(tf, "StringJoin", inputs=[p, "_temp_shards/part"])
    n = tf.constant(1)
    shard = raw(tf, "ShardedFilename", basename=tmp, shard=0, num_shards=n)
    save = raw(tf, "SaveV2", prefix=shard, tensor_names=names, shape_and_slices=slices,
               tensors=[x, y])
    with tf.control_dependencies([save]):
        prefixes = tf.stack([shard])
    merge = raw(tf, "MergeV2Checkpoints", checkpoint_prefixes=prefixes, destination_prefix=p)
    with tf.control_dependencies([merge]):
        return list(raw(tf, "RestoreV2", prefix=p, tensor_names=names,
                        shape_and_slices=slices, dtypes=[x.dtype, y.dtype]))


# =========================================================================================
# Random: checked by shape, dtype and statistics (values: see tests/test_ops_random.py)
# =========================================================================================
def _moments(mean, std, tol=0.15):
    def check(vals):
        v = np.asarray(vals[0], np.float64)
        assert abs(v.mean() - mean) < tol * max(1.0, std) + 3 * std / np.sqrt(v.size), v.mean()
        assert abs(v.std() - std) < tol * max(std, 0.1) + 0.1, v.std()
    return check


def _near(value, tol):
    def check(vals):
        assert abs(float(vals[0]) - value) < tol, vals[0]
    return check


def _in_range(low, high):
    def check(vals):
        v = np.asarray(vals[0])
        assert v.min() >= low and v.max() < high, (v.min(), v.max())
    return check


def _is_permutation(vals):
    assert sorted(np.asarray(vals[0]).tolist()) == list(range(40))


def _candidates(vals):
    sampled, true_exp, samp_exp = [np.asarray(v) for v in vals]
    assert len(set(sampled.tolist())) == sampled.size  # unique=True
    assert sampled.min() >= 0 and sampled.max() < 50
    assert (true_exp > 0).all() and (samp_exp > 0).all()


def _random(name, fn, check, dtypes=("float32", "float64"), args=(), ops=None):
    return Sample(name, ops or name, fn, list(args), dtypes, kind="random", check=check)


def _dt(x):
    return x.dtype


RANDOM = [
    _random("RandomStandardNormal", lambda tf, m: [tf.random_normal([2000], seed=1,
                                                                    dtype=_dt(m)) + m],
            _moments(0.5, 1.0), args=[Arg((), values=0.5)]),
    _random("TruncatedNormal", lambda tf, m: [tf.truncated_normal([2000], seed=1,
                                                                 dtype=_dt(m)) + m],
            _moments(0.5, 0.88), args=[Arg((), values=0.5)]),
    _random("RandomUniform", lambda tf, m: [tf.random_uniform([2000], seed=1,
                                                             dtype=_dt(m)) + m],
            _in_range(0.5, 1.5), args=[Arg((), values=0.5)]),
    _random("RandomUniformInt", lambda tf: [tf.random_uniform([2000], -3, 4, tf.int64, seed=1)],
            _in_range(-3, 4), ()),
    _random("RandomShuffle", lambda tf: [tf.random_shuffle(tf.range(40), seed=3)],
            _is_permutation, ()),
    _random("Multinomial", lambda tf: [tf.multinomial(tf.log([[0.1, 0.2, 0.7]]), 3000, seed=2)],
            _moments(1.6, 0.66, 0.1), ()),
    _random("RandomGamma", lambda tf, a: [tf.random_gamma([4000], a, dtype=_dt(a), seed=4)],
            _moments(2.0, 1.414), args=[Arg((), values=2.0)]),
    # d sample / d alpha through RandomGammaGrad: its mean is d E[X] / d alpha = 1.
    _random("RandomGamma-grad", lambda tf, a: [tf.gradients(tf.random_gamma(
        [4000], a, dtype=_dt(a), seed=4), a)[0] / 4000.0], _near(1.0, 0.1),
        args=[Arg((), values=2.0)], ops=("RandomGamma", "RandomGammaGrad")),
    _random("RandomPoissonV2", lambda tf: [tf.random.poisson([3.0], [4000], seed=5)],
            _moments(3.0, 1.73), ()),
    _random("StatelessRandomNormal",
            lambda tf: [tf.random.stateless_normal([2000], [1, 2])], _moments(0.0, 1.0), ()),
    _random("StatelessTruncatedNormal",
            lambda tf: [tf.random.stateless_truncated_normal([2000], [1, 2])],
            _moments(0.0, 0.88), ()),
    _random("StatelessRandomUniform",
            lambda tf: [tf.random.stateless_uniform([2000], [3, 4])], _in_range(0.0, 1.0), ()),
    _random("StatelessRandomUniformInt",
            lambda tf: [tf.random.stateless_uniform([2000], [3, 4], minval=-2, maxval=5,
                                                    dtype=tf.int32)], _in_range(-2, 5), ()),
    _random("StatelessMultinomial",
            lambda tf: [tf.random.stateless_multinomial(tf.log([[0.1, 0.2, 0.7]]), 3000,
                                                        [5, 6])], _moments(1.6, 0.66, 0.1), ()),
    _random("UniformCandidateSampler",
            lambda tf: list(tf.nn.uniform_candidate_sampler(
                tf.constant([[1, 2]], tf.int64), 2, 10, True, 50, seed=6)), _candidates, ()),
    _random("LogUniformCandidateSampler",
            lambda tf: list(tf.nn.log_uniform_candidate_sampler(
                tf.constant([[1, 2]], tf.int64), 2, 10, True, 50, seed=7)), _candidates, ()),
    _random("FixedUnigramCandidateSampler",
            lambda tf: list(tf.nn.fixed_unigram_candidate_sampler(
                tf.constant([[1, 2]], tf.int64), 2, 10, True, 50,
                unigrams=[float(i % 7 + 1) for i in range(50)], seed=7)), _candidates, ()),
    _random("LearnedUnigramCandidateSampler",
            lambda tf: list(tf.nn.learned_unigram_candidate_sampler(
                tf.constant([[1, 2]], tf.int64), 2, 10, True, 50, seed=7)), _candidates, ()),
    _random("AllCandidateSampler",
            lambda tf: list(tf.nn.all_candidate_sampler(
                tf.constant([[1, 2]], tf.int64), 2, 10, True, seed=7)), _candidates, ()),
]

# Deterministic ops of the random family: exact values against TF.
RANDOM_EXACT = [
    Sample("ComputeAccidentalHits", "ComputeAccidentalHits",
           lambda tf, t, s: list(tf.nn.compute_accidental_hits(t, s, 2)),
           [Arg((2, 2), values=[1, 2, 3, 1], dtype="int64"),
            Arg((4,), values=[1, 5, 3, 2], dtype="int64")], ("float32",)),
    Sample("RandomGammaGrad", "RandomGammaGrad",
           lambda tf, a, x: raw(tf, "RandomGammaGrad", alpha=a, sample=x),
           [Arg((3,), 0.5, 3.0), Arg((3,), 0.2, 4.0)], F),
]

# =========================================================================================
# Summaries (string outputs: serialized Summary protos)
# =========================================================================================
SUMMARY = [
    Sample("ScalarSummary", ("ScalarSummary", "MergeSummary", "TensorSummaryV2"),
           lambda tf, x: [tf.summary.merge([tf.summary.scalar("loss", x[0, 0]),
                                            tf.summary.tensor_summary("t", x)])],
           _X, ("float32",), kind="stateful"),
    Sample("HistogramSummary", "HistogramSummary",
           lambda tf, x: [tf.summary.histogram("h", x)], [Arg((40,), -3.0, 3.0)],
           ("float32", "float64"), kind="stateful"),
    Sample("ImageSummary", "ImageSummary",
           lambda tf, x: [tf.summary.image("img", x, max_outputs=2)],
           [Arg((2, 3, 4, 3), 0.0, 1.0)], ("float32",), kind="stateful"),
    Sample("AudioSummaryV2", "AudioSummaryV2",
           lambda tf, x: [tf.summary.audio("snd", x, 8000)], [Arg((1, 20, 1), -1.0, 1.0)],
           ("float32",), kind="stateful"),
]

_PIX = Arg((4, 4, 3), 0.0, 255.0, dtype="uint8")
_RGB = Arg((3, 4, 3), 0.0, 1.0)
# tf.image: resize outputs are float32 whatever the input (as TF), so gradients are
# compared with TF's, not checked numerically in float64 (tests/test_image.py checks
# them numerically in float32).
IMAGE = [
    Sample("ResizeBilinear", ("ResizeBilinear", "ResizeBilinearGrad"),
           lambda tf, x: [tf.image.resize_bilinear(x, [5, 3]),
                          tf.image.resize_bilinear(x, [5, 3], align_corners=True)],
           [Arg((1, 3, 4, 2))], F, grad=(0,), numeric=False),
    Sample("ResizeNearestNeighbor", ("ResizeNearestNeighbor", "ResizeNearestNeighborGrad"),
           lambda tf, x: tf.image.resize_nearest_neighbor(x, [5, 7]),
           [Arg((1, 3, 4, 2))], F, grad=(0,), numeric=False),
    Sample("ResizeBicubic", ("ResizeBicubic", "ResizeBicubicGrad"),
           lambda tf, x: tf.image.resize_bicubic(x, [5, 3]),
           [Arg((1, 3, 4, 2))], F, grad=(0,), numeric=False),
    Sample("ResizeArea", "ResizeArea", lambda tf, x: tf.image.resize_area(x, [2, 3]),
           [Arg((1, 3, 4, 2))], F),
    Sample("AdjustContrastv2", "AdjustContrastv2",
           lambda tf, x: tf.image.adjust_contrast(x, 1.5), [_RGB], ("float32",)),
    Sample("AdjustHue", "AdjustHue", lambda tf, x: tf.image.adjust_hue(x, 0.2), [_RGB],
           ("float32",)),
    Sample("AdjustSaturation", "AdjustSaturation",
           lambda tf, x: tf.image.adjust_saturation(x, 1.5), [_RGB], ("float32",)),
    Sample("RGBToHSV", ("RGBToHSV", "HSVToRGB"),
           lambda tf, x: [tf.image.rgb_to_hsv(x), tf.image.hsv_to_rgb(x)], [_RGB], F),
    Sample("EncodePng", ("EncodePng", "DecodePng"),
           lambda tf, x: [tf.image.encode_png(x), tf.image.decode_png(tf.image.encode_png(x))],
           [_PIX], ("uint8",)),
    Sample("EncodeJpeg", ("EncodeJpeg", "DecodeJpeg"),
           lambda tf, x: [tf.image.encode_jpeg(x, quality=90),
                          tf.image.decode_jpeg(tf.image.encode_jpeg(x, quality=90),
                                               dct_method="INTEGER_ACCURATE")],
           [Arg((8, 8, 3), 0.0, 255.0, dtype="uint8")], ("uint8",)),
    Sample("DecodeImage", "DecodeImage",
           lambda tf, x: tf.image.decode_image(tf.image.encode_png(x)), [_PIX], ("uint8",)),
]

# =========================================================================================
# sparse (engine/ops/sparse.py): a fixed SparseTensor structure around sampled values
# =========================================================================================
_SP_IND = [[0, 1], [1, 0], [2, 2]]
_SP_UNSORTED = [[2, 2], [0, 1], [1, 0], [0, 0]]

SPARSE = [
    Sample("SparseToDense", "SparseToDense",
           lambda tf, v, d: [tf.sparse_tensor_to_dense(tf.SparseTensor(_SP_IND, v, [3, 3])),
                             tf.sparse_to_dense([[1], [3]], [5], v[:2], default_value=d)],
           [Arg((3,)), Arg(())], F + I, grad=(0, 1)),
    Sample("SparseTensorDenseMatMul", "SparseTensorDenseMatMul",
           lambda tf, v, b: [
               tf.sparse_tensor_dense_matmul(tf.SparseTensor(_SP_IND, v, [3, 4]), b),
               tf.sparse_tensor_dense_matmul(tf.SparseTensor(_SP_IND, v, [4, 3]), b,
                                             adjoint_a=True),
               tf.sparse_tensor_dense_matmul(tf.SparseTensor(_SP_IND, v, [3, 4]),
                                             tf.transpose(b), adjoint_b=True)],
           [Arg((3,)), Arg((4, 2))], F, grad=(0, 1)),
    Sample("SparseReduceSum", "SparseReduceSum",
           lambda tf, v: [tf.sparse_reduce_sum(tf.SparseTensor(_SP_IND, v, [3, 4])),
                          tf.sparse_reduce_sum(tf.SparseTensor(_SP_IND, v, [3, 4]), 1),
                          tf.sparse_reduce_sum(tf.SparseTensor(_SP_IND, v, [3, 4]), -2,
                                               keepdims=True)],
           [Arg((3,))], F + I, grad=(0,)),
    Sample("SparseReorder", "SparseReorder",
           lambda tf, v: [tf.sparse_reorder(tf.SparseTensor(_SP_UNSORTED, v, [3, 3])).values],
           [Arg((4,))], F + I, grad=(0,)),
    Sample("SparseDenseCwiseMul", "SparseDenseCwiseMul",
           lambda tf, v, d: [(tf.SparseTensor(_SP_IND, v, [3, 3]) * d).values,
                             (tf.SparseTensor(_SP_IND, v, [3, 3]) * d[0]).values],
           [Arg((3,)), Arg((3, 3))], F + I, grad=(0, 1)),
    Sample("SparseDenseCwiseDiv", "SparseDenseCwiseDiv",
           lambda tf, v, d: [(tf.SparseTensor(_SP_IND, v, [3, 3]) / d).values,
                             (tf.SparseTensor(_SP_IND, v, [3, 3]) / d[:, :1]).values],
           [Arg((3,)), Arg((3, 3), 0.5, 2.0)], F, grad=(0, 1)),
    Sample("SparseSegmentSum", "SparseSegmentSum",
           lambda tf, x: tf.sparse_segment_sum(x, [0, 2, 3, 2], [0, 0, 2, 3]),
           [Arg((4, 3))], F + I, grad=(0,)),
    Sample("SparseSegmentMean", "SparseSegmentMean",
           lambda tf, x: tf.sparse_segment_mean(x, [0, 2, 3, 2], [0, 0, 2, 3]),
           [Arg((4, 3))], F, grad=(0,)),
    Sample("SparseSegmentSqrtN", "SparseSegmentSqrtN",
           lambda tf, x: tf.sparse_segment_sqrt_n(x, [0, 2, 3, 2], [0, 0, 2, 3]),
           [Arg((4, 3))], F, grad=(0,)),
    Sample("SparseSegmentMeanGrad", "SparseSegmentMeanGrad",
           lambda tf, x, g: _grads(tf, tf.sparse_segment_mean(x, [0, 2, 3, 2], [0, 0, 2, 3]),
                                   x, g),
           [Arg((4, 3)), Arg((4, 3))], F, via_gradients=True),  # no gradient in TF 1.14
    Sample("SparseSegmentSqrtNGrad", "SparseSegmentSqrtNGrad",
           lambda tf, x, g: _grads(tf, tf.sparse_segment_sqrt_n(x, [1, 0, 1], [0, 2, 2]),
                                   x, g),
           [Arg((4, 3)), Arg((3, 3))], F, via_gradients=True),  # no gradient in TF 1.14
    Sample("CTCGreedyDecoder", "CTCGreedyDecoder",
           lambda tf, x: [t for m in (True, False) for t in _ctc_parts(
               tf.nn.ctc_greedy_decoder(x, [5, 3, 0], merge_repeated=m))],
           [Arg((5, 3, 4))], F),
    Sample("CTCLoss", ("CTCLoss", "PreventGradient"),
           lambda tf, x, g: [_ctc_loss(tf, x), _grads(tf, _ctc_loss(tf, x), x, g)],
           [Arg((5, 3, 4)), Arg((3,))], F, via_gradients=True),  # TF: float32 only
    Sample("CTCBeamSearchDecoder", "CTCBeamSearchDecoder",
           lambda tf, x: [t for m in (True, False) for t in _ctc_parts(
               tf.nn.ctc_beam_search_decoder(x, [6, 4, 2], beam_width=3, top_paths=2,
                                             merge_repeated=m))],
           [Arg((6, 3, 5))], F),
]


_SP_IND2 = [[0, 0], [0, 1], [2, 2], [2, 0]]
_SP_IND2_SORTED = [[0, 0], [0, 1], [2, 0], [2, 2]]
_FILL_IND = [[1, 1], [3, 2], [3, 0]]
_SM_IND = [[0, 1], [0, 2], [1, 0], [2, 0], [2, 2]]


def _sp3(tf, ind, v, shape=(3, 3)):
    return tf.SparseTensor(ind, v, list(shape))


def _sp_parts(sp):
    return [sp.indices, sp.values, sp.dense_shape]


SPARSE_STRUCTURE = [
    Sample("SparseAdd", "SparseAdd",
           lambda tf, a, b: [tf.sparse_add(_sp3(tf, _SP_IND, a),
                                           _sp3(tf, _SP_IND2_SORTED, b)).values,
                             tf.sparse_add(_sp3(tf, _SP_IND, a),
                                           _sp3(tf, _SP_IND2_SORTED, b)).indices],
           [Arg((3,)), Arg((4,))], F + I, grad=(0, 1)),
    Sample("SparseAddGrad", "SparseAddGrad",
           lambda tf, a, b, g: _grads(tf, tf.sparse_add(_sp3(tf, _SP_IND, a),
                                                        _sp3(tf, _SP_IND2_SORTED, b)).values,
                                      a, g),
           [Arg((3,)), Arg((4,)), Arg((5,))], F, via_gradients=True),
    Sample("SparseConcat", "SparseConcat",
           lambda tf, a, b: _sp_parts(tf.sparse_concat(1, [_sp3(tf, _SP_IND, a),
                                                           _sp3(tf, _SP_IND2_SORTED, b)])),
           [Arg((3,)), Arg((4,))], F + I),
    Sample("SparseReshape", "SparseReshape",
           lambda tf, a: _sp_parts(tf.sparse_reshape(_sp3(tf, _SP_IND, a), [-1])),
           [Arg((3,))], F + I),
    Sample("SparseSlice", "SparseSlice",
           lambda tf, a: _sp_parts(tf.sparse_slice(_sp3(tf, _SP_IND, a), [1, 0], [2, 3])),
           [Arg((3,))], F + I, grad=(0,)),
    Sample("SparseSliceGrad", "SparseSliceGrad",
           lambda tf, a, g: _grads(tf, tf.sparse_slice(_sp3(tf, _SP_IND, a), [1, 0],
                                                       [2, 3]).values, a, g),
           [Arg((3,)), Arg((2,))], F, via_gradients=True),
    Sample("SparseSplit", "SparseSplit",
           lambda tf, a: [t for sp in tf.sparse_split(sp_input=_sp3(tf, _SP_IND, a),
                                                      num_split=2, axis=1)
                          for t in _sp_parts(sp)],
           [Arg((3,))], F + I),
    Sample("SparseFillEmptyRows", "SparseFillEmptyRows",
           lambda tf, a, d: [t for t in _sp_parts(tf.sparse_fill_empty_rows(
               _sp3(tf, _FILL_IND, a, (5, 3)), d)[0])] + [tf.sparse_fill_empty_rows(
                   _sp3(tf, _FILL_IND, a, (5, 3)), d)[1]],
           [Arg((3,)), Arg(())], F + I, grad=(0, 1)),
    Sample("SparseFillEmptyRowsGrad", "SparseFillEmptyRowsGrad",
           lambda tf, a, d, g: _grads(tf, tf.sparse_fill_empty_rows(
               _sp3(tf, _FILL_IND, a, (5, 3)), d)[0].values, d, g),
           [Arg((3,)), Arg(()), Arg((6,))], F, via_gradients=True),
    Sample("SparseReduceMax", "SparseReduceMax",
           lambda tf, a: [tf.sparse_reduce_max(_sp3(tf, _SP_IND, a, (4, 3)), 1),
                          tf.sparse_reduce_max(_sp3(tf, _SP_IND, a, (4, 3))),
                          tf.sparse_reduce_max(_sp3(tf, _SP_IND, a, (4, 3)), 0, keepdims=True)],
           [Arg((3,))], F + I),
    Sample("SparseReduceSumSparse", ("SparseReduceSumSparse", "SparseReduceMaxSparse"),
           lambda tf, a: _sp_parts(tf.sparse_reduce_sum_sparse(_sp3(tf, _SP_IND2_SORTED, a),
                                                               1)) +
           _sp_parts(tf.sparse_reduce_max_sparse(_sp3(tf, _SP_IND2_SORTED, a), 0,
                                                 keepdims=True)),
           [Arg((4,))], F + I),
    Sample("SparseSparseMinimum", ("SparseSparseMinimum", "SparseSparseMaximum"),
           lambda tf, a, b: _sp_parts(tf.sparse_minimum(_sp3(tf, _SP_IND, a),
                                                        _sp3(tf, _SP_IND2_SORTED, b))) +
           _sp_parts(tf.sparse_maximum(_sp3(tf, _SP_IND, a), _sp3(tf, _SP_IND2_SORTED, b))),
           [Arg((3,)), Arg((4,))], F + I),
    Sample("SparseSoftmax", "SparseSoftmax",
           lambda tf, a: tf.sparse_softmax(_sp3(tf, _SM_IND, a)).values,
           [Arg((5,))], F, grad=(0,), order=1),
    Sample("SparseDenseCwiseAdd", "SparseDenseCwiseAdd",
           lambda tf, a, g: _grads(tf, tf.sparse_softmax(_sp3(tf, _SM_IND, a)).values, a, g),
           [Arg((5,)), Arg((5,))], F, via_gradients=True),
]


def _ctc_loss(tf, x):
    labels = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]], [1, 2, 0, 2, 2], [3, 2])
    return tf.nn.ctc_loss(labels, x, [5, 3, 4])


def _ctc_parts(decoded):
    sps, log_prob = decoded
    out = []
    for sp in sps:
        out += [sp.indices, sp.values, sp.dense_shape]
    return out + [log_prob]

# -- array/segment/scatter (c2) --------------------------------------------------------------
_C2_IDS = Arg((5,), values=[2, 0, 2, -1, 1], dtype="int32")  # unsorted, one negative id
_C2_SORTED = Arg((4,), values=[0, 0, 1, 3], dtype="int32")    # sorted, segment 2 empty
C2 = [
    Sample("UnsortedSegmentMax", ("UnsortedSegmentMax", "UnsortedSegmentMin"),
           lambda tf, x, s: [tf.unsorted_segment_max(x, s, 3),
                             tf.math.unsorted_segment_min(x, s, 3)],
           [Arg((5, 3)), _C2_IDS], F + I, grad=(0,)),
    Sample("UnsortedSegmentMax-empty", ("UnsortedSegmentMax", "UnsortedSegmentMin"),
           lambda tf, x, s: [tf.unsorted_segment_max(x, s, 4), tf.unsorted_segment_min(x, s, 4)],
           [Arg((5,)), _C2_IDS], F + I),
    Sample("UnsortedSegmentProd", "UnsortedSegmentProd",
           lambda tf, x, s: tf.unsorted_segment_prod(x, s, 4),
           [Arg((5, 2), 0.5, 1.5), _C2_IDS], FC + I, grad=(0,)),
    Sample("UnsortedSegmentProd-zeros", "UnsortedSegmentProd",
           lambda tf, x, s: tf.unsorted_segment_prod(x, s, 3),
           [Arg((5, 2), values=[0.5, 0., 1.5, 0.7, 0., -1.2, 2., 0.8, 0.9, 0.]), _C2_IDS],
           F + I, grad=(0,), order=1, numeric=False),
    Sample("SegmentMin", "SegmentMin", lambda tf, x, s: tf.segment_min(x, s),
           [Arg((4, 3)), _C2_SORTED], F + I, grad=(0,)),
    Sample("SegmentProd", "SegmentProd", lambda tf, x, s: tf.math.segment_prod(x, s),
           [Arg((4, 3)), _C2_SORTED], FC + I),
    Sample("DynamicPartition", "DynamicPartition",
           lambda tf, x, p: tf.dynamic_partition(x, p, 3),
           [Arg((5, 3)), Arg((5,), values=[1, 0, 2, 1, 0], dtype="int32")], FC + I,
           grad=(0,)),
    Sample("DynamicStitch-values", "DynamicStitch",
           lambda tf, i, j, x, y: tf.dynamic_stitch([i, j], [x, y]),
           [Arg((2,), values=[0, 3], dtype="int32"), Arg((3,), values=[1, 4, 2], dtype="int32"),
            Arg((2, 3)), Arg((3, 3))], FC + I, grad=(2, 3)),
    Sample("ParallelDynamicStitch", "ParallelDynamicStitch",
           lambda tf, i, j, x, y: raw(tf, "ParallelDynamicStitch", indices=[i, j], data=[x, y]),
           [Arg((2,), values=[0, 3], dtype="int32"), Arg((3,), values=[1, 4, 2], dtype="int32"),
            Arg((2, 3)), Arg((3, 3))], FC + I, grad=(2, 3)),
    Sample("UniqueWithCounts", "UniqueWithCounts",
           lambda tf, x: list(tf.unique_with_counts(x)) + list(
               tf.unique_with_counts(x, out_idx=tf.int64)),
           [Arg((6,), values=[3, 1, 3, 2, 1, 1])], F + I),
    Sample("SelectV2", "SelectV2",
           lambda tf, c, x, y: [tf.where_v2(c, x, y), tf.where_v2(c[0], y, x)],
           [Arg((2, 1), values=[True, False], dtype="bool"), Arg((3,)), Arg((2, 3))], FC + I,
           grad=(1, 2)),
    Sample("Roll", "Roll",
           lambda tf, x: [tf.roll(x, 1, 0), tf.roll(x, [2, -1], [1, 0]),
                          tf.manip.roll(x, [1, 2], [-1, 1])],
           [Arg((3, 4))], FC + I, grad=(0,)),
    Sample("EnsureShape", "EnsureShape", lambda tf, x: tf.ensure_shape(x, [2, None]) * x,
           _X, FC + I, grad=(0,), static=False),
    Sample("Bitcast", "Bitcast",
           lambda tf, x: [tf.bitcast(x, tf.uint8), tf.bitcast(tf.bitcast(x, tf.uint8), x.dtype),
                          tf.bitcast(x, tf.int16)],
           _X, FC + I),
    Sample("UnravelIndex", "UnravelIndex",
           lambda tf, i: [tf.unravel_index(i, tf.constant([3, 4], i.dtype)),
                          tf.unravel_index(i[1], tf.constant([2, 3, 2], i.dtype))],
           [Arg((4,), values=[0, 5, 3, 11])], I),
    Sample("LowerBound", ("LowerBound", "UpperBound"),
           lambda tf, s, v: [tf.searchsorted(s, v), tf.searchsorted(s, v, side="right"),
                             tf.searchsorted(s[0], v[1], out_type=tf.int64)],
           [Arg((2, 4), values=[-1, 0, 0, 2, -3, -1, 1, 1]),
            Arg((2, 3), values=[0, -2, 3, 1, -1, -4])], F + I),
    Sample("HistogramFixedWidth", "HistogramFixedWidth",
           lambda tf, v: [tf.histogram_fixed_width(v, tf.constant([-2, 2], v.dtype), 5),
                          tf.histogram_fixed_width(v, tf.constant([-1, 3], v.dtype), 3,
                                                   dtype=tf.int64)],
           [Arg((3, 4), -3.0, 3.0)], F + I),
    Sample("BroadcastArgs", "BroadcastArgs",
           lambda tf, x, y: [tf.broadcast_dynamic_shape(tf.shape(x), tf.shape(y)),
                             tf.broadcast_dynamic_shape(tf.shape(y, out_type=tf.int64),
                                                        tf.constant([4, 1, 1], tf.int64))],
           [Arg((2, 1)), Arg((3,))], F, static=False),
    Sample("ParallelConcat", "ParallelConcat", lambda tf, x, y: tf.parallel_stack([x, y]),
           [Arg((2, 3)), Arg((2, 3))], FC + I),
    Sample("ScatterNdUpdate", ("ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub"),
           lambda tf, x, i, u: [tf.scatter_nd_update(_var(tf, x), i, u),
                                tf.scatter_nd_add(_var(tf, x, "w"), i, u),
                                tf.scatter_nd_sub(_var(tf, x, "z"), i[:2], u[:2])],
           [Arg((4, 3)), Arg((3, 1), values=[1, 3, 1], dtype="int32"), Arg((3, 3))],
           F + I, kind="stateful", steps=2),
    Sample("ResourceScatterNdUpdate",
           ("ResourceScatterNdUpdate", "ResourceScatterNdAdd", "ResourceScatterNdSub"),
           lambda tf, x, i, u: [tf.scatter_nd_update(_rvar(tf, x), i, u).read_value(),
                                tf.scatter_nd_add(_rvar(tf, x, "w"), i, u).read_value(),
                                tf.scatter_nd_sub(_rvar(tf, x, "z"), i, u[:, 1]).read_value()],
           [Arg((4, 3)), Arg((3, 2), values=[1, 0, 3, 2, 1, 0], dtype="int64"), Arg((3, 3))],
           F + I, kind="stateful", steps=2),
    Sample("TensorScatterUpdate", "TensorScatterUpdate",
           lambda tf, x, i, u: [tf.tensor_scatter_update(x, i, u),
                                tf.tensor_scatter_nd_update(x, i[:1], u[:1])],
           [Arg((4, 3)), Arg((2, 1), values=[3, 0], dtype="int32"), Arg((2, 3))],
           FC + I + ("bool",), grad=(0, 2)),
    Sample("TensorScatterAdd", ("TensorScatterAdd", "TensorScatterSub"),
           lambda tf, x, i, u: [tf.tensor_scatter_add(x, i, u), tf.tensor_scatter_sub(x, i, u)],
           [Arg((4, 3)), Arg((3, 2), values=[1, 0, 3, 2, 1, 0], dtype="int64"), Arg((3,))],
           FC + I, grad=(0, 2)),
    Sample("DepthToSpace", "DepthToSpace", lambda tf, x: tf.depth_to_space(x, 2),
           [Arg((2, 1, 2, 8))], FC + I, grad=(0,)),
    Sample("SpaceToDepth", "SpaceToDepth", lambda tf, x: tf.nn.space_to_depth(x, 2),
           [Arg((1, 4, 2, 3))], FC + I, grad=(0,)),
    Sample("ExtractImagePatches", "ExtractImagePatches",
           lambda tf, x: [tf.extract_image_patches(x, [1, 2, 2, 1], [1, 1, 2, 1], [1, 2, 1, 1],
                                                   "SAME"),
                          tf.image.extract_patches(x, [1, 3, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1],
                                                   "VALID")],
           [Arg((2, 4, 3, 2))], F + I, grad=(0,)),
    Sample("ExtractVolumePatches", "ExtractVolumePatches",
           lambda tf, x: tf.extract_volume_patches(x, [1, 1, 2, 2, 1], [1, 1, 2, 1, 1], "SAME"),
           [Arg((1, 2, 3, 3, 2))], F + I, grad=(0,)),
    Sample("Dilation2D", "Dilation2D",
           lambda tf, x, f: [tf.nn.dilation2d(x, f, [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
                             tf.nn.erosion2d(x, f, [1, 2, 1, 1], [1, 1, 2, 1], "VALID")],
           [Arg((1, 4, 5, 2)), Arg((2, 2, 2))], F + I, grad=(0, 1), order=1),
    Sample("Dilation2DBackpropInput", ("Dilation2DBackpropInput", "Dilation2DBackpropFilter"),
           lambda tf, x, f, g: tf.gradients(
               tf.nn.dilation2d(x, f, [1, 2, 1, 1], [1, 1, 1, 1], "SAME"), [x, f], grad_ys=g),
           [Arg((1, 4, 3, 2)), Arg((2, 2, 2)), Arg((1, 2, 3, 2))], F, via_gradients=True),
    Sample("BitwiseAnd", ("BitwiseAnd", "BitwiseOr", "BitwiseXor", "Invert"),
           lambda tf, x, y: [tf.bitwise.bitwise_and(x, y), tf.bitwise.bitwise_or(x, y),
                             tf.bitwise.bitwise_xor(x, y), tf.bitwise.invert(x)],
           [Arg((2, 3), -100.0, 100.0), Arg((3,), -100.0, 100.0)],
           I + SMALL_INTS + ("uint32", "uint64")),
    Sample("LeftShift", ("LeftShift", "RightShift"),
           lambda tf, x, y: [tf.bitwise.left_shift(x, y), tf.bitwise.right_shift(x, y)],
           [Arg((2, 4), -100.0, 100.0), Arg((4,), values=[0, 3, 7, 70])],
           I + SMALL_INTS + ("uint32", "uint64")),
    Sample("DenseToDenseSetOperation", "DenseToDenseSetOperation",
           lambda tf, a, b: [t for op in (tf.sets.intersection, tf.sets.union,
                                          tf.sets.difference)
                             for t in (op(a, b).indices, op(a, b).values, op(a, b).dense_shape)],
           [Arg((2, 4), values=[1, 2, 2, 3, 4, 5, 6, 4]), Arg((2, 3), values=[2, 3, 9, 7, 4, 7])],
           I + ("int8", "uint8", "int16", "uint16", "float32")),
    Sample("DenseToSparseSetOperation", ("DenseToSparseSetOperation", "SetSize"),
           lambda tf, a, v: [t for r in (tf.sets.difference(a, tf.SparseTensor(
               [[0, 0], [1, 1], [1, 2]], v, [2, 3])), tf.sets.union(tf.SparseTensor(
                   [[0, 0], [1, 1], [1, 2]], v, [2, 3]), a))
               for t in (r.indices, r.values, r.dense_shape)] + [
               tf.sets.size(tf.SparseTensor([[0, 0], [1, 1], [1, 2]], v, [2, 3]))],
           [Arg((2, 2), values=[1, 2, 4, 5]), Arg((3,), values=[2, 9, 9])], I),
    Sample("SparseToSparseSetOperation", "SparseToSparseSetOperation",
           lambda tf, v, w: [t for r in (tf.sets.intersection(
               tf.SparseTensor([[0, 0, 0], [0, 0, 1], [1, 1, 0]], v, [2, 2, 2]),
               tf.SparseTensor([[0, 0, 0], [1, 0, 0], [1, 1, 1]], w, [2, 2, 3])),)
               for t in (r.indices, r.values, r.dense_shape)],
           [Arg((3,), values=[1, 2, 5]), Arg((3,), values=[2, 4, 5])], I),
]

# -- strings/complex (c3) --
STRINGS_COMPLEX = [
    Sample("Complex", "Complex", lambda tf, x, y: tf.complex(x, y),
           [Arg((2, 3)), Arg((3,))], F, grad=(0, 1), numeric=False),  # complex output
    Sample("Real", "Real", lambda tf, x: tf.real(x), [Arg((2, 3))], C, grad=(0,)),
    Sample("Imag", "Imag", lambda tf, x: tf.imag(x), [Arg((2, 3))], C, grad=(0,)),
    Sample("Angle", "Angle", lambda tf, x: tf.angle(x), [Arg((2, 3), 0.5, 2.0)], C,
           grad=(0,)),
    Sample("ComplexAbs", "ComplexAbs", lambda tf, x: tf.abs(x), [Arg((2, 3), 0.5, 2.0)], C,
           grad=(0,)),
    # IgammaGradA has no gradient in TF 1.14: first order only
    Sample("Igamma", "Igamma", lambda tf, a, x: tf.igamma(a, x),
           [Arg((2, 3), 0.5, 3.0), Arg((3,), 0.2, 4.0)], F, grad=(0, 1), order=1),
    Sample("Igammac", "Igammac", lambda tf, a, x: tf.igammac(a, x),
           [Arg((2, 3), 0.5, 3.0), Arg((3,), 0.2, 4.0)], F, grad=(0, 1), order=1),
    Sample("IgammaGradA", "IgammaGradA", lambda tf, a, x: raw(tf, "IgammaGradA", a=a, x=x),
        [Arg((2, 3), 0.5, 3.0), Arg((2, 3), 0.2, 4.0)], F),
    Sample("Betainc", "Betainc", lambda tf, a, b, x: tf.betainc(a, b, x),
           [Arg((2, 3), 0.5, 3.0), Arg((2, 3), 0.5, 3.0), Arg((2, 3), 0.1, 0.9)], F,
           grad=(2,), order=1),
    Sample("BesselI0e", "BesselI0e", lambda tf, x: tf.math.bessel_i0e(x),
           [Arg((2, 3), -3.0, 3.0)], F, grad=(0,)),
    Sample("BesselI1e", "BesselI1e", lambda tf, x: tf.math.bessel_i1e(x),
           [Arg((2, 3), -3.0, 3.0)], F, grad=(0,)),
]

# -- image (i10) --------------------------------------------------------------------------
_NMS_BOXES = Arg((6, 4), values=[0.0, 0.0, 0.5, 0.5, 0.1, 0.1, 0.6, 0.6, 0.5, 0.5, 1.0, 1.0,
                                 0.0, 0.4, 0.3, 0.9, 0.05, 0.05, 0.45, 0.55, 0.7, 0.1, 0.9, 0.3],
                 dtype="float32")
_NMS_SCORES = Arg((6,), values=[0.9, 0.75, 0.6, 0.95, 0.5, 0.3], dtype="float32")
_CROP_BOXES = Arg((3, 4), values=[0.1, 0.2, 0.7, 0.9, -0.2, 0.3, 0.5, 1.3, 0.33, 0.12, 0.61,
                                  0.47], dtype="float32")
IMAGE_I10 = [
    Sample("NonMaxSuppressionV3", "NonMaxSuppressionV3",
           lambda tf, b, s: tf.image.non_max_suppression(b, s, 4, 0.4, 0.35),
           [_NMS_BOXES, _NMS_SCORES], ("float32",)),
    Sample("NonMaxSuppressionV4", "NonMaxSuppressionV4",
           lambda tf, b, s: list(tf.image.non_max_suppression_padded(
               b, s, 5, 0.4, pad_to_max_output_size=True)), [_NMS_BOXES, _NMS_SCORES],
           ("float32",)),
    Sample("NonMaxSuppressionWithOverlaps", "NonMaxSuppressionWithOverlaps",
           lambda tf, o, s: tf.image.non_max_suppression_overlaps(o, s, 4, 0.5),
           [Arg((6, 6), 0.0, 1.0, dtype="float32"), _NMS_SCORES], ("float32",)),
    Sample("CombinedNonMaxSuppression", "CombinedNonMaxSuppression",
           lambda tf, b, s: list(tf.image.combined_non_max_suppression(
               tf.reshape(b, [1, 6, 1, 4]), tf.reshape(s, [1, 6, 1]) * [[[1.0, 0.5]]], 2, 3)),
           [_NMS_BOXES, _NMS_SCORES], ("float32",)),
    Sample("CropAndResize", ("CropAndResize", "CropAndResizeGradImage",
                             "CropAndResizeGradBoxes"),
           lambda tf, x, b: [tf.image.crop_and_resize(x, b, [0, 1, 0], [3, 4]),
                             tf.image.crop_and_resize(x, b, [1, 0, 1], [2, 1], "nearest")],
           [Arg((2, 4, 5, 2), 0.0, 1.0), _CROP_BOXES], F, grad=(0, 1), order=1,
           numeric=False),
    Sample("DrawBoundingBoxes", ("DrawBoundingBoxes", "DrawBoundingBoxesV2"),
           lambda tf, x, b: [tf.image.draw_bounding_boxes(x, tf.reshape(b, [2, 3, 4])),
                             tf.image.draw_bounding_boxes(x, tf.reshape(b, [2, 3, 4]),
                                                          colors=[[0.2, 0.4, 0.6, 1.0]])],
           [Arg((2, 5, 6, 3), 0.0, 1.0), Arg((6, 4), 0.0, 1.0, dtype="float32")],
           ("float32",)),
    Sample("SampleDistortedBoundingBoxV2", "SampleDistortedBoundingBoxV2",
           lambda tf, b: list(tf.image.sample_distorted_bounding_box(
               [40, 50, 3], tf.reshape(b, [1, 1, 4]), seed=3, seed2=5)),
           [Arg((4,), values=[0.1, 0.2, 0.6, 0.7], dtype="float32")], ("float32",)),
    Sample("ExtractGlimpse", "ExtractGlimpse",
           lambda tf, x: tf.image.extract_glimpse(x, [2, 3], [[0.1, -0.2], [-0.3, 0.25]]),
           [Arg((2, 6, 7, 2), 0.0, 1.0, dtype="float32")], ("float32",)),
    Sample("ExtractJpegShape", ("ExtractJpegShape", "DecodeAndCropJpeg",
                                "EncodeJpegVariableQuality"),
           lambda tf, x: [tf.image.extract_jpeg_shape(tf.image.encode_jpeg(x)),
                          tf.image.decode_and_crop_jpeg(tf.image.encode_jpeg(
                              x, quality=90, chroma_downsampling=False),
                                                        [1, 2, 5, 4],
                                                        dct_method="INTEGER_ACCURATE"),
                          tf.image.adjust_jpeg_quality(x[:, :, :1], 70)],
           [Arg((8, 9, 3), 0.0, 255.0, dtype="uint8")], ("uint8",)),
]

SAMPLES = (UNARY + BINARY + GRAD_OPS + REDUCE + ARRAY + LINALG + NN + CONV + STATEFUL + RESOURCE
           + RANDOM
           + RANDOM_EXACT + SUMMARY + IMAGE + SPARSE + SPARSE_STRUCTURE
           + C2 + STRINGS_COMPLEX + IMAGE_I10)
# -- linalg/fft (c1) --
def _spd(tf, a, k=3.0):
    """a a^H + k I: Hermitian positive definite (a square, [..., n, n])."""
    n = a.shape.as_list()[-1]
    return tf.matmul(a, a, adjoint_b=True) + k * tf.eye(n, dtype=a.dtype)


def _herm(tf, a):
    return a + tf.linalg.adjoint(a)


def _eigh_parts(tf, a):
    e, v = tf.linalg.eigh(_herm(tf, a))
    # v's columns are defined up to a phase: v diag(e^2) v^H is not
    return [e, tf.matmul(v * tf.expand_dims(e * e, -2), v, adjoint_b=True)]


def _svd_parts(tf, a):
    s, u, v = tf.linalg.svd(a)
    # u and v are defined up to a joint sign per column: u v^H and u diag(s^2) v^H are not
    return [s, tf.matmul(u, v, adjoint_b=True),
            tf.matmul(u * tf.expand_dims(s * s, -2), v, adjoint_b=True)]


def _solve_ls_raw(tf, a, b, fast=True):
    l2 = tf.constant(0.25, dtype=tf.float64)
    return raw(tf, "MatrixSolveLs", matrix=a, rhs=b, l2_regularizer=l2, fast=fast)


def _tridiag(tf, d):
    return d * tf.constant(np.array([[0.5], [3.0], [0.5]]), dtype=d.dtype)


LINALG_C1 = [
    Sample("Cholesky", "Cholesky", lambda tf, a: tf.linalg.cholesky(_spd(tf, a)),
           [Arg((2, 3, 3))], FC, grad=(0,)),
    Sample("MatrixSolve", "MatrixSolve",
           lambda tf, a, b: [tf.linalg.solve(_spd(tf, a), b),
                             tf.linalg.solve(a + 4.0 * tf.eye(3, dtype=a.dtype), b, adjoint=True)],
           [Arg((2, 3, 3)), Arg((2, 3, 2))], FC, grad=(0, 1)),
    Sample("MatrixSolveLs", "MatrixSolveLs",
           lambda tf, a, b, c, d: [_solve_ls_raw(tf, a, b), _solve_ls_raw(tf, c, d)],
           [Arg((4, 3)), Arg((4, 2)), Arg((2, 3)), Arg((2, 2))], FC, grad=(0, 1, 2, 3)),
    Sample("MatrixSolveLs-slow", "MatrixSolveLs",
           lambda tf, a, b: tf.linalg.lstsq(a, b, fast=False), [Arg((4, 3)), Arg((4, 2))], F),
    Sample("SelfAdjointEigV2", "SelfAdjointEigV2", _eigh_parts, [Arg((2, 3, 3))], FC,
           grad=(0,)),
    Sample("SelfAdjointEigV2-vals", "SelfAdjointEigV2",
           lambda tf, a: tf.linalg.eigvalsh(_herm(tf, a)), [Arg((3, 3))], FC, grad=(0,)),
    Sample("Svd", "Svd", _svd_parts, [Arg((3, 4))], F, grad=(0,)),
    Sample("Svd-tall", "Svd", _svd_parts, [Arg((2, 4, 3))], F, grad=(0,)),
    Sample("Svd-vals", "Svd", lambda tf, a: tf.linalg.svd(a, compute_uv=False),
           [Arg((2, 3, 4))], F, grad=(0,)),
    Sample("MatrixSquareRoot", "MatrixSquareRoot", lambda tf, a: tf.linalg.sqrtm(_spd(tf, a)),
           [Arg((2, 3, 3))], FC, grad=(0,)),
    Sample("MatrixLogarithm", "MatrixLogarithm", lambda tf, a: tf.linalg.logm(_spd(tf, a)),
           [Arg((2, 3, 3))], C),
    Sample("Lu", "Lu", lambda tf, a: list(tf.linalg.lu(a)) + list(tf.linalg.lu(a, tf.int64)),
           [Arg((2, 3, 3))], FC),
    Sample("Cross", "Cross", lambda tf, a, b: tf.linalg.cross(a, b), [Arg((2, 3)), Arg((2, 3))],
           F + I, grad=(0, 1)),
    Sample("TridiagonalSolve", "TridiagonalSolve",
           lambda tf, d, b: [tf.linalg.tridiagonal_solve(_tridiag(tf, d), b),
                             tf.linalg.tridiagonal_solve(_tridiag(tf, d), b,
                                                         partial_pivoting=False)],
           [Arg((2, 3, 4)), Arg((2, 4, 2))], FC, grad=(0, 1)),
    Sample("TridiagonalMatMul", "TridiagonalMatMul",
           lambda tf, d, b: tf.linalg.tridiagonal_matmul(d, b),
           [Arg((2, 3, 4)), Arg((2, 4, 2))], FC, grad=(0, 1)),
    Sample("FFT", "FFT", lambda tf, x: tf.fft(x), [Arg((2, 5))], C, grad=(0,)),
    Sample("IFFT", "IFFT", lambda tf, x: tf.ifft(x), [Arg((2, 5))], C, grad=(0,)),
    Sample("FFT2D", "FFT2D", lambda tf, x: tf.fft2d(x), [Arg((2, 3, 4))], C, grad=(0,)),
    Sample("IFFT2D", "IFFT2D", lambda tf, x: tf.ifft2d(x), [Arg((2, 3, 4))], C, grad=(0,)),
    Sample("FFT3D", "FFT3D", lambda tf, x: tf.fft3d(x), [Arg((2, 3, 2, 4))], C, grad=(0,)),
    Sample("IFFT3D", "IFFT3D", lambda tf, x: tf.ifft3d(x), [Arg((2, 3, 2, 4))], C, grad=(0,)),
    Sample("RFFT", "RFFT",
           lambda tf, x: [tf.signal.rfft(x), tf.signal.rfft(x, [4]), tf.signal.rfft(x, [9])],
           [Arg((2, 6))], ("float32",), grad=(0,)),
    Sample("IRFFT", "IRFFT",
           lambda tf, x: [tf.signal.irfft(x), tf.signal.irfft(x, [5]), tf.signal.irfft(x, [3])],
           [Arg((2, 4))], ("complex64",), grad=(0,)),
    Sample("RFFT2D", "RFFT2D",
           lambda tf, x: [tf.signal.rfft2d(x), tf.signal.rfft2d(x, [2, 5])],
           [Arg((2, 3, 4))], ("float32",), grad=(0,)),
    Sample("IRFFT2D", "IRFFT2D",
           lambda tf, x: [tf.signal.irfft2d(x), tf.signal.irfft2d(x, [3, 5])],
           [Arg((2, 3, 3))], ("complex64",), grad=(0,)),
    Sample("RFFT3D", "RFFT3D", lambda tf, x: tf.signal.rfft3d(x), [Arg((2, 2, 3, 4))],
           ("float32",)),
    Sample("IRFFT3D", "IRFFT3D", lambda tf, x: tf.signal.irfft3d(x, [2, 3, 4]),
           [Arg((2, 2, 3, 3))], ("complex64",)),
]
SAMPLES = SAMPLES + LINALG_C1
# -- end linalg/fft (c1) --
# -- contrib.opt's training ops (copt) --
COPT = [
    _optimizer("ApplyAdaMax", lambda tf: tf.contrib.opt.AdaMaxOptimizer(0.1)),
    _optimizer("ApplyAddSign", lambda tf: tf.contrib.opt.AddSignOptimizer(0.1, alpha=0.5)),
    _optimizer("ApplyPowerSign", lambda tf: tf.contrib.opt.PowerSignOptimizer(0.1, base=2.0)),
    _roptimizer("ResourceApplyAdaMax", lambda tf: tf.contrib.opt.AdaMaxOptimizer(0.1)),
    _roptimizer("ResourceApplyAddSign", lambda tf: tf.contrib.opt.AddSignOptimizer(0.1)),
    _roptimizer("ResourceApplyPowerSign", lambda tf: tf.contrib.opt.PowerSignOptimizer(0.1)),
]
SAMPLES = SAMPLES + COPT
# -- end contrib.opt (copt) --
# -- tf.keras optimizers' resource-only kernels (k17) --


def _kroptimizer(op, make, sparse=False):
    def fn(tf, x, c):
        v = _rvar(tf, x)
        w = tf.gather(v, [2, 0, 2]) if sparse else v
        loss = tf.reduce_sum(tf.square(w - tf.reduce_mean(c)) * (1.0 + c[:1]))
        train = make(tf).get_updates(loss, [v])[0]
        with tf.control_dependencies([train]):
            return [v.read_value()]
    return Sample(op, op, fn, [Arg((3, 2), 0.5, 2.0), Arg((2,), 0.5, 1.5)], F,
                  kind="stateful", steps=2)


SAMPLES = SAMPLES + [
    _kroptimizer("ResourceApplyKerasMomentum",
                 lambda tf: tf.keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True)),
    _kroptimizer("ResourceSparseApplyKerasMomentum",
                 lambda tf: tf.keras.optimizers.SGD(0.1, momentum=0.9), sparse=True),
    _kroptimizer("ResourceApplyAdamWithAmsgrad",
                 lambda tf: tf.keras.optimizers.Adam(0.1, amsgrad=True)),
]
# -- end tf.keras optimizers (k17) --
# -- tf.contrib.image (cmet) --
def _slice_assigns(tf, x, d):
    """`v[...].assign(...)`: a strided 2x2 block, then a row from a variable index."""
    v = _var(tf, x)
    i = _var(tf, 2, name="i")
    a = v[0:3:2, 1::2].assign(d)
    with tf.control_dependencies([a]):
        return v[i, ::-1].assign(tf.reshape(tf.concat([d[0], d[1]], 0), [4]))


_PERSPECTIVE = [[1.1, 0.2, -0.5, -0.1, 0.9, 0.7, 0.02, -0.03],
                [0.8, -0.3, 1.2, 0.25, 1.05, -0.4, -0.01, 0.04]]
CONTRIB_CMET = [
    Sample("ImageProjectiveTransformV2", "ImageProjectiveTransformV2",
           lambda tf, x: [tf.contrib.image.transform(x, _PERSPECTIVE),
                          tf.contrib.image.transform(x, _PERSPECTIVE[0], "BILINEAR",
                                                     output_shape=[3, 5])],
           [Arg((2, 4, 5, 2), 0.0, 6.0)],
           ("uint8", "int32", "int64", "float16", "float32", "float64", "int16"), grad=(0,),
           # TF's gradient samples at the inverse transform (not the adjoint)
           numeric=False),
    Sample("StridedSliceAssign", "StridedSliceAssign",
           lambda tf, x, d: [_slice_assigns(tf, x, d)],
           [Arg((3, 4)), Arg((2, 2))], F + I + ("float16", "uint8", "bool", "complex64"),
           kind="stateful", steps=2),
    Sample("Resampler", ("Resampler", "ResamplerGrad"),
           lambda tf, d, w: tf.contrib.resampler.resampler(d, w),
           [Arg((2, 4, 5, 2)), Arg((2, 6, 2), -1.5, 5.5)], ("float16", "float32", "float64"),
           grad=(0, 1), order=1),
    Sample("BipartiteMatch", "BipartiteMatch",
           lambda tf, d: list(tf.contrib.image.bipartite_match(tf.round(d), 4.0, top_k=3)) +
           list(tf.contrib.image.bipartite_match(d, -1.0)),
           [Arg((5, 4), 0.0, 3.0)], ("float32",)),
    Sample("NthElement", "NthElement",
           lambda tf, x: [tf.contrib.nn.nth_element(x, 2), tf.contrib.nn.nth_element(
               x, 0, reverse=True)],
           [Arg((3, 5))], F + I + ("float16", "uint8", "int16", "int8", "uint16"), grad=(0,)),
    Sample("ImageConnectedComponents", "ImageConnectedComponents",
           lambda tf, x: tf.contrib.image.connected_components(tf.round(x)),
           [Arg((2, 5, 6), 0.0, 2.0, dtype="float32")], ("float32",)),
    Sample("ImageConnectedComponents_dtypes", "ImageConnectedComponents",
           lambda tf, x: tf.contrib.image.connected_components(x),
           [Arg((2, 5, 6), 0.0, 2.0)],
           ("int64", "int32", "uint16", "int16", "uint8", "int8", "float16", "float64")),
]
SAMPLES = SAMPLES + CONTRIB_CMET
# -- end tf.contrib.image (cmet) --
# -- core: fake quantization --
_FQ_X = Arg((3, 4), -8.0, 8.0)
CORE_OPS = [
    Sample("FakeQuantWithMinMaxArgs", "FakeQuantWithMinMaxArgs",
           lambda tf, x: [tf.fake_quant_with_min_max_args(x),
                          tf.fake_quant_with_min_max_args(x, -1.3, 2.7, 4, True)],
           [_FQ_X], ("float32",), grad=(0,), order=1, numeric=False),
    Sample("FakeQuantWithMinMaxArgsGradient", "FakeQuantWithMinMaxArgsGradient",
           lambda tf, g, x: tf.fake_quant_with_min_max_args_gradient(g, x, -1.3, 2.7, 5),
           [Arg((3, 4)), _FQ_X], ("float32",)),
    Sample("FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxVars",
           lambda tf, x, lo, hi: [tf.fake_quant_with_min_max_vars(x, lo, hi),
                                  tf.fake_quant_with_min_max_vars(x, lo, hi, 3, True)],
           [_FQ_X, Arg((), values=-0.7), Arg((), values=3.1)], ("float32",),
           grad=(0, 1, 2), order=1, numeric=False),
    Sample("FakeQuantWithMinMaxVarsGradient", "FakeQuantWithMinMaxVarsGradient",
           lambda tf, g, x, lo, hi: list(tf.fake_quant_with_min_max_vars_gradient(
               g, x, lo, hi, 6)),
           [Arg((3, 4)), _FQ_X, Arg((), values=-2.5), Arg((), values=1.0)], ("float32",)),
    Sample("FakeQuantWithMinMaxVarsPerChannel", "FakeQuantWithMinMaxVarsPerChannel",
           lambda tf, x, lo, hi: [tf.fake_quant_with_min_max_vars_per_channel(x, lo, hi),
                                  tf.fake_quant_with_min_max_vars_per_channel(x, lo, hi, 4,
                                                                              True)],
           [_FQ_X, Arg((4,), values=[-1.0, -2.0, 0.5, -6.0]),
            Arg((4,), values=[1.0, 3.0, 2.0, 0.3])], ("float32",),
           grad=(0, 1, 2), order=1, numeric=False),
    Sample("FakeQuantWithMinMaxVarsPerChannelGradient",
           "FakeQuantWithMinMaxVarsPerChannelGradient",
           lambda tf, g, x, lo, hi: list(
               tf.fake_quant_with_min_max_vars_per_channel_gradient(g, x, lo, hi)),
           [Arg((3, 4)), _FQ_X, Arg((4,), values=[-1.0, -2.0, 0.5, -6.0]),
            Arg((4,), values=[1.0, 3.0, 2.0, 0.3])], ("float32",)),
    Sample("Case", "Case",
           lambda tf, i, x: [tf.switch_case(i, [lambda: x * 2.0, lambda: tf.sin(x)]),
                             tf.switch_case(i + 1, [lambda: x, lambda: x - 1.0],
                                            default=lambda: tf.square(x))],
           [Arg((), values=1, dtype="int32"), Arg((2, 3))], F),
    Sample("PartitionedCall", "PartitionedCall",
           lambda tf, x, y: list(tf.function(lambda a, b: (a * b, tf.sin(a) + b))(x, y)),
           [Arg((2, 3)), Arg((2, 3))], F, grad=(0, 1)),
    Sample("StatefulPartitionedCall", "StatefulPartitionedCall",
           lambda tf, x: tf.function(lambda a, v: tf.tanh(a) * v)(
               x, tf.Variable(np.arange(3.0).astype(x.dtype.as_numpy_dtype),
                              use_resource=True)),
           [Arg((2, 3))], F, grad=(0,), numeric=False),  # a variable: no numeric check
    # tf.nn.swish, TF 1.14's Defun: one call op per input dtype, its gradient a
    # SymbolicGradient (TF registers no gradient for it: first order only)
    *[Sample("swish_" + s, ("swish_" + s,) + (("SymbolicGradient",) if s == "f64" else ()),
             lambda tf, x: tf.nn.swish(x), [Arg((2, 3))], (dt,), grad=(0,), order=1)
      for s, dt in (("f16", "float16"), ("f32", "float32"), ("f64", "float64"),
                    ("c64", "complex64"), ("c128", "complex128"))],
    Sample("GuaranteeConst", "GuaranteeConst", lambda tf, x: tf.guarantee_const(x),
           [Arg((2, 3))], FC + I + ("uint8", "bool")),
    Sample("QuantizeV2", ("QuantizeV2", "Dequantize"),
           lambda tf, x: [v for t, m in ((tf.quint8, "MIN_COMBINED"), (tf.qint8, "MIN_FIRST"),
                                         (tf.qint16, "SCALED"))
                          for q in [tf.quantize(x, -1.5, 2.5, t, mode=m)]
                          for v in (tf.dequantize(q.output, q.output_min, q.output_max,
                                                  mode=m), q.output_min, q.output_max)],
           [Arg((3, 4), -3.0, 3.0)], ("float32",)),
    Sample("QuantizeAndDequantizeV2", "QuantizeAndDequantizeV2",
           lambda tf, x, lo, hi: [
               tf.quantization.quantize_and_dequantize(x, lo, hi),
               tf.quantization.quantize_and_dequantize(x, lo, hi, False, 4, True, "HALF_UP")],
           [Arg((3, 4), -3.0, 3.0), Arg((), values=-1.5), Arg((), values=2.5)], F,
           grad=(0,), numeric=False),  # the straight-through gradient: not numeric
    Sample("EncodeWav", ("EncodeWav", "DecodeWav"),
           lambda tf, x: [tf.audio.encode_wav(x, 8000)] + list(
               tf.audio.decode_wav(tf.audio.encode_wav(x, 22050), 3, 5)),
           [Arg((4, 2), -1.2, 1.2)], ("float32",)),
    Sample("AudioSpectrogram", ("AudioSpectrogram", "Mfcc"),
           lambda tf, x: [v for s in [tf.raw_ops.AudioSpectrogram(
                              input=x, window_size=16, stride=8, magnitude_squared=True)]
                          for v in (s, tf.raw_ops.AudioSpectrogram(input=x, window_size=12,
                                                                   stride=5),
                                    tf.raw_ops.Mfcc(spectrogram=s, sample_rate=8000,
                                                    upper_frequency_limit=3000.0,
                                                    filterbank_channel_count=6,
                                                    dct_coefficient_count=4))],
           [Arg((40, 1), -1.0, 1.0)], ("float32",)),
    Sample("QuantizedMaxPool", ("QuantizedMaxPool", "QuantizedAvgPool"),
           lambda tf, x: [v for q in [tf.quantize(x, -2.0, 2.0, tf.quint8)]
                          for fn in (tf.nn.quantized_max_pool, tf.nn.quantized_avg_pool)
                          for r in [fn(q.output, q.output_min, q.output_max, [1, 2, 3, 1],
                                       [1, 2, 1, 1], "SAME")]
                          for v in (tf.dequantize(r.output, r.min_output, r.max_output),
                                    r.min_output)],
           [Arg((2, 5, 4, 3))], ("float32",)),
    Sample("QuantizedConv2D", "QuantizedConv2D",
           lambda tf, x, f: [v for q in [tf.quantize(x, -2.0, 2.0, tf.quint8)]
                             for k in [tf.quantize(f, -1.5, 0.5, tf.quint8)]
                             for st, pad in (([1, 1, 1, 1], "SAME"), ([1, 2, 2, 1], "VALID"))
                             for r in [tf.nn.quantized_conv2d(q.output, k.output, q.output_min,
                                                              q.output_max, k.output_min,
                                                              k.output_max, st, pad)]
                             for v in (tf.dequantize(r.output, r.min_output, r.max_output,
                                                     mode="SCALED"), r.max_output)],
           [Arg((2, 5, 4, 3)), Arg((3, 2, 3, 2))], ("float32",)),
    Sample("QuantizedConcat", "QuantizedConcat",
           lambda tf, x, y: [v for T in (tf.quint8, tf.qint32)
                             for a in [tf.quantize(x, -1.0, 2.0, T)]
                             for b in [tf.quantize(y, -0.5, 3.0, T)]
                             for r in [tf.quantization.quantized_concat(
                                 1, [a.output, b.output], [a.output_min, b.output_min],
                                 [a.output_max, b.output_max])]
                             for v in (tf.dequantize(r.output, r.output_min, r.output_max,
                                                     mode="MIN_FIRST"), r.output_min)],
           [Arg((2, 3), -1.0, 2.0), Arg((2, 4), -1.0, 3.0)], ("float32",)),
    Sample("FractionalMaxPool", "FractionalMaxPool",
           lambda tf, x: list(tf.nn.fractional_max_pool(x, [1.0, 1.44, 1.73, 1.0], True,
                                                        False, True, 7, 3)),
           [Arg((2, 7, 9, 2))], F + I, grad=(0,), order=1),
    Sample("FractionalAvgPool", "FractionalAvgPool",
           lambda tf, x: list(tf.nn.fractional_avg_pool(x, [1.0, 1.5, 1.3, 1.0], True,
                                                        True, True, 1, 0)),
           [Arg((2, 8, 5, 3))], F + I, grad=(0,), order=1),
]
SAMPLES = SAMPLES + CORE_OPS
# -- end core --
# -- ragged (rg12) --
_RT_SPLITS = [[0, 1, 3], [0, 2, 2, 6]]


def _ragged_to_sparse(tf, v):
    sp = tf.RaggedTensor.from_nested_row_splits(v, _RT_SPLITS, validate=False).to_sparse()
    return [sp.indices, sp.values, sp.dense_shape]


RAGGED = [
    Sample("RaggedTensorToSparse", "RaggedTensorToSparse", _ragged_to_sparse,
           [Arg((6,))], FC + I, grad=(0,)),
    Sample("RaggedRange", "RaggedRange",
           lambda tf, s, e: list(tf.ragged.range(s, e).nested_row_splits) +
           [tf.ragged.range(s, e).flat_values, tf.ragged.range(s, 7, 2).flat_values],
           [Arg((3,), values=[0, 1, 2]), Arg((3,), values=[3, 5, 4])], F + I),
]


def _ragged_variant(tf, v):
    rt = tf.RaggedTensor.from_nested_row_splits(v, _RT_SPLITS, validate=False)
    whole = tf.RaggedTensor._from_variant(rt._to_variant(), v.dtype, 2)
    rows = tf.RaggedTensor._from_variant(rt._to_variant(batched_input=True), v.dtype, 2)
    return [whole.flat_values] + list(whole.nested_row_splits) + [rows.flat_values] + \
        list(rows.nested_row_splits)


RAGGED.append(Sample("RaggedTensorVariant", ("RaggedTensorToVariant", "RaggedTensorFromVariant"),
                     _ragged_variant, [Arg((6,))], FC + I + ("bool",)))


def _ragged_gather(tf, v):
    rt = tf.RaggedTensor.from_nested_row_splits(v, _RT_SPLITS, validate=False)
    rows, grid = tf.gather(rt, [1, 0, 1]), tf.gather(rt, [[1], [0]])
    return [rows.flat_values] + list(rows.nested_row_splits) + [grid.flat_values] + \
        list(grid.nested_row_splits)


RAGGED.append(Sample("RaggedGather", "RaggedGather", _ragged_gather, [Arg((6,))],
                     FC + I + ("bool",)))
SAMPLES = SAMPLES + RAGGED
# -- end ragged (rg12) --
BY_NAME = dict((s.name, s) for s in SAMPLES)
assert len(BY_NAME) == len(SAMPLES), "duplicate sample names"


# =========================================================================================
# Running a sample (the same code under TF and flowgrad)
# =========================================================================================
def _flat(out):
    if isinstance(out, (list, tuple)):
        res = []
        for o in out:
            res.extend(_flat(o))
        return res
    return [out]


def _np_dtype(tf, t):
    return np.dtype(t.dtype.base_dtype.as_numpy_dtype)


def _direction(shape, dtype, seed):
    rng = np.random.RandomState(seed)
    v = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        v = v + 1j * rng.standard_normal(shape)
    return v.astype(dtype)


def _value(v):
    """A fetched value as plain NumPy (IndexedSlicesValue made dense, ops as None)."""
    if v is None:
        return None
    if hasattr(v, "indices") and hasattr(v, "values") and hasattr(v, "dense_shape"):
        out = np.zeros(tuple(v.dense_shape), dtype=np.asarray(v.values).dtype)
        np.add.at(out, np.asarray(v.indices), np.asarray(v.values))
        return out
    return np.asarray(v) if not isinstance(v, bytes) else v


def run_sample(tf, sample, dtype, inputs, grads=False, order=None):
    """Builds `sample` over placeholders fed with `inputs`; returns a dict of results.

    "out": the fetched outputs (a list; one list per step for stateful rows with
    steps > 1). With `grads`: "g1", the gradients of the float/complex outputs
    with respect to the inputs in `sample.grad` (grad_ys: fixed random
    directions), and "g2", the gradients of <g1, w> (w fixed random); None
    entries where a gradient is None. "ops": the op types in the graph.
    """
    g = tf.Graph()
    with g.as_default():
        phs = []
        for a in inputs:
            dt = tf.as_dtype(a.dtype) if a.dtype.kind != "O" else tf.string
            phs.append(tf.placeholder(dt, shape=a.shape if sample.static else None))
        feed = dict(zip(phs, inputs))
        outs = _flat(sample.fn(tf, *phs))
        res = {}
        with tf.Session(graph=g) as sess:
            if sample.kind == "stateful" or tf.global_variables():
                sess.run(tf.global_variables_initializer(), feed)
            if sample.steps > 1:
                res["out"] = [[_value(v) for v in sess.run(outs, feed)]
                              for _ in range(sample.steps)]
            else:
                res["out"] = [_value(v) for v in sess.run(outs, feed)]
            if grads:
                ys = [t for t, v in zip(outs, res["out"]) if hasattr(t, "dtype")
                      and (t.dtype.is_floating or t.dtype.is_complex)]
                vals = [v for t, v in zip(outs, res["out"]) if hasattr(t, "dtype")
                        and (t.dtype.is_floating or t.dtype.is_complex)]
                xs = [phs[i] for i in sample.grad]
                us = [tf.constant(_direction(np.shape(v), _np_dtype(tf, y), 11 + k))
                      for k, (y, v) in enumerate(zip(ys, vals))]
                g1 = tf.gradients(ys, xs, grad_ys=us)
                g1 = [None if t is None else tf.convert_to_tensor(t) for t in g1]
                fetch = {"g1": g1}
                if (order or sample.order) >= 2:
                    live = [(t, i) for t, i in zip(g1, sample.grad) if t is not None]
                    ws = [tf.constant(_direction(inputs[i].shape, inputs[i].dtype, 31 + k))
                          for k, (t, i) in enumerate(live)]
                    g2 = tf.gradients([t for t, _ in live], xs, grad_ys=ws) if live else []
                    fetch["g2"] = [None if t is None else tf.convert_to_tensor(t) for t in g2]
                for key, ts in fetch.items():
                    got = sess.run([t for t in ts if t is not None], feed)
                    it = iter(got)
                    res[key] = [None if t is None else _value(next(it)) for t in ts]
        listing = getattr(g, "_flowgrad_operations", g.get_operations)   # (flowgrad's own)
        res["ops"] = sorted(set(op.type for op in listing()))
    return res
# -- TF's older op types, which GraphDefs written before their successors hold (prawops) --
def _old_graphdef_op(tf, op_type, inputs, attrs, producer=8, outputs=1, int_attrs=None):
    """An op TF removed at a GraphDef version below 38, as an old GraphDef holds it: one
    node imported from a GraphDef of `producer` with its inputs mapped to `inputs`."""
    gd = tf.GraphDef()
    gd.versions.producer = producer
    names = []
    for k, t in enumerate(inputs):
        n = gd.node.add()
        n.name = "in%d" % k
        n.op = "Placeholder"
        n.attr["dtype"].type = t.dtype.as_datatype_enum
        names.append(n.name)
    n = gd.node.add()
    n.name = "op"
    n.op = op_type
    n.input.extend(names)
    n.attr["T"].type = inputs[0].dtype.as_datatype_enum
    for key, value in attrs.items():
        if isinstance(value, bool):
            n.attr[key].b = value
        elif isinstance(value, list):
            n.attr[key].list.i.extend(value)
        elif isinstance(value, bytes):
            n.attr[key].s = value
        else:
            n.attr[key].f = value
    for key, value in (int_attrs or {}).items():
        n.attr[key].i = value
    got = tf.import_graph_def(gd, input_map=dict(zip(names, inputs)),
                              return_elements=["op:%d" % k for k in range(outputs)], name="old")
    return got[0] if outputs == 1 else got


def _global_norm(scale):
    def fn(tf, t, m, v, beta, gamma):
        return _old_graphdef_op(tf, "BatchNormWithGlobalNormalization", [t, m, v, beta, gamma],
                                {"variance_epsilon": 0.001, "scale_after_normalization": scale})
    return fn


OLD_OPS = [
    Sample("Div", "Div", lambda tf, x, y: raw(tf, "Div", x=x, y=y),
           [Arg((2, 3)), Arg((3,), 0.5, 2.0)], FC + I, grad=(0, 1)),
    Sample("Div_trunc", "Div", lambda tf, x, y: raw(tf, "Div", x=x, y=y),
           [Arg((4,), values=[7, -7, 7, -7]), Arg((4,), values=[2, 2, -2, -2])], I),
    Sample("Mod", "Mod", lambda tf, x, y: raw(tf, "Mod", x=x, y=y),
           [Arg((2, 3), -6.0, 6.0), Arg((3,), 1.0, 3.0)], F + I),
    Sample("Inv", "Inv", lambda tf, x: raw(tf, "Inv", x=x), [Arg((2, 3), 0.5, 2.0)], FC,
           grad=(0,)),
    Sample("InvGrad", "InvGrad", lambda tf, y, dy: raw(tf, "InvGrad", y=y, dy=dy),
           [Arg((2, 3)), Arg((2, 3))], FC, grad=(0, 1)),
    Sample("ApproximateEqual", "ApproximateEqual",
           lambda tf, x, y: [raw(tf, "ApproximateEqual", x=x, y=y, tolerance=0.5),
                             raw(tf, "ApproximateEqual", x=x, y=x)],
           [Arg((2, 3)), Arg((2, 3))], F + I),
    Sample("ClipByValue", "ClipByValue",
           lambda tf, t, lo, hi: [raw(tf, "ClipByValue", t=t, clip_value_min=lo,
                                      clip_value_max=hi),
                                  raw(tf, "ClipByValue", t=t, clip_value_min=t * 0 + lo,
                                      clip_value_max=hi)],
           [Arg((2, 3), -3.0, 3.0), Arg((), values=-1), Arg((), values=1)], F + I),
    Sample("BatchMatMul", "BatchMatMul",
           lambda tf, a, b: [raw(tf, "BatchMatMul", x=a, y=b),
                             raw(tf, "BatchMatMul", x=a, y=a, adj_x=True),
                             raw(tf, "BatchMatMul", x=b, y=a, adj_x=True, adj_y=True)],
           [Arg((2, 3, 4)), Arg((2, 4, 3))], FC + I, grad=(0, 1)),
    Sample("Concat", "Concat",
           lambda tf, x, y: [raw(tf, "Concat", concat_dim=1, values=[x, y]),
                             raw(tf, "Concat", concat_dim=-2, values=[x, x, x])],
           [Arg((2, 3)), Arg((2, 2))], FC + I, grad=(0, 1)),
    Sample("BiasAddV1", "BiasAddV1", lambda tf, x, b: raw(tf, "BiasAddV1", value=x, bias=b),
           [Arg((2, 3, 4)), Arg((4,))], FC + I, grad=(0, 1)),
    Sample("SpaceToBatch", "SpaceToBatch",
           lambda tf, x: raw(tf, "SpaceToBatch", input=x, paddings=[[0, 0], [1, 1]],
                             block_size=2),
           [Arg((2, 4, 2, 3))], FC + I, grad=(0,)),
    Sample("BatchToSpace", "BatchToSpace",
           lambda tf, x: raw(tf, "BatchToSpace", input=x, crops=[[0, 1], [1, 0]],
                             block_size=2),
           [Arg((8, 2, 3, 2))], FC + I, grad=(0,)),
    Sample("DataFormatDimMap", "DataFormatDimMap",
           lambda tf, x: [raw(tf, "DataFormatDimMap", x=x),
                          raw(tf, "DataFormatDimMap", x=x, src_format="NCHW",
                              dst_format="NHWC"),
                          raw(tf, "DataFormatDimMap", x=x, src_format="NHWC",
                              dst_format="HWNC")],
           [Arg((2, 4), values=[-4, -3, -2, -1, 0, 1, 2, 7])], I + ("float32",)),
    Sample("DataFormatVecPermute", "DataFormatVecPermute",
           lambda tf, x, p: [raw(tf, "DataFormatVecPermute", x=x),
                             raw(tf, "DataFormatVecPermute", x=p, src_format="NCHW",
                                 dst_format="NHWC"),
                             raw(tf, "DataFormatVecPermute", x=x, src_format="NHWC",
                                 dst_format="HWNC")],
           [Arg((4,), values=[10, 20, 30, 40]), Arg((4, 2), values=list(range(8)))],
           I + ("float32",)),
    Sample("BatchNormWithGlobalNormalization",
           ("BatchNormWithGlobalNormalization", "BatchNormWithGlobalNormalizationGrad"),
           _global_norm(True),
           [Arg((2, 3, 2, 4)), Arg((4,)), Arg((4,), 0.5, 2.0), Arg((4,)), Arg((4,))],
           ("float32", "float64"), grad=(0, 1, 2, 3, 4), order=1),
    Sample("BatchNormWithGlobalNormalization_noscale",
           ("BatchNormWithGlobalNormalization", "BatchNormWithGlobalNormalizationGrad"),
           _global_norm(False),
           [Arg((1, 2, 3, 3)), Arg((3,)), Arg((3,), 0.5, 2.0), Arg((3,)), Arg((3,))],
           ("float32", "float64"), grad=(0, 1, 2, 3, 4), order=1),
]
OLD_OPS += [
    # V3 (TF 1.15+ GraphDefs; TF 1.14 has it): V2 and a sixth output its gradient op reads
    Sample("FusedBatchNormV3", ("FusedBatchNormV3", "FusedBatchNormGradV3"),
           lambda tf, x, s, o: list(raw(tf, "FusedBatchNormV3", x=x, scale=s, offset=o,
                                        mean=tf.constant([]), variance=tf.constant([]),
                                        epsilon=0.001)[:3]),
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5, dtype="float32"), Arg((3,), dtype="float32")],
           ("float16", "float32"), grad=(0, 1, 2)),
    Sample("FusedBatchNormV3-inference", ("FusedBatchNormV3", "FusedBatchNormGradV3"),
           lambda tf, x, s, o, m, v: raw(tf, "FusedBatchNormV3", x=x, scale=s, offset=o,
                                         mean=m, variance=v, is_training=False)[0],
           [Arg((2, 2, 2, 3)), Arg((3,), 0.5, 1.5, dtype="float32"), Arg((3,), dtype="float32"),
            Arg((3,), dtype="float32"), Arg((3,), 0.5, 1.5, dtype="float32")],
           ("float16", "float32"), grad=(0, 1, 2)),
]
SAMPLES = SAMPLES + OLD_OPS
OLD_OPS2 = [
    Sample("Gather", "Gather",
           lambda tf, p, i: [raw(tf, "Gather", params=p, indices=i),
                             raw(tf, "Gather", params=p, indices=i[0])],
           [Arg((4, 3)), Arg((2, 2), values=[3, 0, 1, 3], dtype="int32")], FC + I,
           grad=(0,)),
    Sample("Reverse", "Reverse",
           lambda tf, x: [raw(tf, "Reverse", tensor=x, dims=[True, False, True]),
                          raw(tf, "Reverse", tensor=x, dims=[False, False, False])],
           [Arg((2, 3, 2))], FC + I + ("bool",), grad=(0,)),
    Sample("InTopK", "InTopK",
           lambda tf, p, t: [raw(tf, "InTopK", predictions=p, targets=t, k=1),
                             raw(tf, "InTopK", predictions=p, targets=t, k=3)],
           [Arg((3, 4), dtype="float32"), Arg((3,), values=[0, 3, 1])], I),
    Sample("TopK", "TopK",
           lambda tf, x: list(_old_graphdef_op(tf, "TopK", [x], {}, producer=6, outputs=2,
                                               int_attrs={"k": 2})),
           # TF 1.14's TopK rule returns two gradients for one input: tf.gradients fails
           [Arg((3, 4))], F + I, grad=(0,), numeric=False),
    Sample("Snapshot", "Snapshot", lambda tf, x: raw(tf, "Snapshot", input=x), [Arg((2, 3))],
           FC + I + ("bool",)),
    Sample("DeepCopy", "DeepCopy", lambda tf, x: raw(tf, "DeepCopy", x=x), [Arg((2, 3))],
           FC + I),
]
SAMPLES = SAMPLES + OLD_OPS2


def _batch_linalg(op_type, n_args, prep=None, **attrs):
    """A BatchMatrix* op (removed at GraphDef version 13/14) from a producer-12 GraphDef."""
    def fn(tf, *xs):
        xs = list(xs)
        if prep is not None:
            xs[0] = prep(tf, xs[0])
        return _old_graphdef_op(tf, op_type, xs[:n_args], attrs, producer=12)
    return fn


def _well_posed(tf, a):
    return a + 3.0 * tf.eye(a.shape.as_list()[-1], dtype=a.dtype)


def _pos_def(tf, a):
    return tf.matmul(a, a, adjoint_b=True) + 3.0 * tf.eye(a.shape.as_list()[-1],
                                                          dtype=a.dtype)


BATCH_MATRIX = [
    Sample("BatchMatrixBandPart", "BatchMatrixBandPart", _batch_linalg("BatchMatrixBandPart", 3),
           [Arg((2, 3, 3)), Arg((), values=1, dtype="int64"), Arg((), values=0, dtype="int64")],
           F),
    Sample("BatchMatrixDeterminant", "BatchMatrixDeterminant",
           _batch_linalg("BatchMatrixDeterminant", 1), [Arg((2, 3, 3))], F),
    Sample("BatchMatrixDiag", "BatchMatrixDiag", _batch_linalg("BatchMatrixDiag", 1),
           [Arg((2, 3))], F),
    Sample("BatchMatrixDiagPart", "BatchMatrixDiagPart", _batch_linalg("BatchMatrixDiagPart", 1),
           [Arg((2, 3, 3))], F),
    Sample("BatchMatrixInverse", "BatchMatrixInverse",
           _batch_linalg("BatchMatrixInverse", 1, _well_posed, adjoint=True), [Arg((2, 3, 3))],
           F),
    Sample("BatchMatrixSetDiag", "BatchMatrixSetDiag", _batch_linalg("BatchMatrixSetDiag", 2),
           [Arg((2, 3, 3)), Arg((2, 3))], F),
    Sample("BatchMatrixSolve", "BatchMatrixSolve",
           _batch_linalg("BatchMatrixSolve", 2, _well_posed), [Arg((2, 3, 3)), Arg((2, 3, 2))],
           F),
    Sample("BatchMatrixSolveLs", "BatchMatrixSolveLs", _batch_linalg("BatchMatrixSolveLs", 3),
           [Arg((2, 4, 3)), Arg((2, 4, 2)), Arg((), values=0.0, dtype="float64")], F),
    Sample("BatchMatrixTriangularSolve", "BatchMatrixTriangularSolve",
           _batch_linalg("BatchMatrixTriangularSolve", 2, _well_posed, lower=False),
           [Arg((2, 3, 3)), Arg((2, 3, 2))], F),
    Sample("BatchCholesky", "BatchCholesky", _batch_linalg("BatchCholesky", 1, _pos_def),
           [Arg((2, 3, 3))], F),
    Sample("BatchSelfAdjointEigV2", "BatchSelfAdjointEigV2",
           _batch_linalg("BatchSelfAdjointEigV2", 1, _pos_def, compute_v=False),
           [Arg((2, 3, 3))], F),
    Sample("BatchSvd", "BatchSvd", _batch_linalg("BatchSvd", 1, compute_uv=False),
           [Arg((2, 4, 3))], F),
]
SAMPLES = SAMPLES + BATCH_MATRIX


def _max_pool_v2(tf, x):
    return raw(tf, "MaxPoolV2", input=x, ksize=[1, 2, 2, 1], strides=[1, 1, 2, 1],
               padding="SAME")


MAX_POOL_V2 = [
    Sample("MaxPoolV2", ("MaxPoolV2", "MaxPoolGradV2", "MaxPoolGradGradV2"), _max_pool_v2,
           [Arg((1, 4, 4, 2))], F, grad=(0,)),
    Sample("MaxPoolGradV2", ("MaxPoolGradV2", "MaxPoolGradGradV2"),
           lambda tf, x, g: _grads(tf, _max_pool_v2(tf, x), x, g),
           # (TF 1.14 registers no gradient for MaxPoolGradGradV2: first order only)
           [Arg((1, 4, 4, 2)), Arg((1, 4, 2, 2))], F, grad=(0, 1), via_gradients=True,
           order=1),
]
SAMPLES = SAMPLES + MAX_POOL_V2
# (TF's Inplace* kernels write into x's buffer, which is the fed array itself: x + 0 first)
BITS_INPLACE = [
    Sample("PopulationCount", "PopulationCount", lambda tf, x: raw(tf, "PopulationCount", x=x),
           [Arg((2, 3), -100.0, 100.0)], I + SMALL_INTS),
    Sample("CompareAndBitpack", "CompareAndBitpack",
           lambda tf, x, t: raw(tf, "CompareAndBitpack", input=x, threshold=t),
           [Arg((2, 16)), Arg((), values=0)], F + I + ("bool",)),
    Sample("InplaceUpdate", "InplaceUpdate",
           lambda tf, x, v: raw(tf, "InplaceUpdate", x=x + 0, i=[2, 0], v=v),
           [Arg((4, 3)), Arg((2, 3))], F + I),
    Sample("InplaceAdd", "InplaceAdd",
           lambda tf, x, v: raw(tf, "InplaceAdd", x=x + 0, i=[1, 3, 1], v=v),
           [Arg((4, 3)), Arg((3, 3))], F + I),
    Sample("InplaceSub", "InplaceSub",
           lambda tf, x, v: raw(tf, "InplaceSub", x=x + 0, i=[3], v=v),
           [Arg((4, 3)), Arg((1, 3))], F + I),
]
SAMPLES = SAMPLES + BITS_INPLACE


# -- more of TF's older op types (prawops2) ---------------------------------------------------
def _eig_v1(op_type, producer=10):
    """SelfAdjointEig's [..., N+1, N] output: row 0 the eigenvalues, the eigenvectors below
    (each defined up to a sign: v diag(e^2) v^T is not)."""
    def fn(tf, a):
        out = _old_graphdef_op(tf, op_type, [_pos_def(tf, a)], {}, producer=producer)
        e, v = out[..., 0, :], out[..., 1:, :]
        return [e, tf.matmul(v * tf.expand_dims(e * e, -2), v, adjoint_b=True)]
    return fn


def _conv3d_v1(op_type, strides=(1, 1, 1, 1, 1), padding=b"VALID"):
    def fn(tf, x, f, dy):
        return _old_graphdef_op(tf, op_type, [x, f, dy],
                                {"strides": list(strides), "padding": padding})
    return fn


OLD_OPS3 = [
    Sample("SelfAdjointEig", "SelfAdjointEig", _eig_v1("SelfAdjointEig"), [Arg((3, 3))], F),
    Sample("BatchSelfAdjointEig", "BatchSelfAdjointEig", _eig_v1("BatchSelfAdjointEig"),
           [Arg((2, 3, 3))], F),
    Sample("Conv3DBackpropInput", "Conv3DBackpropInput", _conv3d_v1("Conv3DBackpropInput"),
           [Arg((1, 3, 4, 4, 2)), Arg((2, 2, 2, 2, 3)), Arg((1, 2, 3, 3, 3))], F),
    Sample("Conv3DBackpropFilter", "Conv3DBackpropFilter",
           _conv3d_v1("Conv3DBackpropFilter", (1, 1, 2, 2, 1), b"SAME"),
           [Arg((1, 3, 4, 4, 2)), Arg((2, 2, 2, 2, 3)), Arg((1, 3, 2, 2, 3))], F),
    Sample("NonMaxSuppression", "NonMaxSuppression",
           lambda tf, b, s: [raw(tf, "NonMaxSuppression", boxes=b, scores=s, max_output_size=4),
                             raw(tf, "NonMaxSuppression", boxes=b, scores=s, max_output_size=3,
                                 iou_threshold=0.1)],
           [_NMS_BOXES, _NMS_SCORES], ("float32",)),
    Sample("NonMaxSuppressionV2", "NonMaxSuppressionV2",
           lambda tf, b, s: raw(tf, "NonMaxSuppressionV2", boxes=b, scores=s,
                                max_output_size=4, iou_threshold=0.4),
           [_NMS_BOXES, _NMS_SCORES], ("float32", "float16")),
    Sample("QuantizeAndDequantizeV3", "QuantizeAndDequantizeV3",
           lambda tf, x, lo, hi: [
               raw(tf, "QuantizeAndDequantizeV3", input=x, input_min=lo, input_max=hi,
                   num_bits=3),
               raw(tf, "QuantizeAndDequantizeV3", input=x, input_min=lo, input_max=hi,
                   num_bits=5, signed_input=False, range_given=False)],
           [Arg((3, 4), -3.0, 3.0), Arg((), values=-1.5), Arg((), values=2.5)], F,
           grad=(0,), numeric=False),  # the straight-through gradient: not numeric
    Sample("Empty", "Empty",
           lambda tf: [raw(tf, "Empty", shape=[2, 3], dtype=tf.float32, init=True),
                       raw(tf, "Empty", shape=[0, 2], dtype=tf.int64),
                       raw(tf, "Empty", shape=[3], dtype=tf.bool, init=True)], [], ("float32",)),
    Sample("ScatterNdNonAliasingAdd", "ScatterNdNonAliasingAdd",
           lambda tf, x, i, u: raw(tf, "ScatterNdNonAliasingAdd", input=x, indices=i, updates=u),
           [Arg((4, 3)), Arg((3, 1), values=[3, 0, 3], dtype="int32"), Arg((3, 3))],
           FC + I + ("bool",), grad=(0, 2)),
]
SAMPLES = SAMPLES + OLD_OPS3


# -- more of TF's older op types and v2 ops (prawops3) ---------------------------------------
def _spd_chol(tf, a):
    """A Cholesky factor of a well-conditioned SPD matrix made from a."""
    return tf.cholesky(tf.matmul(a, a, adjoint_b=True) + 3.0 * tf.eye(tf.shape(a)[-1],
                                                                          dtype=a.dtype))


_UNIQ_X = Arg((5, 3), values=[1, 2, 1, 3, 4, 3, 1, 2, 1, 5, 5, 5, 3, 4, 3])

OLD_OPS4 = [
    Sample("UniqueV2", "UniqueV2",
           lambda tf, x: list(raw(tf, "UniqueV2", x=x, axis=np.array([0], np.int64))) +
           list(raw(tf, "UniqueV2", x=x, axis=np.array([-1], np.int32), out_idx=tf.int64)) +
           list(raw(tf, "UniqueV2", x=tf.reshape(x, [-1]), axis=np.zeros([0], np.int64))),
           [_UNIQ_X], F + I + ("int8", "uint8", "int16")),
    Sample("UniqueWithCountsV2", "UniqueWithCountsV2",
           lambda tf, x: list(raw(tf, "UniqueWithCountsV2", x=x,
                                  axis=np.array([1], np.int64))) +
           list(raw(tf, "UniqueWithCountsV2", x=tf.reshape(x, [-1]),
                    axis=np.zeros([0], np.int32), out_idx=tf.int64)),
           [_UNIQ_X], F + I),
    Sample("DebugGradientIdentity", "DebugGradientIdentity",
           lambda tf, x: raw(tf, "DebugGradientIdentity", input=x), [Arg((2, 3))],
           FC + I + ("bool",)),
    Sample("CholeskyGrad", "CholeskyGrad",
           lambda tf, a, g: raw(tf, "CholeskyGrad", l=_spd_chol(tf, a), grad=g),
           [Arg((2, 5, 5)), Arg((2, 5, 5))], F),
    Sample("CholeskyGrad_blocked", "CholeskyGrad",
           lambda tf, a, g: raw(tf, "CholeskyGrad", l=_spd_chol(tf, a), grad=g),
           [Arg((40, 40)), Arg((40, 40))], ("float64",)),
    Sample("BatchCholeskyGrad", "BatchCholeskyGrad",
           lambda tf, a, g: _old_graphdef_op(tf, "BatchCholeskyGrad", [_spd_chol(tf, a), g], {},
                                             producer=12),
           [Arg((3, 4, 4)), Arg((3, 4, 4))], F),
    Sample("MatrixExponential", "MatrixExponential",
           lambda tf, a: [_old_graphdef_op(tf, "MatrixExponential", [a * s], {}, producer=26)
                          for s in (0.01, 0.2, 1.0, 4.0)],
           [Arg((2, 3, 3))], FC),
    Sample("AdjustContrast", "AdjustContrast",
           lambda tf, x: _old_graphdef_op(tf, "AdjustContrast", [
               x, tf.constant(1.4), tf.constant(-3.0), tf.constant(60.0)], {}, producer=1),
           [Arg((2, 4, 5, 3), -10.0, 100.0)],
           ("float64", "int32", "int16", "int8", "uint8", "int64")),
]
SAMPLES = SAMPLES + OLD_OPS4
