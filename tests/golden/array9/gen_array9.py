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


# -- Diag / DiagPart / MatrixDiag / MatrixDiagPart / MatrixSetDiag ---------------------------

_C = np.array([[1 + 2j, 3 - 1j], [0.5j, -2 + 1j]], np.complex128)


@run_case
def diag_values(tf):
    x = tf.placeholder(tf.float32)
    return [tf.diag([1, 2, 3]), tf.diag([[1.0, 2.0], [3.0, 4.0]]), tf.diag(_C[0]),
            tf.diag_part([[1, 2], [3, 4]]), tf.diag_part(tf.reshape(tf.range(16.0), [2, 2, 2, 2])),
            tf.diag_part(tf.diag(_C)), tf.diag_part(x),
            tf.linalg.tensor_diag([5, 6]), tf.linalg.tensor_diag_part([[5, 6], [7, 8]])], {x: 3.0}


@run_case
def matrix_diag_values(tf):
    return [tf.matrix_diag([[1, 2], [3, 4]]),
            tf.matrix_diag([True, False]), tf.matrix_diag(_C[0]),
            tf.matrix_diag_part(tf.reshape(tf.range(24.0), [2, 3, 4])),
            tf.matrix_diag_part(tf.reshape(tf.range(24), [2, 4, 3])),
            tf.matrix_set_diag(tf.zeros([2, 2, 3]), [[1.0, 2.0], [3.0, 4.0]]),
            tf.matrix_set_diag(tf.ones([3, 2], tf.int64), tf.constant([7, 8], tf.int64)),
            tf.linalg.diag([1, 2]), tf.linalg.diag_part([[1, 2], [3, 4]]),
            tf.linalg.set_diag([[1, 2], [3, 4]], [0, 0])], None


@shape_case
def diag_shapes(tf):
    p = tf.placeholder
    return [tf.diag(p(tf.float32, [None, 2])), tf.diag(p(tf.float32)),
            tf.diag(tf.zeros([1, 1, 1, 1, 1])),
            tf.diag_part(p(tf.float32, [None, 2])), tf.diag_part(p(tf.float32)),
            tf.diag_part(p(tf.float32, [2, None, None, 3])),
            tf.matrix_diag(p(tf.float32, [None, 3])), tf.matrix_diag(p(tf.float32)),
            tf.matrix_diag_part(p(tf.float32, [None, None, 3])),
            tf.matrix_diag_part(p(tf.float32, [4, 2, 3])),
            tf.matrix_diag_part(p(tf.float32, [4, 0, None])),
            tf.matrix_diag_part(p(tf.float32)),
            tf.matrix_set_diag(p(tf.float32, [None, 2, None]), p(tf.float32, [4, None])),
            tf.matrix_set_diag(p(tf.float32), p(tf.float32, [4, 2])),
            tf.matrix_set_diag(tf.zeros([3, 2, 4]), tf.ones([2, 2])),
            tf.matrix_set_diag(p(tf.float32, [None, 2, 3]), p(tf.float32))]


@error_case
def diag_scalar(tf):
    tf.diag(1.0)


@error_case
def diag_bool(tf):
    tf.diag([True])


@error_case
def diag_string(tf):
    tf.diag(["a"])


@error_case
def diag_part_odd(tf):
    tf.diag_part(tf.zeros([2, 2, 2]))


@error_case
def diag_part_mismatch(tf):
    tf.diag_part(tf.zeros([2, 3, 2, 4]))


@error_case
def matrix_diag_scalar(tf):
    tf.matrix_diag(1.0)


@error_case
def matrix_diag_part_vector(tf):
    tf.matrix_diag_part([1.0, 2.0])


@error_case
def matrix_set_diag_length(tf):
    tf.matrix_set_diag(tf.zeros([3, 2, 4]), tf.ones([3, 3]))


@error_case
def matrix_set_diag_rank(tf):
    tf.matrix_set_diag(tf.zeros([3, 2, 4]), tf.ones([2]))


@error_case
def matrix_set_diag_vector_input(tf):
    tf.matrix_set_diag(tf.zeros([3]), tf.ones([3]))


