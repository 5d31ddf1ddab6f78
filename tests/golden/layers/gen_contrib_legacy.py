"""TF 1.14's contrib.layers legacy_fully_connected / legacy_linear / legacy_relu,
convolution2d_in_plane, spatial_softmax and bow_encoder: values (seeded initial
variables), variables (name, shape, collections), every op (name, type), gradients, a
graph-seeded random op's numbers after it, and the errors users can cause."""
from __future__ import absolute_import

import numpy as np


def _x(shape, seed=0):
    return (np.sin(np.arange(np.prod(shape)) * 0.7 + seed) * 2.).reshape(shape).astype(
        np.float32)


def _legacy(tf):
    L = tf.contrib.layers
    x = tf.constant(_x([3, 4]))
    y1 = L.legacy_fully_connected(x, 2, weight_regularizer=L.l2_regularizer(0.1))
    y2 = L.legacy_relu(tf.constant(_x([2, 3, 4], 1)), 3, name="r")
    y3 = L.legacy_linear(x, 2, bias_init=None, weight_collections=["mine"],
                         output_collections=["outs"])
    loss = tf.reduce_sum(y1 * y1) + tf.reduce_sum(y2) + tf.reduce_sum(y3)
    grads = tf.gradients(loss, tf.trainable_variables())
    return [y1, y2, y3, tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))] + \
        grads + [tf.constant(len(tf.get_collection(tf.GraphKeys.ACTIVATIONS))),
                 tf.constant(len(tf.get_collection("outs")))]


def _in_plane(tf):
    L = tf.contrib.layers
    x = tf.constant(_x([2, 5, 5, 3]))
    y1 = L.conv2d_in_plane(x, 3)
    y2 = L.convolution2d_in_plane(x, [2, 3], stride=2, padding="VALID", activation_fn=None,
                                  variables_collections=["vc"], outputs_collections=["oc"])
    y3 = L.conv2d_in_plane(x, 1, biases_initializer=None, scope="nb")
    grads = tf.gradients(tf.reduce_sum(y1 * y2[:, :1, :1]) + tf.reduce_sum(y3),
                         tf.trainable_variables())
    return [y1, y2, y3] + grads


def _spatial(tf):
    L = tf.contrib.layers
    # an unknown batch size: TF's C++ shape inference would fold the whole shape otherwise
    x = tf.placeholder_with_default(_x([2, 3, 4, 2]), [None, 3, 4, 2])
    y1 = L.spatial_softmax(x)
    y2 = L.spatial_softmax(tf.transpose(x, [0, 3, 1, 2]), temperature=0.5, data_format="NCHW",
                           name="nchw", trainable=False)
    g = tf.gradients(tf.reduce_sum(y1 * y1), [x] + tf.trainable_variables())
    return [y1, y2] + g


def _bow(tf):
    L = tf.contrib.layers
    ids = tf.constant([[1, 2, 0], [3, 0, 0]])
    y1 = L.bow_encoder(ids, 5, 3)
    y2 = L.bow_encoder(ids, 5, 2, sparse_lookup=False, scope="dense")
    y3 = L.bow_encoder(tf.SparseTensor([[0, 0], [2, 1]], tf.constant([4, 1], tf.int64),
                                       [3, 2]), 6, 2, initializer=tf.ones_initializer())
    return [y1, y2, y3]


CASES = {"legacy_fully_connected": _legacy, "conv2d_in_plane": _in_plane,
         "spatial_softmax": _spatial, "bow_encoder": _bow}


def run(tf, fn):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        r = fn(tf)
        r = [tf.convert_to_tensor(x) for x in r]
        after = tf.random_uniform([2])
        variables = [[v.name, v.get_shape().as_list(),
                      sorted(k for k in g.get_all_collection_keys()
                             if k != "golden_setup" and v in g.get_collection(k))]
                     for v in tf.global_variables()]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.get_collection("golden_setup"))
            v, a = sess.run([r, after])
        return [[np.asarray(x) for x in v], variables,
                [[o.name, o.type] for o in g.get_operations()], a]


def _error(fn, first_part=False):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        # first_part: the message up to its first ", " (the rest names a Python object)
        return [type(e).__name__, str(e).split(", ")[0] if first_part else str(e)]
    return None


