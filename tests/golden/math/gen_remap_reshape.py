"""Grappler's remapper through a Reshape to the same shape (made on an Intel Xeon, its case
"vendor"): a float32 MatMul with one output column read by a Reshape that a BiasAdd reads
runs as _FusedMatMul in TF 1.14 (the arithmetic optimizer / constant folding remove the
Reshape in the first round, the remapper fuses in the second): the contraction's sums, not
the matrix-vector kernel's. tf.contrib.layers' weighted_sum_from_feature_columns reshapes its
sum to [-1, num_outputs] before its BiasAdd, so contrib.learn's linear models train on the
fused logits. Fused: a constant input reshaped to [-1, 1] or [rows, 1], a placeholder of
unknown batch fed; not fused: the Reshape fetched, or read twice, or to another shape. Trained
on a sigmoid loss of constant labels: fused under tf.gradients (contrib.learn's linear
_train_op_fn), not under Optimizer.minimize, whose gate on the `logits * labels` gradient
gives the BiasAdd a control edge out before the Reshape is gone."""
import numpy as np
from goldenio import host_vendor


def _raw(tf, rng):
    out = {}
    with tf.Graph().as_default():
        xv = rng.randn(40, 37).astype(np.float32)
        x = tf.constant(xv)
        xp = tf.placeholder(tf.float32, [None, 37])
        w = tf.Variable(rng.randn(37, 1).astype(np.float32))
        b = tf.Variable(rng.randn(1).astype(np.float32))
        b2 = tf.Variable(rng.randn(2).astype(np.float32))
        same = tf.reshape(tf.matmul(x, w), [-1, 1])
        rows = tf.reshape(tf.matmul(x, w), [40, 1])
        fed = tf.reshape(tf.matmul(xp, w), [-1, 1])
        twice = tf.reshape(tf.matmul(x, w), [-1, 1])
        other = tf.reshape(tf.matmul(x, w), [-1, 2])
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            out["reshape_minus_one"] = s.run(tf.nn.bias_add(same, b))
            out["reshape_rows"] = s.run(tf.nn.bias_add(rows, b))
            out["reshape_fed"] = s.run(tf.nn.bias_add(fed, b), {xp: xv})
            out["reshape_fetched"] = s.run([tf.nn.bias_add(same, b), same])
            out["reshape_read_twice"] = s.run([tf.nn.bias_add(twice, b), twice * 2.0])
            out["reshape_other_shape"] = s.run(tf.nn.bias_add(other, b2))
    return out


def _weighted_sum_training(tf, rng, gated):
    """5 gradient-descent steps of a sigmoid loss over weighted_sum_from_feature_columns
    (contrib.learn's LinearClassifier's logits), the variables' bits after each; `gated`:
    Optimizer.minimize, else tf.gradients then apply_gradients."""
    xs = rng.randn(16, 8).astype(np.float32)
    ys = (rng.rand(16, 1) > 0.5).astype(np.float32)
    steps = []
    with tf.Graph().as_default():
        col = tf.contrib.layers.real_valued_column("x", dimension=8)
        logits, _, bias = tf.contrib.layers.weighted_sum_from_feature_columns(
            {"x": tf.constant(xs)}, [col], num_outputs=1)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=ys, logits=logits))
        opt = tf.train.GradientDescentOptimizer(0.5)
        if gated:
            train = opt.minimize(loss)
        else:
            variables = tf.trainable_variables()
            train = opt.apply_gradients(zip(tf.gradients(loss, variables), variables))
        names = sorted(v.op.name for v in tf.trainable_variables())
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(5):
                s.run(train)
                steps.append(s.run(sorted(tf.trainable_variables(), key=lambda v: v.op.name)))
            final = s.run(logits)
    return {"names": names, "steps": steps, "logits": final}


def cases(tf):
    rng = np.random.RandomState(23)
    out = _raw(tf, rng)
    out["weighted_sum_gradients"] = _weighted_sum_training(tf, rng, False)
    out["weighted_sum_minimize"] = _weighted_sum_training(tf, rng, True)
    out["vendor"] = host_vendor()
    return out
