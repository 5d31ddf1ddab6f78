"""tf.contrib.seq2seq beam search against TF 1.14 (tests/golden/seq2seq/gen_beam.py runs
the same case functions under TF): decoded ids, scores, parents, final state, variable
names; tile_batch; gather_tree values and errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from test_seq2seq_decoder import same

GOLD = goldens.load("seq2seq", "beam")
GEN = goldens.generator("seq2seq", "beam")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    # float32 math (the length penalty's pow, the f32 case's log-softmax) differs from TF's
    # in the last bits
    f32 = name.endswith("_f32") or "length_penalty" in name
    rtol, atol = (2e-5, 1e-5) if f32 else (1e-9, 1e-11)
    same(got, exp, name, rtol, atol)


def test_gather_tree_rejects_parent_equal_to_beam_width():
    """TF 1.14 lets parent == beam_width through and reads past the beam axis (undefined
    values); flowgrad raises TF's invalid-parent error for it."""
    with tf.Graph().as_default():
        out = tf.contrib.seq2seq.gather_tree([[[1, 2]], [[3, 4]]], [[[0, 0]], [[2, 0]]],
                                             [2], 9)
        with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError,
                                                 match="Saw invalid parent id 2"):
            sess.run(out)


def test_beam_search_is_not_differentiable():
    with tf.Graph().as_default():
        ids = tf.constant(np.zeros((2, 1, 2), np.int32))
        out = tf.contrib.seq2seq.gather_tree(ids, ids, [2], 1)
        assert tf.gradients(tf.cast(out, tf.float32), ids) == [None]