def _errors(tf):
    L = tf.contrib.layers

    def in_graph(f):
        def run_it():
            with tf.Graph().as_default():
                f()
        return run_it

    S = tf.contrib.slim
    return {
        "pool_rank": _error(in_graph(lambda: S.pool(tf.constant([[1.]]), 2, "MAX"))),
        "pool_kernel": _error(in_graph(lambda: S.pool(tf.constant(_x([1, 4, 4, 1])), [2],
                                                      "MAX"))),
        "pool_stride": _error(in_graph(lambda: S.pool(tf.constant(_x([1, 4, 4, 1])), 2,
                                                      "MAX", stride=0))),
        "gdn_format": _error(in_graph(lambda: L.GDN(data_format="NHWC"))),
        "gdn_channels": _error(in_graph(lambda: L.gdn(tf.placeholder(tf.float32,
                                                                     [1, 2, 2, None])))),
        "gdn_rank": _error(in_graph(lambda: L.gdn(tf.constant([[1., 2.]])))),
        "problem_type": [S.ProblemType.UNSPECIFIED, S.ProblemType.CLASSIFICATION,
                         S.ProblemType.LINEAR_REGRESSION, S.ProblemType.LOGISTIC_REGRESSION],
        "legacy_rank": _error(in_graph(lambda: L.legacy_fully_connected(
            tf.constant([1., 2.]), 2))),
        "legacy_last": _error(in_graph(lambda: L.legacy_fully_connected(
            tf.placeholder(tf.float32, [2, None]), 2))),
        "legacy_dims": _error(in_graph(lambda: L.legacy_fully_connected(
            tf.placeholder(tf.float32), 2))),
        "in_plane_rank": _error(in_graph(lambda: L.conv2d_in_plane(
            tf.constant(_x([2, 3, 3])), 2))),
        "in_plane_kernel": _error(in_graph(lambda: L.conv2d_in_plane(
            tf.constant(_x([1, 3, 3, 1])), [1, 2, 3]))),
        "spatial_format": _error(in_graph(lambda: L.spatial_softmax(
            tf.constant(_x([1, 2, 2, 1])), data_format="NDHWC"))),
        "spatial_channels": _error(in_graph(lambda: L.spatial_softmax(
            tf.placeholder(tf.float32, [1, 2, 2, None])))),
        "bow_vocab": _error(in_graph(lambda: L.bow_encoder(tf.constant([[1]]), 0, 2))),
        "bow_sparse_dense": _error(in_graph(lambda: L.bow_encoder(
            tf.SparseTensor([[0, 0]], tf.constant([1], tf.int64), [1, 1]), 3, 2,
            sparse_lookup=False)), first_part=True),
    }


def cases(tf):
    out = {name: run(tf, fn) for name, fn in sorted(CASES.items())}
    out["errors"] = _errors(tf)
    return out


def _pool(tf):
    S = tf.contrib.slim
    x = tf.constant(_x([2, 5, 5, 3]))
    y1 = S.pool(x, [2, 2], "MAX", stride=2)
    y2 = S.pool(x, 3, "AVG", padding="SAME", scope="p")
    y3 = S.pool(x, [2, 3], "MAX", stride=[1, 2], data_format="NHWC")
    b = S.bucketize(tf.constant([[-1., 0.5], [2., 7.]]), [0., 1., 5.])
    g = tf.gradients(tf.reduce_sum(y1 * y1) + tf.reduce_sum(y2), x)
    return [y1, y2, y3, b] + g


CASES["slim_pool_bucketize"] = _pool


def _gdn(tf):
    L = tf.contrib.layers
    x4 = tf.constant(_x([2, 3, 3, 2]))
    y1 = L.gdn(x4)
    y2 = L.gdn(tf.constant(_x([2, 4, 3], 2)), inverse=True, name="inv")
    # (TF 1.14's CPU kernels run no channels_first convolution: no such case)
    y3 = L.gdn(x4, gamma_init=0.3)
    layer = L.GDN(beta_min=0.5, name="cls")
    y4 = layer.apply(tf.constant(_x([1, 2, 2, 2, 3], 3)))
    # move gamma off its lower bound: at the bound the gradient depends on the last bit
    # of sqrt(pedestal), which TF's vectorized float sqrt rounds by packet position
    for v in tf.trainable_variables():
        tf.add_to_collection("golden_setup", tf.assign_add(v, tf.fill(tf.shape(v), 0.01)))
    loss = tf.reduce_sum(y1 * y1) + tf.reduce_sum(y2) + tf.reduce_sum(y4)
    grads = tf.gradients(loss, [x4] + tf.trainable_variables())
    return [y1, y2, y3, y4] + [g for g in grads if g is not None]


CASES["gdn"] = _gdn


def _distributed(tf, shards, strategy="mod", weighted=True, combiner="mean", max_norm=None):
    S = tf.contrib.slim
    table = _x([7, 3], 9)
    if shards == 1:
        params = tf.constant(table)
        plist = [params]
    else:
        sizes = [4, 3] if strategy == "div" else [4, 3]
        rows = [list(range(0, 7, 2)), list(range(1, 7, 2))] if strategy == "mod" else \
            [list(range(4)), list(range(4, 7))]
        plist = [tf.constant(table[r]) for r in rows]
        params = plist
        del sizes
    # fed through placeholder_with_default: TF's shape inference would otherwise evaluate
    # the whole constant lookup and know every shape
    def dyn(v, dt):
        return tf.placeholder_with_default(np.asarray(v, dt), [None] * np.asarray(v).ndim)

    idx = dyn([[0, 0], [0, 1], [1, 0], [2, 0], [2, 2]], np.int64)
    ids = tf.SparseTensor(idx, dyn([1, 6, 3, 1, 4], np.int64), [4, 3])
    weights = tf.SparseTensor(idx, dyn([2., 0.5, 1., 3., 1.5], np.float32), [4, 3]) \
        if weighted else None
    out = S.embedding_lookup_sparse_with_distributed_aggregation(
        params, ids, weights, partition_strategy=strategy, combiner=combiner,
        max_norm=max_norm)
    return [out] + [tf.convert_to_tensor(g) for g in tf.gradients(tf.reduce_sum(out * out),
                                                                  plist)]


CASES.update({
    "distributed_one_shard": lambda tf: _distributed(tf, 1),
    "distributed_one_shard_unweighted": lambda tf: _distributed(tf, 1, weighted=False,
                                                                combiner="sum"),
    "distributed_mod_unweighted_sqrtn": lambda tf: _distributed(tf, 2, weighted=False,
                                                                combiner="sqrtn"),
    "distributed_div_weighted_maxnorm": lambda tf: _distributed(tf, 2, "div", max_norm=1.0,
                                                                combiner="sum"),
})
