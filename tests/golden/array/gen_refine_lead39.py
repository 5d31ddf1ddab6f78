"""Static shapes TF 1.14's shape refiner gives where it evaluates small constant int
subgraphs: tf.unstack of a folded tf.shape packed again (image_gradients' zeros), a
reduction over some axes of a constant (sparse.reset_shape's reduce_max(indices, axis=0)),
a reduction whose axis is computed (expm's `axis=size(shape(m)) - 2`), LinSpace of a
computed num (contrib's spatial_softmax), with known and unknown dims; and the ops
reduce_variance / reduce_std / expm build (names, order)."""
import numpy as np

SHAPES = [
    ("unstack_pack", lambda tf, v: tf.zeros(tf.stack(
        [tf.unstack(tf.shape(v["img"]))[0], 1, tf.unstack(tf.shape(v["img"]))[2], 3]))),
    ("unstack_pack_unknown", lambda tf, v: tf.zeros(tf.stack(
        [tf.unstack(tf.shape(v["ph"]))[0], 1, tf.unstack(tf.shape(v["ph"]))[2], 3]))),
    ("unstack_axis1", lambda tf, v: tf.zeros(tf.unstack(tf.constant([[2, 3], [4, 5]]),
                                                        axis=1)[1])),
    ("reset_shape", lambda tf, v: tf.sparse.to_dense(tf.sparse.reset_shape(
        tf.SparseTensor([[0, 0], [1, 2]], [1.5, 2.5], [2, 3])))),
    ("max_axis0", lambda tf, v: tf.zeros(tf.reduce_max(tf.constant([[1, 4], [3, 2]]), 0))),
    ("sum_keepdims", lambda tf, v: tf.zeros(tf.reshape(tf.reduce_sum(
        tf.constant([[1, 1], [2, 0]]), 1, keepdims=True), [-1]))),
    ("computed_axis", lambda tf, v: tf.reduce_sum(v["c"], axis=tf.size(tf.shape(v["c"])) - 2)),
    ("computed_axis_unknown", lambda tf, v: tf.reduce_sum(
        v["ph"], axis=tf.size(tf.shape(v["ph"])) - 2)),
    ("computed_axis_max", lambda tf, v: tf.reduce_max(tf.reduce_sum(
        v["c"], axis=tf.size(tf.shape(v["c"])) - 2), axis=-1)),
    ("linspace_computed_num", lambda tf, v: tf.linspace(0., 1., tf.shape(v["img"])[1])),
    ("linspace_unknown_num", lambda tf, v: tf.linspace(0., 1., tf.shape(v["ph"])[0])),
    ("linspace_known_dim_of_partial", lambda tf, v: tf.linspace(0., 1., tf.shape(v["ph"])[1])),
    ("spatial_softmax_meshgrid", lambda tf, v: tf.meshgrid(
        tf.linspace(-1., 1., tf.shape(v["img"])[1]),
        tf.linspace(-1., 1., tf.shape(v["img"])[2]))[0]),
]

OPS = {
    "reduce_variance": lambda tf: tf.math.reduce_variance(tf.constant([[1., 2.], [3., 5.]]), 1),
    "reduce_variance_int": lambda tf: tf.math.reduce_variance(tf.constant([1, 4])),
    "reduce_variance_list": lambda tf: tf.math.reduce_variance([1., 3.]),
    "reduce_std": lambda tf: tf.math.reduce_std(tf.constant([1., 3.]), name="sd"),
    "expm": lambda tf: tf.linalg.expm(tf.constant([[0.5, 0.1], [0.2, 0.3]])),
}


def shapes(tf):
    """{case: the static shape as a list (None for an unknown dim)}."""
    tf.reset_default_graph()
    inputs = {"img": tf.zeros([2, 5, 6, 3]),
              "ph": tf.placeholder(tf.float32, [None, 5, 6, 3]),
              "c": tf.constant(np.zeros((3, 4), np.float32))}
    out = {}
    for name, fn in SHAPES:
        s = fn(tf, inputs).shape
        out[name] = None if s.ndims is None else s.as_list()
    return out


def ops(tf):
    """{case: [(name, type) of every op], the value}."""
    out = {}
    for name, fn in OPS.items():
        g = tf.Graph()
        with g.as_default():
            t = fn(tf)
            with tf.Session() as s:
                value = s.run(t)
            out[name] = [[[o.name, o.type] for o in g.get_operations()],
                         np.asarray(value).tolist()]
    return out


def cases(tf):
    return {"shapes": shapes(tf), "ops": ops(tf)}
