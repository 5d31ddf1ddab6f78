"""The ops TF 1.14 leaves in the graph when gather / gather_nd / batch_gather /
boolean_mask fail to build: after the TypeError or ValueError, its dispatch asks the ragged
dispatcher, which converts `params` then `indices` (a Python list leaves a `Const`)."""
import numpy as np


def build(tf):
    """(label, function of x) pairs (all but batch_gather_rank raise while building)."""
    return [
        ("gather_axis", lambda x: tf.gather(x, [0, 1], axis=3)),
        ("gather_batch_dims", lambda x: tf.gather(x, [[0], [1]], axis=1, batch_dims=2)),
        ("gather_nd_depth", lambda x: tf.gather_nd(x, [[0, 1, 2, 3]])),
        ("gather_nd_batch_dims", lambda x: tf.gather_nd(x, [[0], [1]], batch_dims=2)),
        ("gather_nd_batch_shape", lambda x: tf.gather_nd(x, [[[0]], [[1]], [[1]]],
                                                         batch_dims=1)),
        ("gather_nd_tensor_indices", lambda x: tf.gather_nd(x, tf.constant([[0, 1, 2, 3]]))),
        ("batch_gather_rank", lambda x: tf.batch_gather(x, [0, 1])),
        ("batch_gather_shape", lambda x: tf.batch_gather(x, [[[0]], [[1]], [[1]]])),
        ("boolean_mask_shape", lambda x: tf.boolean_mask(x, [True, False], axis=1)),
        ("boolean_mask_rank", lambda x: tf.boolean_mask(x, [[True, False, True]], axis=1)),
    ]


def run(tf):
    out = {}
    for label, f in build(tf):
        with tf.Graph().as_default() as g:
            x = tf.constant(np.arange(24.0, dtype=np.float32).reshape(2, 3, 4))
            try:
                f(x)
                error = None
            except (TypeError, ValueError) as e:
                error = type(e).__name__
            out[label] = {"error": error, "ops": [op.name for op in g.get_operations()[1:]]}
    return out


def cases(tf):
    return run(tf)
