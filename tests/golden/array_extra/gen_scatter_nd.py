"""tf.scatter_nd_update/add/sub (reference and resource variables), tf.tensor_scatter_*
and tf.batch_scatter_update under TF 1.14: the variable after the update (or the result),
the (name, type) of every op built, gradients of the tensor scatters, and the error class
and first message line of each misuse. test_scatter_nd.py reruns them with flowgrad."""
import numpy as np

from c2kit import run_cases


def _var(tf, resource=False, dtype=np.float32):
    return tf.get_variable("v", initializer=tf.constant(
        np.array([[1, 2], [3, 4], [5, 6]], dtype)), use_resource=resource)


def _grad(tf, fn):
    t = tf.constant([[1., 2.], [3., 4.]])
    u = tf.constant([7., 8.])
    y = fn(t, u)
    return [y] + tf.gradients(y, [t, u], grad_ys=tf.constant([[1., 2.], [3., 4.]]))


CASES = {
    "update_ref": lambda tf: tf.scatter_nd_update(_var(tf), [[0], [2]], [[9., 9.], [8., 8.]]),
    "update_resource": lambda tf: tf.scatter_nd_update(_var(tf, True), [[0], [2]],
                                                       [[9., 9.], [8., 8.]]),
    "update_dup_ref": lambda tf: tf.scatter_nd_update(_var(tf), [[0, 1], [0, 1]], [5., 6.],
                                                      use_locking=False, name="up"),
    "add_ref": lambda tf: tf.scatter_nd_add(_var(tf), [[0, 1], [0, 1], [2, 0]], [1., 2., 3.]),
    "add_resource": lambda tf: tf.scatter_nd_add(_var(tf, True), [[0, 1], [0, 1], [2, 0]],
                                                 [1., 2., 3.], name="add"),
    "sub_ref_int": lambda tf: tf.scatter_nd_sub(_var(tf, dtype=np.int32), [[1]], [[1, 2]],
                                                use_locking=True),
    "sub_resource": lambda tf: tf.scatter_nd_sub(_var(tf, True), [[0, 1], [2, 0]], [1., 3.]),
    "tensor_update": lambda tf: tf.tensor_scatter_update(
        tf.constant([[1., 2.], [3., 4.]]), [[1, 0], [0, 1]], [7., 8.]),
    "tensor_update_dup": lambda tf: tf.tensor_scatter_nd_update(
        tf.constant([1., 2., 3.]), [[1], [1]], [7., 8.]),
    "tensor_add": lambda tf: tf.tensor_scatter_add(tf.constant([[1., 2.], [3., 4.]]),
                                                   [[1], [1]], [[7., 8.], [1., 1.]]),
    "tensor_sub_int": lambda tf: tf.tensor_scatter_nd_sub(tf.constant([[1, 2], [3, 4]]),
                                                          [[1], [1]], [[7, 8], [1, 1]],
                                                          name="ts"),
    "tensor_update_bool": lambda tf: tf.tensor_scatter_update(tf.constant([True, False]),
                                                              [[1]], [True]),
    "tensor_update_grad": lambda tf: _grad(
        tf, lambda t, u: tf.tensor_scatter_update(t, [[1, 0], [0, 1]], u)),
    "tensor_add_grad": lambda tf: _grad(
        tf, lambda t, u: tf.tensor_scatter_add(t, [[1, 0], [1, 0]], u)),
    "tensor_sub_grad": lambda tf: _grad(
        tf, lambda t, u: tf.tensor_scatter_sub(t, [[1, 1], [0, 1]], u)),
    "batch_update_ref": lambda tf: tf.batch_scatter_update(_var(tf), [[1], [0], [1]],
                                                           [[7.], [8.], [9.]]),
    "batch_update_resource": lambda tf: tf.batch_scatter_update(
        _var(tf, True), tf.constant([[1], [0], [1]], tf.int64), [[7.], [8.], [9.]],
        name="bsu"),
}

def _methods(tf):
    """One update per variable: updates of one variable in one run have no set order."""
    def var(name, resource):
        return tf.get_variable(name, initializer=tf.constant([[1., 2.], [3., 4.]]),
                               use_resource=resource)
    return [var("a", False).scatter_nd_add([[0, 1]], [5.]),
            var("b", True).scatter_nd_update([[1]], [[7., 8.]]),
            var("c", True).scatter_nd_sub([[0, 0]], [1.], name="rs"),
            var("d", False).batch_scatter_update(tf.IndexedSlices(
                tf.constant([[9.], [8.]]), tf.constant([[1], [0]])))]


CASES["variable_methods"] = _methods

ERRORS = {
    "oob_ref": lambda tf: tf.scatter_nd_update(_var(tf), [[0], [3]], [[9., 9.], [8., 8.]]),
    "oob_resource": lambda tf: tf.scatter_nd_add(_var(tf, True), [[0], [-1]],
                                                 [[9., 9.], [8., 8.]]),
    "shape_static": lambda tf: tf.scatter_nd_update(_var(tf), [[0], [2]],
                                                    [[9., 9., 1.], [8., 8., 1.]]),
    "shape_dynamic": lambda tf: tf.scatter_nd_update(
        _var(tf), tf.placeholder_with_default([[0], [2]], None),
        tf.placeholder_with_default([[9., 9., 1.], [8., 8., 1.]], None)),
    "tensor_oob": lambda tf: tf.tensor_scatter_update(tf.constant([1., 2., 3.]), [[1], [5]],
                                                      [7., 8.]),
    "tensor_shape_static": lambda tf: tf.tensor_scatter_update(
        tf.constant([1., 2., 3.]), [[1], [0]], [7., 8., 9.]),
    "tensor_shape_dynamic": lambda tf: tf.tensor_scatter_update(
        tf.placeholder_with_default([1., 2., 3.], None),
        tf.placeholder_with_default([[1], [0]], None), [7., 8., 9.]),
    "tensor_add_string": lambda tf: tf.tensor_scatter_add(tf.constant(["a"]), [[0]], ["b"]),
    "tensor_float_indices": lambda tf: tf.tensor_scatter_add(tf.constant([1.]), [[0.]], [1.]),
    "not_a_variable": lambda tf: tf.scatter_nd_update(tf.constant([1., 2.]), [[0]], [1.]),
}


def cases(tf):
    out = run_cases(tf, CASES, ERRORS, init=True)
    return out