@error_case
def matrix_set_diag_scalar_diag(tf):
    tf.matrix_set_diag(tf.zeros([3, 3]), 1.0)


@error_case
def matrix_set_diag_dtype(tf):
    tf.matrix_set_diag(tf.zeros([2, 2]), tf.ones([2], tf.float64))


def _fed(tf, f, *values):
    ps = [tf.placeholder(tf.as_dtype(np.asarray(v).dtype)) for v in values]
    return f(*ps), dict(zip(ps, values))


@runtime_error_case
def diag_runtime_scalar(tf):
    return _fed(tf, tf.diag, np.float32(1))


@runtime_error_case
def diag_part_runtime_odd(tf):
    return _fed(tf, tf.diag_part, np.ones([2, 2, 2], np.float32))


@runtime_error_case
def diag_part_runtime_mismatch(tf):
    return _fed(tf, tf.diag_part, np.ones([2, 3], np.float32))


@runtime_error_case
def matrix_diag_runtime_scalar(tf):
    return _fed(tf, tf.matrix_diag, np.float32(1))


@runtime_error_case
def matrix_diag_part_runtime_vector(tf):
    return _fed(tf, tf.matrix_diag_part, np.ones([1], np.float32))


@runtime_error_case
def matrix_set_diag_runtime_length(tf):
    return _fed(tf, tf.matrix_set_diag, np.ones([2, 3], np.float32), np.ones([3], np.float32))


@runtime_error_case
def matrix_set_diag_runtime_batch(tf):
    return _fed(tf, tf.matrix_set_diag, np.ones([2, 2, 3], np.float32),
                np.ones([3, 2], np.float32))


@runtime_error_case
def matrix_set_diag_runtime_vector(tf):
    return _fed(tf, tf.matrix_set_diag, np.ones([2], np.float32), np.ones([2], np.float32))


def _second_order(tf, f, x0, feed_shape=None):
    """[d sum(f(x)^3)/dx, d sum(g * x)/dx with g that gradient] for float64 x."""
    x = tf.constant(x0) if feed_shape is None else tf.placeholder(tf.float64, feed_shape)
    y = tf.reduce_sum(f(x) ** 3)
    g = tf.gradients(y, x)[0]
    h = tf.gradients(tf.reduce_sum(g * x), x)[0]
    return [g, h], (None if feed_shape is None else {x: x0})


_X33 = np.array([[2.0, -1.0, 0.5], [0.3, 1.5, -2.0], [1.0, 0.7, 3.0]])
_X234 = np.linspace(-2.0, 2.0, 24).reshape(2, 3, 4)


@grad_case
def diag_grads(tf):
    return _second_order(tf, tf.diag, _X33[0])


@grad_case
def diag_part_grads(tf):
    return _second_order(tf, tf.diag_part, _X33)


@grad_case
def matrix_diag_grads(tf):
    return _second_order(tf, tf.matrix_diag, _X33)


@grad_case
def matrix_diag_part_grads_square(tf):
    return _second_order(tf, tf.matrix_diag_part, _X33)


@grad_case
def matrix_diag_part_grads_nonsquare(tf):
    return _second_order(tf, tf.matrix_diag_part, _X234)


@grad_case
def matrix_diag_part_grads_unknown(tf):
    return _second_order(tf, tf.matrix_diag_part, _X234, [None, 3, None])


@grad_case
def matrix_set_diag_grads(tf):
    x = tf.constant(_X234)
    d = tf.constant(_X33[:2, :3] + 1.0)
    y = tf.reduce_sum(tf.matrix_set_diag(x, d) ** 3)
    gx, gd = tf.gradients(y, [x, d])
    return [gx, gd] + tf.gradients(tf.reduce_sum(gx * x) + tf.reduce_sum(gd * d), [x, d]), None


@grad_case
def matrix_set_diag_grads_unknown(tf):
    x = tf.placeholder(tf.float64, [None, 3, None])
    d = tf.placeholder(tf.float64)
    y = tf.reduce_sum(tf.matrix_set_diag(x, d) ** 3)
    return tf.gradients(y, [x, d]), {x: _X234, d: _X33[:2, :3] + 1.0}


