"""tf.metrics against TF 1.14: the golden generator's case functions (update_op results
over three batches, final values, tensor and variable names, collections, errors) run here
with flowgrad."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("metrics", "metrics")
GOLD = goldens.load("metrics", "metrics")


# Metrics whose ops differ from TF's (besides assertions, which TF wraps in conds):
KNOWN_DIFFERENT = {}


def _known_different(name):
    return any(name.startswith("ops/" + k) for k in KNOWN_DIFFERENT)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    if _known_different(name):
        assert got != GOLD[name], f"{name} now matches TF: take it off KNOWN_DIFFERENT"
        return
    same(got, GOLD[name], name, rtol=1e-5, atol=1e-6)


def test_collections():
    with tf.Graph().as_default():
        v, u = tf.metrics.mean([1.0, 2.0], metrics_collections=["m"], updates_collections=["u"])
        assert tf.get_collection("m") == [v] and tf.get_collection("u") == [u]
        assert tf.trainable_variables() == [] and tf.global_variables() == []


def test_control_dependency_on_a_fed_placeholder():
    """A control edge to a fed placeholder is satisfied by the feed (tf.metrics.mean makes
    its count update wait for `values`, often a placeholder)."""
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [3])
        v, u = tf.metrics.mean(p)
        with tf.Session() as s:
            s.run(tf.local_variables_initializer())
            assert s.run(u, {p: [1.0, 2.0, 6.0]}) == 3.0
            assert s.run(v) == 3.0


def test_top_k_metrics_take_sparse_labels():
    """TF's top-k metrics take SparseTensor labels (ragged rows of class ids): the same
    counts as the dense labels of the rows that are full, through TF's cond on the rank
    (expand_labels) and sparse _expand_and_tile / _num_relevant."""
    dense = [[1, 2], [4, 0], [3, 1]]
    sp = tf.SparseTensorValue([[i, j] for i in range(3) for j in range(2)],
                              [v for r in dense for v in r], [3, 2])
    scores = [[0.1, 0.5, 0.2, 0.0, 0.9], [0.8, 0.1, 0.3, 0.2, 0.05], [0.2, 0.1, 0.6, 0.7, 0.0]]
    for fn in (lambda lab: tf.metrics.precision_at_k(lab, scores, 2),
               lambda lab: tf.metrics.recall_at_k(lab, scores, 3, class_id=1),
               lambda lab: tf.metrics.average_precision_at_k(lab, scores, 3),
               lambda lab: tf.metrics.precision_at_top_k(lab, [[4, 1], [0, 2], [3, 2]])):
        with tf.Graph().as_default():
            p = tf.sparse_placeholder(tf.int64)
            (_, us), (_, ud) = fn(p), fn(tf.constant(dense, tf.int64))
            with tf.Session() as s:
                s.run(tf.local_variables_initializer())
                got_sparse, got_dense = s.run([us, ud], {p: sp})
        assert got_sparse == got_dense
