"""TF 1.14's AddN order in a Session: Grappler's arithmetic optimizer sorts a commutative
node's inputs by name, and the kernel sums them left to right. A binary classifier's
sigmoid_cross_entropy_with_logits gradient (an AddN of four contributions) and a small
wide & deep model (feature columns, Adagrad + Ftrl) trained on placeholders print TF's
last bits only in that order; with arithmetic_optimization off the order is
tf.gradients'. Every AddN here has a first input (in either order) that is a feed or a
fresh buffer, so the kernel's buffer forwarding (which moves the first input whose
buffer it can take over to the front) does not reorder it. The model's one-unit logit
layer is a MatMul + BiasAdd that Grappler's remapper fuses (the contraction's fused
multiply-adds, not the plain MatMul's matrix-vector kernel); `fused_column` checks that
product alone, with and without remapping.

Each case returns float32 arrays. Read by tests/test_precsys_addn.py.
"""
from __future__ import absolute_import

import numpy as np

N = 64


def _logits():
    rng = np.random.RandomState(0)
    x = (rng.randn(N, 1) * 3).astype(np.float32)
    y = (rng.rand(N, 1) > 0.5).astype(np.float32)
    return x, y


def _config(tf, arithmetic):
    config = tf.ConfigProto()
    if not arithmetic:
        config.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    return config


def sigmoid_xent_grad(tf, arithmetic=True, reduce="mean"):
    xv, yv = _logits()
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 1])
        y = tf.placeholder(tf.float32, [None, 1])
        ce = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)
        loss = tf.reduce_mean(ce) if reduce == "mean" else tf.reduce_sum(ce)
        g = tf.gradients(loss, x)[0]
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run(g, {x: xv, y: yv})


def named_sums(tf, arithmetic=True):
    """add_n of feeds and computed tensors whose names sort in another order."""
    rng = np.random.RandomState(1)
    vals = [(rng.randn(N) * 10 ** rng.uniform(-3, 3, N)).astype(np.float32)
            for _ in range(4)]
    with tf.Graph().as_default():
        with tf.variable_scope("a"):
            ps = [tf.placeholder(tf.float32, [N], name="p%d" % i) for i in range(4)]
        # first in both orders: a feed (not forwarded) or a fresh buffer (taken over)
        outs = [
            tf.add_n([ps[3], ps[1], ps[2], ps[0]]),
            tf.add_n([tf.negative(ps[0], name="b/neg"), ps[1],
                      tf.negative(ps[2], name="a/neg2"), ps[3]]),
            tf.add_n([tf.multiply(ps[2], 2.0, name="c/mul"),
                      tf.multiply(ps[0], 1.5, name="a/mul"), ps[1]]),
            tf.add_n([ps[0], ps[0], ps[3], ps[1], ps[2]]),
        ]
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run(outs, dict(zip(ps, vals)))


def wide_deep(tf):
    """A wide & deep CTR model on placeholders: losses and predictions over 5 steps."""
    fc = tf.feature_column
    feed_values = {"user": [["u1"], ["u2"], ["u3"], ["u1"]],
                   "item": [["a", "b"], ["c", ""], ["z", "d"], ["a", "a"]],
                   "age": [[17.], [30.], [60.], [25.]]}
    with tf.Graph().as_default():
        tf.set_random_seed(7)
        user = fc.categorical_column_with_hash_bucket("user", 20)
        item = fc.categorical_column_with_vocabulary_list("item", ["a", "b", "c", "d"],
                                                          num_oov_buckets=1)
        ageb = fc.bucketized_column(fc.numeric_column("age"), [18, 25, 35, 50])
        deep = [fc.embedding_column(user, 3,
                                    initializer=tf.truncated_normal_initializer(seed=1)),
                fc.embedding_column(item, 2, combiner="sqrtn",
                                    initializer=tf.truncated_normal_initializer(seed=2)),
                ageb]
        wide = [user, item, fc.crossed_column(["user", "item"], 30), ageb]
        features = {"user": tf.placeholder(tf.string, [None, 1]),
                    "item": tf.placeholder(tf.string, [None, 2]),
                    "age": tf.placeholder(tf.float32, [None, 1])}
        y = tf.placeholder(tf.float32, [None, 1])
        feed = {features[k]: v for k, v in feed_values.items()}
        feed[y] = [[1.], [0.], [1.], [0.]]
        net = fc.input_layer(features, deep)
        hidden = tf.layers.dense(net, 8, tf.nn.relu,
                                 kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        logits = tf.layers.dense(hidden, 1,
                                 kernel_initializer=tf.glorot_uniform_initializer(seed=4)) \
            + fc.linear_model(features, wide)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y,
                                                                      logits=logits))
        wide_vars = [v for v in tf.trainable_variables() if "linear_model" in v.name]
        deep_vars = [v for v in tf.trainable_variables() if "linear_model" not in v.name]
        ftrl = tf.train.FtrlOptimizer(0.2, l1_regularization_strength=0.01,
                                      l2_regularization_strength=0.1)
        train = tf.group(tf.train.AdagradOptimizer(0.1).minimize(loss, var_list=deep_vars),
                         ftrl.minimize(loss, var_list=wide_vars))
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
            losses = [sess.run([loss, train], feed)[0] for _ in range(5)]
            return {"losses": np.array(losses, np.float32),
                    "predictions": sess.run(tf.nn.sigmoid(logits), feed)}


def fused_column(tf, remapping=True):
    """dense(1)-style products: MatMul with one output column + BiasAdd, as Grappler fuses
    them, for depths in one block and in several (Eigen's kc, MKL-DNN's slices)."""
    rng = np.random.RandomState(2)
    out = []
    for m, k in ((4, 8), (64, 33), (3, 7), (128, 300), (8, 401), (6, 450), (5, 1000)):
        a = rng.randn(m, k).astype(np.float32)
        w = rng.randn(k, 1).astype(np.float32)
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, k])
            kernel = tf.placeholder(tf.float32, [k, 1])
            bias = tf.placeholder(tf.float32, [1])
            y = tf.nn.bias_add(tf.matmul(x, kernel), bias)
            yr = tf.nn.relu(tf.nn.bias_add(tf.matmul(x * 2.0, kernel), bias))
            config = tf.ConfigProto()
            if not remapping:
                config.graph_options.rewrite_options.remapping = 2   # OFF
            with tf.Session(config=config) as sess:
                out.append(sess.run([y, yr], {x: a, kernel: w, bias: [0.25]}))
    return out


def cases(tf):
    return {
        "sigmoid_xent_grad": sigmoid_xent_grad(tf),
        "sigmoid_xent_grad_sum": sigmoid_xent_grad(tf, reduce="sum"),
        "sigmoid_xent_grad_arithmetic_off": sigmoid_xent_grad(tf, arithmetic=False),
        "named_sums": named_sums(tf),
        "named_sums_arithmetic_off": named_sums(tf, arithmetic=False),
        "wide_deep": wide_deep(tf),
        "fused_column": fused_column(tf),
        "fused_column_remapping_off": fused_column(tf, remapping=False),
    }