@grad_case
def diag_grads_complex(tf):
    x = tf.constant(_C)
    gys = tf.constant(np.arange(16).reshape(2, 2, 2, 2) * (1 - 1j))
    return (tf.gradients(tf.diag(x), x, grad_ys=gys) +
            tf.gradients(tf.matrix_diag(x), x, grad_ys=tf.reshape(gys[0], [2, 2, 2])) +
            tf.gradients(tf.diag_part(x), x, grad_ys=tf.constant([1j, 2.0])) +
            tf.gradients(tf.matrix_diag_part(x), x, grad_ys=tf.constant([1j, 2.0])) +
            tf.gradients(tf.matrix_set_diag(x, x[0]), x, grad_ys=tf.constant(_C * 1j))), None


# -- MatrixDeterminant / LogMatrixDeterminant (tf.linalg.slogdet) / MatrixInverse ------------

_A = np.array([[[2.0, -1.0, 0.5], [0.3, 1.5, -2.0], [1.0, 0.7, 3.0]],
               [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, -2.0]]])


@run_case
def determinant_values(tf):
    return [tf.matrix_determinant(_A.astype(np.float32)), tf.matrix_determinant(_A),
            tf.matrix_determinant(_C), tf.matrix_determinant(_C.astype(np.complex64)),
            tf.matrix_determinant(np.ones([2, 0, 0], np.float32)),
            tf.matrix_determinant(np.ones([2, 2])), tf.linalg.det(_A[1])], None


@run_case
def slogdet_values(tf):
    return (list(tf.linalg.slogdet(_A)) + list(tf.linalg.slogdet(_A.astype(np.float32))) +
            list(tf.linalg.slogdet(np.ones([2, 2]))) + list(tf.linalg.slogdet(_C)) +
            list(tf.linalg.slogdet(np.ones([0, 0])))), None


@run_case
def inverse_values(tf):
    return [tf.matrix_inverse(_A), tf.matrix_inverse(_A.astype(np.float32), adjoint=True),
            tf.matrix_inverse(_C), tf.matrix_inverse(_C, adjoint=True), tf.linalg.inv(_A[1]),
            tf.matrix_inverse(np.ones([1, 0, 0]))], None


@shape_case
def determinant_shapes(tf):
    p = tf.placeholder
    sd = tf.linalg.slogdet(p(tf.float64, [None, 5, None]))
    return [tf.matrix_determinant(p(tf.float32, [None, 2, None])),
            tf.matrix_determinant(p(tf.float32)), tf.matrix_determinant(p(tf.float64, [3, 3])),
            sd[0], sd[1], tf.matrix_inverse(p(tf.float32, [None, 2, None])),
            tf.matrix_inverse(p(tf.complex64))]


@name_case
def determinant_gradient_names(tf):
    # grad_ys given: how tf.gradients fills a default one is not these ops' business
    a = tf.placeholder(tf.float64, [2, 3, 3])
    gy = tf.placeholder(tf.float64, [2])
    gm = tf.placeholder(tf.float64, [2, 3, 3])
    tf.gradients(tf.matrix_determinant(a), a, grad_ys=gy)
    sign, logabs = tf.linalg.slogdet(a)
    tf.gradients(logabs, a, grad_ys=gy)
    inv = tf.matrix_inverse(a, name="inv")
    tf.gradients(inv, a, grad_ys=gm)
    return r"^[^/]*$|_grad/"  # the forward ops and the gradient functions' ops


@error_case
def determinant_nonsquare(tf):
    tf.matrix_determinant(tf.zeros([2, 3]))


@error_case
def determinant_vector(tf):
    tf.matrix_determinant(tf.zeros([3]))


@error_case
def determinant_int(tf):
    tf.matrix_determinant(tf.zeros([3, 3], tf.int32))


@error_case
def slogdet_int(tf):
    tf.linalg.slogdet(tf.zeros([3, 3], tf.int32))


@error_case
def inverse_int(tf):
    tf.matrix_inverse(tf.zeros([3, 3], tf.int32))


