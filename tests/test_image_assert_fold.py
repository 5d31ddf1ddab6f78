"""tf.image.rot90 / transpose_image of an unknown-rank image fed a 2-D value: TF 1.14's
first run-time error is the Transpose kernel's, not _AssertAtLeast3DImage's rank assert
(checked with the oracle, /tmp/tf114). Grappler's shape inference merges the placeholder's
shape with the rank 3 that the Transpose's shape function asks of its input (WithRank on the
shared handle, through the control_dependency Identity, Switch and ReverseV2), so constant
folding makes `Rank(image)` a Const 3 and the rank assert never fires; with
RewriterConfig(constant_folding=OFF) TF reports the assert. flowgrad's constant folding
folds such a Rank too (optimize/implied_rank.py) when the Transpose is in the same plan
(transpose_image); rot90's Transposes sit in tf.case's branch sub-plans, which it does not
read: a strict xfail."""
import numpy as np
import pytest

import flowgrad as tf

_TRANSPOSE = "transpose expects a vector of size 2. But input(1) is a vector of size 3"


@pytest.mark.parametrize("fn", [
    pytest.param(tf.image.rot90, marks=pytest.mark.xfail(
        strict=True, reason="the implied rank of a Transpose in a cond branch's sub-plan is "
        "not read (optimize/implied_rank.py)")),
    tf.image.transpose_image])
def test_two_d_feed_fails_in_the_transpose(fn):
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32)
        y = fn(p)
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as e:
                sess.run(y, {p: np.zeros([2, 3], np.float32)})
    assert e.value.message.split("\n")[0] == _TRANSPOSE


def test_without_constant_folding_the_assert_fires():
    rw = tf.RewriterConfig(constant_folding=tf.RewriterConfig.OFF)
    config = tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=rw))
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32)
        y = tf.image.transpose_image(p)
        with tf.Session(config=config) as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as e:
                sess.run(y, {p: np.zeros([2, 3], np.float32)})
    assert e.value.message.startswith(
        r"assertion failed: [\'image\' must be at least three-dimensional.]")
