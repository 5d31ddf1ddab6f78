"""MatMul with one output row and AddN's summation order against TF 1.14
(tests/golden/math/gen_pest_rowmatmul.py), bit for bit.

A [1, k] x [k, n] MatMul is Eigen's column-major gemv in TF (each output adds its k
products in order, in blocks of 16 from k = 128 on): the weight gradient of a linear
model's one-value numeric column. AddN adds its inputs in Grappler's sorted order, with
the input whose buffer the kernel takes over swapped to the front: the logit gradient of
every sigmoid cross-entropy head."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

gen = goldens.generator("math", "pest_rowmatmul")
GOLD = goldens.load("math", "pest_rowmatmul")


@pytest.fixture(scope="module")
def products():
    try:
        with tf.Graph().as_default():
            return gen.row_products(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("key", sorted(GOLD["row_products"]))
def test_one_row_matmul_bits(products, key):
    want = GOLD["row_products"][key]
    got = products[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_addn_sums_in_tf_order():
    got = gen.addn_order(tf)
    want = GOLD["addn_order"]
    assert len(got) == len(want)
    for k, (g, w) in enumerate(zip(got, want)):
        assert g.tobytes() == w.tobytes(), k
    # the cases tell the orders apart: left to right, 1 - 1 + 0 + d would be d itself
    assert not np.array_equal(want[0], gen.D)


def test_addn_order_off_with_the_arithmetic_optimizer():
    """RewriterConfig(arithmetic_optimization=OFF): the inputs are added as given."""
    cfg = tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=tf.RewriterConfig(
        arithmetic_optimization=tf.RewriterConfig.OFF)))
    with tf.Graph().as_default():
        one = tf.placeholder(tf.float32, [4])
        d = tf.placeholder(tf.float32, [4])
        with tf.name_scope("z"):
            a = tf.identity(one, name="Select")
        with tf.name_scope("y"):
            b = tf.negative(one, name="mul")
        with tf.name_scope("w"):
            dd = tf.negative(d, name="Neg")
        s = tf.add_n([a, b, tf.zeros_like(one), dd])
        feed = {one: np.ones(4, np.float32), d: -gen.D}
        with tf.Session(config=cfg) as sess:
            plain = sess.run(s, feed)
        with tf.Session() as sess:
            grappler = sess.run(s, feed)
    assert plain.tobytes() == gen.D.tobytes()
    assert grappler.tobytes() == GOLD["addn_order"][0].tobytes()


def test_addn_forwarding_without_the_sort():
    """Arithmetic optimizer off: no sort, but the kernel still adds into a free temporary
    (none here: the two Negs are one op after CSE, read again by the second AddN)."""
    got = gen.addn_unsorted(tf)
    for g, w in zip(got, GOLD["addn_unsorted"]):
        assert g.tobytes() == w.tobytes()