@error_case
def inverse_nonsquare(tf):
    tf.matrix_inverse(tf.zeros([4, 2, 3]))


@runtime_error_case
def determinant_runtime_nonsquare(tf):
    return _fed(tf, tf.matrix_determinant, np.ones([2, 3], np.float32))


@runtime_error_case
def determinant_runtime_vector(tf):
    return _fed(tf, tf.matrix_determinant, np.ones([2], np.float32))


# No golden for a non-square matrix fed to tf.linalg.slogdet: TF 1.14's LogMatrixDeterminant
# kernel crashes the process (segmentation fault) there; flowgrad raises MatrixDeterminant's
# "Input matrix must be square." (tests/test_array9.py checks it).


@runtime_error_case
def inverse_runtime_singular(tf):
    return _fed(tf, tf.matrix_inverse, np.ones([2, 2], np.float32))


@runtime_error_case
def inverse_runtime_nonsquare(tf):
    return _fed(tf, tf.matrix_inverse, np.ones([2, 3], np.float32))


@grad_case
def determinant_grads(tf):
    return _second_order(tf, tf.matrix_determinant, _A)


@grad_case
def determinant_grads_unknown(tf):
    return _second_order(tf, tf.matrix_determinant, _A, [None, 3, None])


@grad_case
def slogdet_grads(tf):
    return _second_order(tf, lambda x: tf.linalg.slogdet(x)[1], _A)


@grad_case
def inverse_grads(tf):
    return _second_order(tf, tf.matrix_inverse, _A)


@grad_case
def inverse_adjoint_grads(tf):
    return _second_order(tf, lambda x: tf.matrix_inverse(x, adjoint=True), _A)


@grad_case
def determinant_grads_complex(tf):
    x = tf.constant(_C)
    gy = tf.constant(0.5 - 2j, tf.complex128)
    g = tf.gradients(tf.matrix_determinant(x), x, grad_ys=gy)[0]
    h = tf.gradients(tf.matrix_determinant(x), x, grad_ys=gy)[0]
    sign, logabs = tf.linalg.slogdet(x)
    gl = tf.gradients(logabs, x, grad_ys=tf.constant(1.5 + 0.5j, tf.complex128))[0]
    gi = tf.gradients(tf.matrix_inverse(x), x, grad_ys=tf.constant(_C * 1j))[0]
    return [g, h, gl, gi], None


@grad_case
def determinant_grads_float32(tf):
    x = tf.constant(_A.astype(np.float32))
    return tf.gradients(tf.matrix_determinant(x), x), None


# -- batch_gather (TF 1.14's composite) ------------------------------------------------------

@run_case
def batch_gather_values(tf):
    p2 = tf.reshape(tf.range(12.0), [3, 4])
    p3 = tf.reshape(tf.range(24), [2, 3, 4])
    return [tf.batch_gather(p2, [[0, 3], [1, 1], [2, 0]]),
            tf.batch_gather(p3, [[[0], [2], [1]], [[2], [2], [0]]]),
            tf.batch_gather(p3, tf.constant([[1, 0], [2, 2]], tf.int64)),
            tf.batch_gather(tf.range(5), [4, 0])], None


@run_case
def batch_gather_dynamic(tf):
    p = tf.placeholder(tf.float32, [None, None, 2])
    i = tf.placeholder(tf.int32, [None, None])
    return tf.batch_gather(p, i), {p: np.arange(12.0).reshape(2, 3, 2), i: [[2, 0], [1, 1]]}


@shape_case
def batch_gather_shapes(tf):
    p = tf.placeholder
    return [tf.batch_gather(p(tf.float32, [None, 5, 2]), p(tf.int32, [3, None])),
            tf.batch_gather(p(tf.float32), p(tf.int32, [3, 4])),
            tf.batch_gather(p(tf.float32, [2, 5, 3]), p(tf.int64, [2, None, 1]))]


