"""Canned estimators trained from scratch with RunConfig(tf_random_seed=...) against TF 1.14
(tests/golden/estimator/gen_canned_seeded.py): initial weights, trained values (slots
included), evaluation and predictions.

Every variable made before the first tf.cond of the graph (the embedding tables and the
first hidden layer's kernel; the cond is tf.nn.zero_fraction's in the layer summary) gets
TF's initial value from TF's seed. The rest needs tf.cond to advance the op counter by
TF's Switch/Merge ops and tf.nn.zero_fraction to be TF's cond; where they are not, those
comparisons are skipped with that reason."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_canned_seeded as gen  # noqa: E402

GOLD = goldens.load("estimator", "canned_seeded")


def _cond_counts_as_tf():
    """Whether tf.cond advances the op counter as TF 1.14's Switch/Merge construction
    (pred Switch, switch_t, switch_f, pred_id, one Const per branch, Merge: 7 ids) and
    tf.nn.zero_fraction is built as TF's (its cond on the int32 count: 26 ids for a
    [2, 3] placeholder), as the canned DNN's layer summaries are."""
    with tf.Graph().as_default() as g:
        p = tf.constant(True)
        before = g._last_id
        tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
        cond_ids = g._last_id - before
        x = tf.placeholder(tf.float32, [2, 3])
        before = g._last_id
        tf.nn.zero_fraction(x)
        return cond_ids == 7 and g._last_id - before == 26


@pytest.fixture(scope="module")
def ours():
    out = {}
    try:
        for name in sorted(GOLD):
            out[name] = gen.run(tf, name)
            tf.reset_default_graph()
    finally:
        tf.reset_default_graph()
    return out


_BEFORE_COND = {
    "dnn_numpy": ["dnn/input_from_feature_columns/input_layer/s_embedding/embedding_weights/"
                  "part_0", "dnn/hiddenlayer_0/kernel/part_0"],
    "dnn_dropout_dataset": ["dnn/hiddenlayer_0/kernel/part_0"],
    "combined": ["dnn/input_from_feature_columns/input_layer/s_embedding/embedding_weights/"
                 "part_0", "dnn/hiddenlayer_0/kernel/part_0"],
    "dnn_batch_norm_partitioned": [
        "dnn/input_from_feature_columns/input_layer/s_embedding/embedding_weights/part_0",
        "dnn/input_from_feature_columns/input_layer/s_embedding/embedding_weights/part_1",
        "dnn/hiddenlayer_0/kernel/part_0"],
    "linear_partitioned": ["linear/linear_model/x/weights/part_1"],
    "combined_batch_norm": [
        "dnn/input_from_feature_columns/input_layer/s_embedding/embedding_weights/part_2",
        "dnn/hiddenlayer_0/kernel/part_0"],
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_initial_weights_before_any_cond(ours, name):
    for var in _BEFORE_COND[name]:
        np.testing.assert_allclose(ours[name]["initial"][var], GOLD[name]["initial"][var],
                                   rtol=1e-6, err_msg=var)
    assert sorted(ours[name]["initial"]) == sorted(GOLD[name]["initial"])
    assert sorted(ours[name]["values"]) == sorted(GOLD[name]["values"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seeded_training_matches_tf(ours, name):
    if not _cond_counts_as_tf():
        pytest.skip("needs tf.cond to advance the op counter as TF's Switch/Merge ops and "
                    "tf.nn.zero_fraction built as TF's cond")
    goldens.same_close(ours[name], GOLD[name], name)
