"""TF 1.14's float MatMul with one output row and AddN's summation order
(tests/test_pest_rowmatmul.py).

MatMul([1, k], [k, n]) (b not transposed, a possibly) is Eigen's tensor contraction, which
on row-major tensors is the column-major matrix-vector product of b's columns: each output
adds its k products in order (in blocks of 16 from k = 128 on). A 1 x 1 output is one dot
product added in order.

AddN of three or more inputs is added left to right in the order Grappler's arithmetic
optimizer leaves its inputs: sorted by their names (op names of the producers, the
gradients' tuple/control_dependency Identities removed)."""
import numpy as np

SHAPES = [(3, 3), (5, 3), (8, 3), (10, 3), (16, 1), (16, 3), (17, 1), (17, 3), (33, 3),
          (200, 5), (300, 1), (1000, 3), (130, 7)]


def _operands():
    rng = np.random.RandomState(0)
    out = []
    for k, n in SHAPES:
        dt = np.float64 if k == 130 else np.float32
        out.append((rng.randn(1, k).astype(dt), rng.randn(k, n).astype(dt)))
    return out


def row_products(tf):
    res = {}
    ops = {}
    for (a, b), (k, n) in zip(_operands(), SHAPES):
        key = "%dx%d" % (k, n)
        ops[key] = tf.matmul(tf.constant(a), tf.constant(b))
        ops[key + "_ta"] = tf.matmul(tf.constant(a.T.copy()), tf.constant(b), transpose_a=True)
    with tf.Session() as s:
        res = s.run(ops)
    return res


D = np.float32([-0.34036064, -0.1, 0.7, 0.33333334])
LOGITS = np.float32([0.6616876, -0.25, 0.6616876, 1.5])


def addn_order(tf):
    """AddN(a, b, c, d) as a sigmoid cross-entropy gradient adds: 1 + (-1) + 0 + d, with its
    inputs named so that sorting puts d first; the same inputs given in another order; one
    read through an Identity; three inputs; two fed inputs and a temporary; and the
    gradient itself (fed, so nothing folds)."""
    with tf.Graph().as_default():
        neg_d = tf.placeholder(tf.float32, [4])
        one = tf.placeholder(tf.float32, [4])
        with tf.name_scope("z"):
            a = tf.identity(one, name="Select")
        with tf.name_scope("y"):
            b = tf.negative(one, name="mul")
        with tf.name_scope("x"):
            c = tf.zeros_like(one, name="Select_1")
        with tf.name_scope("w"):
            dd = tf.negative(neg_d, name="Neg")
        sums = [tf.add_n([a, b, c, dd]), tf.add_n([dd, c, a, b]),
                tf.add_n([a, tf.identity(b, name="y_dep"), c, dd]), tf.add_n([a, b, dd])]
        # fed, fed, a temporary: the kernel adds into the temporary's buffer (2, 1, 0)
        p_a = tf.placeholder(tf.float32, [4], name="p_a")
        p_b = tf.placeholder(tf.float32, [4], name="p_b")
        sums.append(tf.add_n([p_b, tf.negative(p_a, name="q_neg"), p_a]))
        x = tf.placeholder(tf.float32, [4])
        loss = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(
            labels=tf.constant([1.0, 0.0, 1.0, 0.0]), logits=x))
        grads = tf.gradients(loss, x)
        with tf.Session() as s:
            return s.run(sums + grads, {neg_d: -D, one: np.ones(4, np.float32), x: LOGITS,
                                           p_a: np.ones(4, np.float32), p_b: D})


def addn_unsorted(tf):
    """With the arithmetic optimizer off the inputs keep their order, but the kernel still
    adds into the first one it may take over: p_a + p_b + (-p_a) from the temporary on."""
    if hasattr(tf, "RewriterConfig"):   # flowgrad's spelling
        rw = tf.RewriterConfig
    else:
        from tensorflow.core.protobuf.rewriter_config_pb2 import RewriterConfig as rw
    cfg = tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=rw(
        arithmetic_optimization=rw.OFF)))
    with tf.Graph().as_default():
        p_a = tf.placeholder(tf.float32, [4], name="p_a")
        p_b = tf.placeholder(tf.float32, [4], name="p_b")
        q = tf.negative(p_a, name="q_neg")
        sums = [tf.add_n([p_a, p_b, q]), tf.add_n([p_b, p_a, tf.negative(p_a), p_a])]
        with tf.Session(config=cfg) as s:
            return s.run(sums, {p_a: np.ones(4, np.float32), p_b: D})


def cases(tf):
    return {"row_products": row_products(tf), "addn_order": addn_order(tf),
            "addn_unsorted": addn_unsorted(tf)}