@name_case
def batch_gather_names(tf):
    tf.batch_gather(tf.placeholder(tf.float32, [3, 4]), tf.placeholder(tf.int32, [3, 2]))
    tf.batch_gather(tf.placeholder(tf.float32, [2, 3, 4]),
                    tf.placeholder(tf.int64, [2, 3, 1]), name="bg")
    tf.batch_gather(tf.placeholder(tf.float32, [5]), [1, 2])


@error_case
def batch_gather_unknown_indices(tf):
    tf.batch_gather(tf.zeros([2, 3]), tf.placeholder(tf.int32))


@error_case
def batch_gather_rank(tf):
    tf.batch_gather(tf.zeros([2, 3]), tf.zeros([2, 3, 1], tf.int32))


@runtime_error_case
def batch_gather_runtime_out_of_range(tf):
    p = tf.placeholder(tf.float32)
    i = tf.placeholder(tf.int32, [None, None])
    return tf.batch_gather(p, i), {p: np.ones([2, 3]), i: [[0, 1], [1, 5]]}


@run_case
def batch_gather_reads_next_batch(tf):
    # TF 1.14 checks only the flattened index: an index past its own batch's row reads the
    # next batch's (no error), and flowgrad, building the same ops, does the same.
    p = tf.placeholder(tf.float32)
    i = tf.placeholder(tf.int32, [None, None])
    return tf.batch_gather(p, i), {p: np.arange(6.0).reshape(2, 3), i: [[0, 5], [1, 1]]}


@runtime_error_case
def matrix_diag_string_no_kernel(tf):
    return tf.matrix_diag(["a", "b"]), None


@runtime_error_case
def matrix_diag_part_string_no_kernel(tf):
    return tf.matrix_diag_part([["a", "b"]]), None


@runtime_error_case
def determinant_half_no_kernel(tf):
    return tf.matrix_determinant(tf.eye(2, dtype=tf.float16)), None


@runtime_error_case
def slogdet_half_no_kernel(tf):
    return tf.linalg.slogdet(tf.eye(2, dtype=tf.float16)), None


@runtime_error_case
def inverse_half_no_kernel(tf):
    return tf.matrix_inverse(tf.eye(2, dtype=tf.float16)), None


@grad_case
def batch_gather_grads(tf):
    p = tf.constant(np.arange(24.0).reshape(2, 3, 4) / 7.0, tf.float64)
    out = tf.batch_gather(p, [[2, 0, 2], [1, 1, 0]])
    g = tf.gradients(tf.reduce_sum(out ** 3), p)[0]
    return [g, tf.gradients(tf.reduce_sum(g * p), p)[0]], None


# -- run-time shape errors in the array kernels: TF's InvalidArgumentError and wording --------

def _fed_ops(tf, f, *values):
    """f(*placeholders of unknown shape) with `values` fed: the shapes are seen at run time."""
    ps = [tf.placeholder(tf.as_dtype(np.asarray(v).dtype)) for v in values]
    return f(*ps), dict(zip(ps, values))


_F23 = np.zeros((2, 3), np.float32)


@runtime_error_case
def rt_reshape_size(tf):
    return _fed_ops(tf, lambda x: tf.reshape(x, [2, 2]), np.zeros(5, np.float32))


@runtime_error_case
def rt_reshape_multiple(tf):
    return _fed_ops(tf, lambda x: tf.reshape(x, [-1, 2]), np.zeros(5, np.float32))


@runtime_error_case
def rt_reshape_two_unknown(tf):
    return _fed_ops(tf, lambda x: tf.reshape(x, [-1, -1]), np.zeros(4, np.float32))


@runtime_error_case
def rt_concat_dims(tf):
    return _fed_ops(tf, lambda x, y: tf.concat([x, y], 0), _F23, np.zeros((2, 4), np.float32))


@runtime_error_case
def rt_concat_ranks(tf):
    return _fed_ops(tf, lambda x, y: tf.concat([x, y], 0), _F23, np.zeros(2, np.float32))


@runtime_error_case
def rt_concat_axis(tf):
    return _fed_ops(tf, lambda x, y: tf.concat([x, y], 2), _F23, _F23)


@runtime_error_case
def rt_pack_shapes(tf):
    return _fed_ops(tf, lambda x, y: tf.stack([x, y]), _F23, np.zeros((2, 4), np.float32))


