"""Keras masks built where TF 1.14 builds them (golden keras/mask_counts): op counts after
each masked layer, and masked Bidirectional / TimeDistributed outputs."""
import os
import sys

import numpy as np

import flowgrad as tf

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "keras"))
import gen_mask_counts  # noqa: E402
import goldens  # noqa: E402

WANT = goldens.load("keras", "mask_counts")


def test_op_counts_after_masked_layers():
    with tf.Graph().as_default():
        assert gen_mask_counts._counts(tf) == WANT["counts"]


def test_masked_bidirectional_and_time_distributed_values():
    with tf.Graph().as_default():
        got = gen_mask_counts._values(tf)
    for g, w in zip(got, WANT["values"]):
        np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-7)
