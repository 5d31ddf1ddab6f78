"""Golden cases for the issue-9 array-family fixes, as functions of `tf` (TF 1.14 when this
module makes array9.json under the oracle; flowgrad when tests/test_array9.py runs them).

Each function builds a graph in a fresh default graph:
  shapes          returns the tensor(s) whose dtypes and static shapes are compared;
  names           builds ops whose (name, type) list is compared (it may return a regex
                  that the names to compare must match);
  errors          raises the ValueError/TypeError compared (message up to " for '");
  runtime_errors  returns (fetches, feed or None); running them raises the OpError compared
                  (class and first line of the message);
  runs            returns (fetches, feed or None) whose values are compared;
  grads           returns (gradients, feed or None): their kinds (IndexedSlices, Tensor or
                  None) and values are compared.
"""
import re

import numpy as np

SHAPE_CASES = {}
NAME_CASES = {}
ERROR_CASES = {}
RUNTIME_ERROR_CASES = {}
RUN_CASES = {}
GRAD_CASES = {}


def _register(table):
    def deco(fn):
        table[fn.__name__] = fn
        return fn
    return deco


shape_case = _register(SHAPE_CASES)
name_case = _register(NAME_CASES)
error_case = _register(ERROR_CASES)
runtime_error_case = _register(RUNTIME_ERROR_CASES)
run_case = _register(RUN_CASES)
grad_case = _register(GRAD_CASES)


# -- zeros_like / ones_like / zeros / ones of strings ----------------------------------------

@run_case
def zeros_like_string_const(tf):
    return tf.zeros_like(tf.constant(["a", "bc"])), None


@run_case
def zeros_like_string_placeholder(tf):
    x = tf.placeholder(tf.string, [None])
    return tf.zeros_like(x), {x: np.array([b"x", b"yy", b""], dtype=object)}


@run_case
def zeros_like_string_no_optimize(tf):
    return tf.zeros_like(tf.constant([["a"], ["b"]]), optimize=False), None


@run_case
def zeros_like_int_to_string(tf):
    x = tf.placeholder(tf.int32, [None])
    return [tf.zeros_like(tf.constant([1, 2]), dtype=tf.string),
            tf.zeros_like(x, dtype=tf.string)], {x: [1, 2, 3]}


@run_case
def zeros_string(tf):
    return [tf.zeros([2, 1], tf.string), tf.zeros([1000], tf.string)[:3]], None


@error_case
def ones_like_string(tf):
    tf.ones_like(tf.constant(["a", "bc"]))


@error_case
def ones_like_string_placeholder(tf):
    tf.ones_like(tf.placeholder(tf.string, [None]))


@error_case
def ones_string(tf):
    tf.ones([2], tf.string)


@name_case
def names_zeros_like_string(tf):
    tf.zeros_like(tf.constant(["a", "bc"]))
    tf.zeros_like(tf.placeholder(tf.string, [None]))
    tf.zeros([1000], tf.string)


# -- where(cond, x, y): equal shapes, a scalar cond, or a vector cond picking rows -----------

_M1 = [[1, 2], [3, 4]]
_M2 = [[5, 6], [7, 8]]


@run_case
def where_vector_cond_rows(tf):
    return tf.where([True, False], _M1, _M2), None


@run_case
def where_scalar_cond(tf):
    return tf.where(True, [1, 2], [3, 4]), None


@run_case
def where_dynamic_ok(tf):
    c = tf.placeholder(tf.bool)
    x = tf.placeholder(tf.int32)
    y = tf.placeholder(tf.int32)
    w = tf.where(c, x, y)
    return [w, tf.where(c, x, y)], {c: [True, False], x: _M1, y: _M2}


@shape_case
def where_shapes(tf):
    c = tf.placeholder(tf.bool, [None])
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [2, None])
    c2 = tf.placeholder(tf.bool, [None, 3])
    u = tf.placeholder(tf.float32)
    return [tf.where(c, x, y), tf.where(c2, x, y), tf.where(c, u, u), tf.where(True, x, y),
            tf.where(c2, u, u)]


@error_case
def where_static_rank(tf):
    tf.where([True, False], [1, 2], _M2)


@error_case
def where_static_cond_matrix(tf):
    tf.where([[True, False]], _M1, _M2)


@error_case
def where_static_vector_rows(tf):
    tf.where([True, False, True], _M1, _M2)


@error_case
def where_static_then_else(tf):
    tf.where(True, [1, 2], [1, 2, 3])


@error_case
def where_static_scalar_data(tf):
    tf.where([True, False], 1, 2)


@error_case
def where_static_partial(tf):
    tf.where(tf.placeholder(tf.bool, [None, 2]), tf.placeholder(tf.float32, [3, None]),
             tf.placeholder(tf.float32, [None, 3]))


def _where_feed(tf, c, x, y):
    cp = tf.placeholder(tf.bool)
    xp = tf.placeholder(tf.int32)
    yp = tf.placeholder(tf.int32)
    return tf.where(cp, xp, yp, name="sel"), {cp: c, xp: x, yp: y}


@runtime_error_case
def where_dynamic_then_rank(tf):
    return _where_feed(tf, [True, False], [1, 2], _M2)


@runtime_error_case
def where_dynamic_cond_matrix(tf):
    return _where_feed(tf, [[True, False]], _M1, _M2)


@runtime_error_case
def where_dynamic_vector_rows(tf):
    return _where_feed(tf, [True, False, True], _M1, _M2)


@runtime_error_case
def where_dynamic_cond_shape(tf):
    return _where_feed(tf, [[True]], [[1, 2]], [[3, 4]])