@runtime_error_case
def rt_pack_axis(tf):
    return _fed_ops(tf, lambda x: tf.stack([x, x], axis=3), _F23)


@runtime_error_case
def rt_tile_length(tf):
    return _fed_ops(tf, tf.tile, _F23, np.array([1, 2, 3], np.int32))


@runtime_error_case
def rt_tile_negative(tf):
    return _fed_ops(tf, tf.tile, _F23, np.array([1, -2], np.int32))


@runtime_error_case
def rt_gather_out_of_range(tf):
    return _fed_ops(tf, tf.gather, _F23, np.array([0, 5], np.int32))


@runtime_error_case
def rt_gather_negative(tf):
    return _fed_ops(tf, tf.gather, _F23, np.array([-1], np.int32))


@runtime_error_case
def rt_gather_axis1(tf):
    return _fed_ops(tf, lambda x, i: tf.gather(x, i, axis=1), _F23, np.array([[0, 3]], np.int32))


@runtime_error_case
def rt_gather_nd_out_of_range(tf):
    return _fed_ops(tf, tf.gather_nd, _F23, np.array([[0, 3]], np.int32))


@runtime_error_case
def rt_gather_nd_too_deep(tf):
    return _fed_ops(tf, tf.gather_nd, _F23, np.array([[0, 1, 1]], np.int32))


@runtime_error_case
def rt_gather_nd_vector_params(tf):
    return _fed_ops(tf, tf.gather_nd, np.zeros(2, np.float32), np.array([[0, 0]], np.int32))


@runtime_error_case
def rt_gather_nd_scalar_indices(tf):
    return _fed_ops(tf, tf.gather_nd, _F23, np.int32(1))


@runtime_error_case
def rt_strided_slice_out_of_bounds(tf):
    return _fed_ops(tf, lambda x: x[5], _F23)


@runtime_error_case
def rt_strided_slice_rank(tf):
    return _fed_ops(tf, lambda x: x[1, 2, 0], _F23)


@runtime_error_case
def rt_strided_slice_zero_stride(tf):
    return _fed_ops(tf, lambda x, s: x[::s], _F23, np.int32(0))


@runtime_error_case
def rt_slice_size(tf):
    return _fed_ops(tf, lambda x: tf.slice(x, [1, 0], [2, 3]), _F23)


@runtime_error_case
def rt_pad_rank(tf):
    return _fed_ops(tf, tf.pad, _F23, np.array([[1, 1]], np.int32))


@runtime_error_case
def rt_pad_negative(tf):
    return _fed_ops(tf, tf.pad, _F23, np.array([[1, 1], [-1, 0]], np.int32))


@runtime_error_case
def rt_fill_negative(tf):
    return _fed_ops(tf, lambda d: tf.fill(d, 1.0), np.array([2, -1], np.int32))


@runtime_error_case
def rt_zeros_negative(tf):
    return _fed_ops(tf, tf.zeros, np.array([2, -3], np.int32))


@runtime_error_case
def rt_scatter_nd_inner_dims(tf):
    return _fed_ops(tf, lambda i, u: tf.scatter_nd(i, u, [3, 2]), np.array([[0], [1]], np.int32),
                    _F23)


@runtime_error_case
def rt_scatter_nd_updates_shape(tf):
    return _fed_ops(tf, lambda i: tf.scatter_nd(i, [1.0, 2.0], [3]),
                    np.array([[0, 1], [1, 1]], np.int32))


@runtime_error_case
def rt_reverse_repeated_axis(tf):
    return _fed_ops(tf, lambda x: tf.reverse(x, [0, 0]), _F23)


@runtime_error_case
def rt_split_axis(tf):
    return _fed_ops(tf, lambda x, a: tf.split(x, 2, axis=a), np.zeros((2, 4), np.float32),
                    np.int32(3))


@runtime_error_case
def rt_invert_permutation_duplicate(tf):
    return _fed_ops(tf, tf.invert_permutation, np.array([0, 0], np.int32))


