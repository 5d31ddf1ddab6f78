"""tf.contrib.crf against TF 1.14 (tests/golden/seq2seq/gen_crf.py runs the same cases
under TF): likelihoods, scores, log-norms, decoding, gradients."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from test_seq2seq_decoder import same

GOLD = goldens.load("seq2seq", "crf")
GEN = goldens.generator("seq2seq", "crf")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name, rtol=2e-5, atol=2e-5)   # float32 recursions


def test_crf_trains_a_tagger():
    """A CRF layer over fixed features learns the tags (the likelihood rises)."""
    rng = np.random.RandomState(0)
    tags = rng.randint(0, 3, (8, 6)).astype(np.int32)
    feats = (np.eye(3)[tags] * 2 + rng.randn(8, 6, 3) * 0.5).astype(np.float32)
    with tf.Graph().as_default():
        w = tf.get_variable("w", [3, 3], initializer=tf.zeros_initializer())
        pot = tf.einsum("btf,fk->btk", tf.constant(feats), w) if hasattr(tf, "einsum") else \
            tf.reshape(tf.matmul(tf.reshape(tf.constant(feats), [-1, 3]), w), [8, 6, 3])
        lens = tf.constant([6, 5, 6, 4, 6, 3, 6, 6])
        ll, trans = tf.contrib.crf.crf_log_likelihood(pot, tf.constant(tags), lens)
        loss = -tf.reduce_mean(ll)
        train = tf.train.AdamOptimizer(0.1).minimize(loss)
        decoded, _ = tf.contrib.crf.crf_decode(pot, trans, lens)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss)
            for _ in range(40):
                sess.run(train)
            assert sess.run(loss) < 0.3 * first
            got = sess.run(decoded)
    mask = np.arange(6)[None] < np.array([6, 5, 6, 4, 6, 3, 6, 6])[:, None]
    assert (got[mask] == tags[mask]).mean() > 0.9