@runtime_error_case
def where_dynamic_scalar_then_else(tf):
    return _where_feed(tf, True, [1, 2], [1, 2, 3])


@runtime_error_case
def where_dynamic_vector_then_else(tf):
    return _where_feed(tf, [True, False], [[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]])


@runtime_error_case
def where_dynamic_vector_scalar_then(tf):
    return _where_feed(tf, [True, False], 1, 2)


@runtime_error_case
def where_dynamic_else_only(tf):
    return _where_feed(tf, [[True, False]], [[1, 2]], [[1], [2]])


# -- gather_nd's gradient: IndexedSlices for static [N, 1] indices, dense otherwise -----------

def _gather_nd_grad(tf, params, indices, feed=None):
    p = tf.constant(params, tf.float64)
    out = tf.gather_nd(p, indices)
    g = tf.gradients(tf.reduce_sum(out ** 3), p)
    return g, feed


_P23 = np.arange(6.0).reshape(2, 3)


@grad_case
def gather_nd_grad_n1(tf):
    return _gather_nd_grad(tf, _P23, [[1], [0], [1]])


@grad_case
def gather_nd_grad_n1_vector(tf):
    return _gather_nd_grad(tf, [1.0, 2.0, 3.0], [[2], [2]])


@grad_case
def gather_nd_grad_n1_int64(tf):
    return _gather_nd_grad(tf, _P23, tf.constant([[1], [0]], tf.int64))


@grad_case
def gather_nd_grad_placeholder_n1(tf):
    i = tf.placeholder(tf.int32, [None, 1])
    return _gather_nd_grad(tf, _P23, i, {i: [[1], [1]]})


@grad_case
def gather_nd_grad_n2(tf):
    return _gather_nd_grad(tf, _P23, [[1, 2], [0, 0], [1, 2]])


@grad_case
def gather_nd_grad_rank3_indices(tf):
    return _gather_nd_grad(tf, _P23, [[[1], [0]]])


@grad_case
def gather_nd_grad_unknown_indices(tf):
    i = tf.placeholder(tf.int32)
    return _gather_nd_grad(tf, _P23, i, {i: [[1], [1]]})


@grad_case
def gather_nd_grad_second_order(tf):
    p = tf.constant(_P23, tf.float64)
    out = tf.gather_nd(p, [[1], [0], [1]])
    g = tf.gradients(tf.reduce_sum(out ** 3), p)[0]
    return tf.gradients(tf.reduce_sum(tf.convert_to_tensor(g) * p), p), None


SECTIONS = {"shapes": SHAPE_CASES, "names": NAME_CASES, "errors": ERROR_CASES,
            "runtime_errors": RUNTIME_ERROR_CASES, "runs": RUN_CASES, "grads": GRAD_CASES}


# -- recording under TF 1.14 --------------------------------------------------------------

def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def static_shape(t):
    s = t.shape
    return None if s.ndims is None else [d.value if hasattr(d, "value") else d for d in s.dims]


def op_names(graph, keep=None):
    """[name, type] of the graph's ops (those whose name matches the regex `keep`, if given:
    a names case returns it to leave out ops that other components add)."""
    return [[o.name, o.type] for o in graph.get_operations()
            if keep is None or re.search(keep, o.name)]


def first_line(message):
    """An OpError's first line without TF's " (defined at FILE:LINE)" note."""
    return re.sub(r" \(defined at [^)]*\)", "", message.split("\n")[0])


def kind(g):
    return None if g is None else type(g).__name__


def cases(tf):
    """"<section>/<key>" -> what TF 1.14 gives for each case (see the module docstring)."""
    from goldenio import GoldenError
    out = {}
    for key, fn in SHAPE_CASES.items():
        with tf.Graph().as_default():
            out["shapes/" + key] = [[t.dtype.base_dtype.name, static_shape(t)]
                                    for t in as_list(fn(tf))]
    for key, fn in NAME_CASES.items():
        with tf.Graph().as_default() as g:
            out["names/" + key] = op_names(g, fn(tf))
    for key, fn in ERROR_CASES.items():
        with tf.Graph().as_default():
            try:
                fn(tf)
            except (ValueError, TypeError) as e:
                out["errors/" + key] = GoldenError.of(e, str(e).split(" for '")[0])
            else:
                raise AssertionError("errors/%s: no error" % key)
    for key, fn in RUNTIME_ERROR_CASES.items():
        with tf.Graph().as_default():
            fetches, feed = fn(tf)
            with tf.Session() as sess:
                try:
                    sess.run(fetches, feed)
                except tf.errors.OpError as e:
                    out["runtime_errors/" + key] = GoldenError.of(e, first_line(e.message))
                else:
                    raise AssertionError("runtime_errors/%s: no error" % key)
    for key, fn in RUN_CASES.items():
        with tf.Graph().as_default():
            fetches, feed = fn(tf)
            with tf.Session() as sess:
                out["runs/" + key] = [np.asarray(v) for v in sess.run(as_list(fetches), feed)]
    for key, fn in GRAD_CASES.items():
        with tf.Graph().as_default():
            grads, feed = fn(tf)
            grads = as_list(grads)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                vals = sess.run([g for g in grads if g is not None], feed)
            it = iter(vals)
            values = []
            for g in grads:
                if g is None:
                    values.append(None)
                elif isinstance(g, tf.IndexedSlices):
                    v = next(it)
                    values.append({"values": np.asarray(v.values),
                                   "indices": np.asarray(v.indices),
                                   "dense_shape": np.asarray(v.dense_shape)})
                else:
                    values.append({"dense": np.asarray(next(it))})
            out["grads/" + key] = {"kinds": [kind(g) for g in grads], "values": values}
    return out