@runtime_error_case
def rt_squeeze_axis(tf):
    return _fed_ops(tf, lambda x: tf.squeeze(x, [3]), np.zeros((2, 1), np.float32))


@runtime_error_case
def rt_band_part_vector(tf):
    return _fed_ops(tf, lambda x: tf.matrix_band_part(x, 1, 1), np.zeros(3, np.float32))


@runtime_error_case
def rt_triangular_solve_rows(tf):
    return _fed_ops(tf, tf.matrix_triangular_solve, np.eye(2), np.zeros((3, 1)))


@runtime_error_case
def rt_triangular_solve_square(tf):
    return _fed_ops(tf, tf.matrix_triangular_solve, np.ones((2, 3)), np.zeros((2, 1)))


@runtime_error_case
def rt_scatter_update_shape(tf):
    v = tf.Variable(np.zeros((3, 2), np.float32))
    u = tf.placeholder(tf.float32)
    return tf.scatter_update(v, [0], u), {u: np.ones((1, 3), np.float32)}


@runtime_error_case
def rt_triangular_solve_vector_rhs(tf):
    return _fed_ops(tf, tf.matrix_triangular_solve, np.eye(2), np.zeros(2))


@runtime_error_case
def rt_triangular_solve_vector_matrix(tf):
    return _fed_ops(tf, tf.matrix_triangular_solve, np.ones(2), np.zeros((2, 1)))


@runtime_error_case
def rt_scatter_nd_outer_dims(tf):
    return _fed_ops(tf, lambda i, u: tf.scatter_nd(i, u, [3]), np.array([[0], [1]], np.int32),
                    np.zeros(3, np.float32))


@runtime_error_case
def rt_scatter_nd_updates_rank(tf):
    return _fed_ops(tf, lambda i, u: tf.scatter_nd(i, u, [3, 2]), np.array([[0], [1]], np.int32),
                    np.zeros((2, 2, 1), np.float32))


@runtime_error_case
def rt_invert_permutation_range(tf):
    return _fed_ops(tf, tf.invert_permutation, np.array([0, 2], np.int32))


@runtime_error_case
def rt_squeeze_negative_axis(tf):
    return _fed_ops(tf, lambda x: tf.squeeze(x, [-3]), np.zeros((2, 1), np.float32))


@error_case
def transpose_perm_out_of_range(tf):
    tf.transpose(tf.placeholder(tf.float32), [0, 2])


# -- setdiff1d (op ListDiff; tensordot of unknown rank builds it, as TF 1.14) ----------------

@run_case
def setdiff1d_values(tf):
    x = tf.placeholder(tf.int64)
    r = tf.setdiff1d([3, 1, 2, 1, 5], [1, 7])
    f = tf.setdiff1d([1.5, 2.5], [1.5], index_dtype=tf.int64)
    e = tf.setdiff1d(x, tf.constant([], tf.int64))
    return [r.out, r.idx, f.out, f.idx, e.out, e.idx], {x: np.array([4, 4, 2], np.int64)}


@shape_case
def setdiff1d_shapes(tf):
    r = tf.setdiff1d(tf.placeholder(tf.int32), [1], index_dtype=tf.int64)
    return [r.out, r.idx]


@name_case
def setdiff1d_names(tf):
    tf.setdiff1d([3, 1], [1])
    tf.setdiff1d(tf.placeholder(tf.float32, [None]), [1.0], name="d")


@error_case
def setdiff1d_rank(tf):
    tf.setdiff1d([[1]], [1])


@error_case
def setdiff1d_index_dtype(tf):
    tf.setdiff1d([1], [1], index_dtype=tf.float32)


@runtime_error_case
def setdiff1d_runtime_rank(tf):
    return _fed_ops(tf, lambda x, y: tf.setdiff1d(x, y).out, np.array([[1]], np.int32),
                    np.array([1], np.int32))


@runtime_error_case
def setdiff1d_runtime_rank_y(tf):
    return _fed_ops(tf, lambda x, y: tf.setdiff1d(x, y).out, np.array([1], np.int32),
                    np.array([[1]], np.int32))


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
                if tf.global_variables():
                    sess.run(tf.global_variables_initializer())
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
