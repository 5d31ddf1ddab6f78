"""The shape functions of ScatterNdUpdate (ref and resource variables) and
TensorScatterUpdate / Add / Sub under TF 1.14 at their edges: indices or updates of rank 0
("Shape must be at least rank 1", the tensor's first for TensorScatter*), an input known
empty with indices or updates known non-empty ("Indices and updates specified for empty
output shape"), an index depth past the input's rank (InferenceContext::Subshape clamps:
no inner dims, accepted when the updates have none, else "The inner -1 dimensions ..."),
and the inner-dims message naming "output.shape" for TensorScatter* ("input.shape" for
the variables'). Each case: the static shape built or the error (class: message, TF's
" for 'Op' ..." suffix kept). Made on an Intel Xeon ("host"; the values are exact).
test_scatter_shape_fn.py reruns them with flowgrad."""
import numpy as np
from goldenio import host_vendor


def _ref(tf, shape, resource=False):
    return tf.Variable(tf.ones(shape), use_resource=resource, name="v")


CASES = {
    "ref_index_scalar": lambda tf: tf.scatter_nd_update(_ref(tf, [4]), 1, tf.ones([1])),
    "ref_updates_scalar": lambda tf: tf.scatter_nd_update(_ref(tf, [4]), [[1]], 3.0),
    "resource_index_scalar": lambda tf: tf.scatter_nd_update(_ref(tf, [4], True), 1,
                                                             tf.ones([1])),
    "ref_empty": lambda tf: tf.scatter_nd_update(_ref(tf, [0, 2]), [[0]], tf.ones([1, 2])),
    "resource_empty": lambda tf: tf.scatter_nd_update(_ref(tf, [0, 2], True), [[0]],
                                                      tf.ones([1, 2])),
    "ref_scalar_variable": lambda tf: tf.scatter_nd_update(_ref(tf, []), [[0]], [1.0]),
    "ref_depth_past_rank": lambda tf: tf.scatter_nd_update(_ref(tf, [4, 5]), [[0, 1, 2]],
                                                           tf.ones([1])),
    "ref_depth_past_rank_inner": lambda tf: tf.scatter_nd_update(
        _ref(tf, [4, 5]), [[0, 1, 2]], tf.ones([1, 3])),
    "resource_depth_past_rank": lambda tf: tf.scatter_nd_update(
        _ref(tf, [4, 5], True), [[0, 1, 2]], tf.ones([1])),
    "ref_add_inner": lambda tf: tf.scatter_nd_add(_ref(tf, [4, 5]), [[0], [1]],
                                                  tf.ones([2, 4])),
    "tensor_add_inner": lambda tf: tf.tensor_scatter_add(tf.ones([4, 5]), [[0], [1]],
                                                         tf.ones([2, 4])),
    "tensor_sub_inner_rank": lambda tf: tf.tensor_scatter_sub(tf.ones([4, 5]), [[0], [1]],
                                                              tf.ones([2, 5, 1])),
    "tensor_depth_past_rank": lambda tf: tf.tensor_scatter_update(
        tf.ones([4, 5]), [[0, 1, 2, 3]], tf.ones([1])),
    "tensor_depth_past_rank_inner": lambda tf: tf.tensor_scatter_update(
        tf.ones([4, 5]), [[0, 1, 2]], tf.ones([1, 3])),
    "tensor_scalar": lambda tf: tf.tensor_scatter_update(tf.ones([]), [[0]], tf.ones([1])),
    "tensor_index_scalar": lambda tf: tf.tensor_scatter_update(tf.ones([4]), 1, tf.ones([1])),
    "tensor_updates_scalar": lambda tf: tf.tensor_scatter_update(tf.ones([4]), [[1]], 3.0),
    "tensor_all_scalar": lambda tf: tf.tensor_scatter_update(tf.ones([4]), 1, 3.0),
    "tensor_empty_nothing": lambda tf: tf.tensor_scatter_update(
        tf.ones([0, 2]), np.zeros([0, 1], np.int32), tf.ones([0, 2])),
    "tensor_empty_indices": lambda tf: tf.tensor_scatter_update(tf.ones([0, 2]), [[0]],
                                                                tf.ones([0, 2])),
    "tensor_empty_updates": lambda tf: tf.tensor_scatter_update(
        tf.ones([0, 2]), tf.placeholder(tf.int32, [None, 1]), tf.ones([1, 2])),
    "tensor_unknown_depth": lambda tf: tf.tensor_scatter_update(
        tf.ones([4, 5]), tf.placeholder(tf.int32, [2, None]), tf.ones([2, 4])),
}


def _case(tf, fn):
    with tf.Graph().as_default():
        try:
            t = fn(tf)
            return None if t.shape.ndims is None else t.shape.as_list()
        except Exception as e:  # noqa: BLE001 - TF's verdict is the golden
            return "%s: %s" % (type(e).__name__, str(e).splitlines()[0])


def cases(tf):
    out = {k: _case(tf, fn) for k, fn in sorted(CASES.items())}
    out["host"] = host_vendor()
    return out
