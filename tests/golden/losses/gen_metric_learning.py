"""TF 1.14's tf.contrib.losses.metric_learning: the five losses' values and gradients on
seeded embeddings (with ties, one-element classes and no negatives), their op lists
(name, type), pairwise_distance from the metric_loss_ops module, print_losses, and the
errors (non-sparse multilabel labels, cluster_loss absent, a helper not in the
namespace)."""
import numpy as np


def _data():
    rng = np.random.RandomState(7)
    emb = rng.randn(8, 5).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    emb2 = rng.randn(8, 5).astype(np.float32)
    return emb, emb2, np.array([0, 1, 0, 2, 1, 3, 0, 2], np.int32)


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    return None


def _run(tf, build):
    with tf.Graph().as_default() as g:
        emb, emb2, labels = _data()
        x = tf.constant(emb, name="emb")
        y = tf.constant(emb2, name="emb2")
        loss = build(tf, x, y, labels)
        grads = tf.gradients(loss, [x, y])
        ops = [[o.name, o.type] for o in g.get_operations()]
        with tf.Session() as sess:
            vals = sess.run([loss] + [gr for gr in grads if gr is not None])
        return {"loss": float(vals[0]), "grads": [v.tolist() for v in vals[1:]], "ops": ops}


def _ml(tf):
    return tf.contrib.losses.metric_learning


def cases(tf):
    ml = _ml(tf)
    out = {
        "triplet": _run(tf, lambda tf, x, y, lab: ml.triplet_semihard_loss(lab, x)),
        "triplet_margin": _run(tf, lambda tf, x, y, lab: ml.triplet_semihard_loss(
            tf.constant(lab), x * 3.0, margin=0.3)),
        "triplet_all_same": _run(tf, lambda tf, x, y, lab: ml.triplet_semihard_loss(
            np.zeros(8, np.int32) + np.array([0] * 7 + [1], np.int32), x)),
        "lifted": _run(tf, lambda tf, x, y, lab: ml.lifted_struct_loss(lab, x)),
        "lifted_margin": _run(tf, lambda tf, x, y, lab: ml.lifted_struct_loss(lab, y, 2.0)),
        "contrastive": _run(tf, lambda tf, x, y, lab: ml.contrastive_loss(lab % 2, x, y)),
        "contrastive_margin": _run(tf, lambda tf, x, y, lab: ml.contrastive_loss(
            tf.constant(lab % 2, tf.int64), x, y * 0.1, margin=0.5)),
        "npairs": _run(tf, lambda tf, x, y, lab: ml.npairs_loss(lab, x, y)),
        "npairs_reg": _run(tf, lambda tf, x, y, lab: ml.npairs_loss(lab, x, y, reg_lambda=0.5)),
        "npairs_multilabel": _run(tf, lambda tf, x, y, lab: ml.npairs_loss_multilabel(
            [tf.SparseTensor([[0, i % 3]], [1], [1, 4]) for i in range(8)], x, y)),
        "pairwise_distance": _run(tf, lambda tf, x, y, lab: tf.reduce_sum(
            _pairwise(tf)(tf.concat([x, x[:2]], 0)))),
        "pairwise_distance_squared": _run(tf, lambda tf, x, y, lab: tf.reduce_sum(
            _pairwise(tf)(y, squared=True))),
    }
    out["errors"] = [
        _err(lambda: ml.npairs_loss_multilabel([np.ones(2)], np.ones((1, 2), np.float32),
                                               np.ones((1, 2), np.float32))),
        _err(lambda: ml.pairwise_distance),
        _err(lambda: ml.masked_maximum),
    ]
    return out


def _pairwise(tf):
    import importlib
    root = tf.__name__.split(".")[0]   # tensorflow, or flowgrad (its module of the same)
    path = ("tensorflow.contrib.losses.python.metric_learning.metric_loss_ops"
            if root == "tensorflow" else "flowgrad.contrib.losses.metric_loss_ops")
    return importlib.import_module(path).pairwise_distance
