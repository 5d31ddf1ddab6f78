"""TF 1.14's binary element-wise ops on RaggedTensors (ragged_dispatch's
BinaryRaggedElementwiseDispatcher): two RaggedTensors, or a RaggedTensor and a Tensor of
its rank or more, broadcast through ragged_tensor_shape (RaggedTensorDynamicShape.from_tensor,
broadcast_dynamic_shape with one tf.Assert per dimension, broadcast_to); a RaggedTensor and
a Tensor of lower rank (a scalar) only map the flat values. tf.add_n and tf.strings.join of
RaggedTensors (_UNARY_LIST_ELEMENTWISE_OPS) assert identical splits ("Inputs must have
identical ragged splits"). Per case: the value (or the run's error), the ops built (name, type; the full
list for a few cases, else their count and a digest), the static shapes of the result.
Made on the host it names under "host" (nothing here depends on the CPU).

Left out: the message of an element-wise op's own shape error ("Incompatible shapes: [6]
vs. [3]"): Grappler's arithmetic optimizer sorts a commutative op's inputs by name before
it runs, so TF prints them in that order (only the class is kept)."""
import hashlib

import numpy as np
from goldenio import host_vendor


def _r(tf, value, **kw):
    return tf.ragged.constant(value, **kw)


CASES = [
    ("add_rr", lambda tf: _r(tf, [[1., 2.], [3.]]) + _r(tf, [[10., 20.], [30.]])),
    ("mul_rank3", lambda tf: _r(tf, [[[1, 2], [3]], [[4]]]) * _r(tf, [[[1, 2], [3]], [[5]]])),
    ("add_dense_col", lambda tf: _r(tf, [[1., 2.], [3.]]) + tf.constant([[1.], [2.]])),
    ("add_scalar_tensor", lambda tf: _r(tf, [[1., 2.], [3.]]) + tf.constant(5.)),
    ("radd_python", lambda tf: 2. + _r(tf, [[1., 2.], [3.]])),
    ("less_dense_1x1", lambda tf: _r(tf, [[1, 2], [3]]) < tf.constant([[2]])),
    ("maximum", lambda tf: tf.maximum(_r(tf, [[1, 5], [3]]), _r(tf, [[4, 2], [7]]))),
    ("floordiv_mod", lambda tf: (_r(tf, [[7, 8], [9]]) // _r(tf, [[2, 3], [4]])) %
     _r(tf, [[2, 2], [2]])),
    ("truediv_sub", lambda tf: _r(tf, [[7., 8.], [9.]]) / _r(tf, [[2., 4.], [3.]]) -
     _r(tf, [[1., 1.], [1.]])),
    ("pow", lambda tf: _r(tf, [[1., 2.], [3.]]) ** _r(tf, [[2., 2.], [3.]])),
    ("and_or", lambda tf: (_r(tf, [[True, False], [True]]) & _r(tf, [[True, True], [False]]))
     | _r(tf, [[False, False], [True]])),
    ("equal", lambda tf: tf.equal(_r(tf, [[1, 2], [3]]), _r(tf, [[1, 3], [3]]))),
    ("inner_dims", lambda tf: _r(tf, [[[1., 2.]], [[3., 4.], [5., 6.]]], ragged_rank=1) +
     _r(tf, [[[1.]], [[2.], [3.]]], ragged_rank=1)),
    ("dense_rank3_scalar", lambda tf: _r(tf, [[[1., 2.]], [[3., 4.], [5., 6.]]], ragged_rank=1)
     * tf.constant([[[2.]]])),
    ("int32_splits", lambda tf: tf.subtract(_r(tf, [[1., 2.], [3.]], row_splits_dtype=tf.int32),
                                            _r(tf, [[1., 1.], [1.]], row_splits_dtype=tf.int32))),
    ("where", lambda tf: tf.where(_r(tf, [[True, False], [True]]), _r(tf, [[1, 2], [3]]),
                                  _r(tf, [[4, 5], [6]]))),
    ("add_n", lambda tf: tf.add_n([_r(tf, [[1., 2.], [3.]]), _r(tf, [[10., 20.], [30.]]),
                                   tf.constant([1., 1., 1.])])),
    ("strings_join", lambda tf: tf.strings.join([_r(tf, [["a", "b"], ["c"]]), "!",
                                                  _r(tf, [["x", "y"], ["z"]])], separator="-")),
    ("unary_abs_neg", lambda tf: tf.abs(-_r(tf, [[1., -2.], [3.]]))),
    # TF's broadcast Assert does not guard the result: same row count, same total, other
    # splits: the flat values add
    ("splits_differ_same_size", lambda tf: _r(tf, [[1., 2.], [3.]]) + _r(tf, [[1.], [2., 3.]])),
    ("bad_nrows", lambda tf: _r(tf, [[1., 2.], [3.]]) + _r(tf, [[1.], [2.], [3.]])),
    ("bad_dense", lambda tf: _r(tf, [[1., 2.], [3.]]) + tf.constant([[1., 2.], [3., 4.]])),
]
FULL_OPS = ("add_rr", "add_dense_col", "add_scalar_tensor", "add_n", "strings_join")
BUILD_ERRORS = [
    ("mixed_splits_dtype", lambda tf: _r(tf, [[1.]], row_splits_dtype=tf.int32) + _r(tf, [[1.]])),
    ("add_n_splits", lambda tf: tf.add_n([_r(tf, [[1., 2.], [3.]]), _r(tf, [[10.], [20., 30.]])])),
    ("add_n_ragged_rank", lambda tf: tf.add_n([_r(tf, [[1., 2.], [3.]]),
                                               _r(tf, [[[10.]], [[20.], [30.]]])])),
    ("strings_join_int", lambda tf: tf.strings.join(["a", 1])),
]


def _dims(shape):
    return None if shape.ndims is None else [-1 if d is None else d for d in shape.as_list()]


def _error(e):
    return [type(e).__name__, str(e).split("\n")[0]]


def case(tf, name, fn):
    with tf.Graph().as_default() as g:
        n = len(g.get_operations())
        t = fn(tf)
        ops = [[op.name, op.type] for op in g.get_operations()[n:]]
        out = {"count": len(ops), "flat_values": _dims(t.flat_values.shape),
               "splits": [_dims(s.shape) for s in t.nested_row_splits]}
        if name in FULL_OPS:
            out["ops"] = ops
        else:
            text = "\n".join("%s %s" % (a, b) for a, b in ops)
            out["ops_md5"] = hashlib.md5(text.encode()).hexdigest()
        with tf.Session(graph=g) as sess:
            try:
                out["value"] = sess.run(t).to_list()
            except tf.errors.OpError as e:
                first = _error(e)
                out["error"] = first if first[1].startswith("assertion failed") else first[:1]
        return out


def fed(tf):
    """Splits fed at run time: the broadcast Assert of a binary op on RaggedTensors of
    other row counts, and add_n's assert_equal of other splits."""
    out = {}
    with tf.Graph().as_default() as g:
        s1 = tf.placeholder(tf.int64, [None])
        s2 = tf.placeholder(tf.int64, [None])
        a = tf.RaggedTensor.from_row_splits(tf.constant([1., 2., 3.]), s1)
        b = tf.RaggedTensor.from_row_splits(tf.constant([10., 20., 30.]), s2)
        n = len(g.get_operations())
        total = tf.add_n([a, b])
        out["add_n_count"] = len(g.get_operations()) - n
        with tf.Session(graph=g) as sess:
            out["add_n_ok"] = sess.run(total, {s1: [0, 2, 3], s2: [0, 2, 3]}).to_list()
            try:
                sess.run(total, {s1: [0, 2, 3], s2: [0, 1, 3]})
            except tf.errors.OpError as e:
                out["add_n_mismatch"] = _error(e)
        with tf.Session(graph=g) as sess:
            m = tf.multiply(a, b)
            out["mul_ok"] = sess.run(m, {s1: [0, 1, 3], s2: [0, 1, 3]}).to_list()
            try:
                sess.run(m, {s1: [0, 2, 3], s2: [0, 1, 2, 3]})
            except tf.errors.OpError as e:
                out["mul_nrows"] = _error(e)
    return out


def build_errors(tf):
    got = {}
    for name, fn in BUILD_ERRORS:
        with tf.Graph().as_default():
            try:
                fn(tf)
                got[name] = None
            except (TypeError, ValueError) as e:
                got[name] = _error(e)
            except tf.errors.OpError as e:
                got[name] = _error(e)
    return got


def cases(tf):
    out = {"host": host_vendor(), "fed": fed(tf), "build_errors": build_errors(tf)}
    for name, fn in CASES:
        out[name] = case(tf, name, fn)
    return out
