"""tf.gather / tf.gather_nd with batch_dims, tf.meshgrid and tf.zeros of a list holding a
tensor, under TF 1.14: values and the (name, type) of every op each call builds (graph-level
seeds count them). test_batch_gather.py reruns the cases with flowgrad."""
import numpy as np


def _p(tf, shape, dtype=np.int32):
    return tf.constant(np.arange(int(np.prod(shape))).reshape(shape).astype(dtype))


CASES = {
    "gather_b1": lambda tf: tf.gather(_p(tf, (3, 4)), tf.constant([[0, 1], [2, 3], [1, 1]]),
                                      batch_dims=1),
    "gather_b1_axis2": lambda tf: tf.gather(_p(tf, (2, 3, 4)), tf.constant([[0, 3], [2, 1]]),
                                            batch_dims=1, axis=2),
    "gather_b2_float": lambda tf: tf.gather(
        _p(tf, (2, 3, 4), np.float32), tf.constant(np.array([[[0], [1], [2]],
                                                            [[3], [2], [1]]])), batch_dims=2),
    "gather_b_neg": lambda tf: tf.gather(_p(tf, (3, 4)), tf.constant([[0], [2], [3]]),
                                         batch_dims=-1),
    "gather_b1_int64": lambda tf: tf.gather(_p(tf, (2, 3)), tf.constant(
        np.array([[2, 0], [1, 1]], np.int64)), batch_dims=1),
    "gather_nd_b1": lambda tf: tf.gather_nd(_p(tf, (3, 4)), tf.constant([[1], [0], [2]]),
                                            batch_dims=1),
    "gather_nd_b1_pairs": lambda tf: tf.gather_nd(
        _p(tf, (2, 3, 4)), tf.constant([[[1, 2], [0, 0]], [[2, 3], [1, 1]]]), batch_dims=1),
    "gather_nd_b2": lambda tf: tf.gather_nd(_p(tf, (2, 3, 4)), tf.constant(
        np.array([[[1], [0], [3]], [[2], [2], [0]]])), batch_dims=2),
    "meshgrid_xy": lambda tf: tf.meshgrid([1, 2], [3, 4, 5]),
    "meshgrid_ij3": lambda tf: tf.meshgrid(tf.constant([1., 2.]), tf.constant([3., 4., 5.]),
                                           tf.constant([6., 7.]), indexing="ij"),
    "zeros_of_a_list_with_a_tensor": lambda tf: tf.zeros(
        [tf.shape(tf.placeholder_with_default(np.ones((2, 3), np.float32), [None, 3]))[0],
         10]),
    "ones_of_tensors": lambda tf: tf.ones([tf.size(tf.constant([1, 2])), 2,
                                           tf.constant(3)], tf.int64),
}


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        g = tf.Graph()
        with g.as_default():
            r = fn(tf)
            v = tf.Session().run(r)
            v = [a.tolist() for a in v] if isinstance(v, list) else v.tolist()
            out[name] = [v, [[o.name, o.type] for o in g.get_operations()]]
    return out
