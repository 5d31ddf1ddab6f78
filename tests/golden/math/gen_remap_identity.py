"""Grappler's remapper through an Identity: a float32 MatMul with one output column read by an
Identity that a BiasAdd reads (linear_model's weighted_sum_no_bias, tf.identity) runs as
_FusedMatMul in TF 1.14 (the dependency optimizer removes the Identity in the first round,
the remapper fuses in the second): the contraction's sums, not the matrix-vector kernel's.
Not fused: the Identity fetched, or read twice, or a BiasAdd with a control edge out (a
K.function's first output, which its updates group waits for: a Keras model's linear
Dense(1) output in predict)."""
import numpy as np


def cases(tf):
    rng = np.random.RandomState(17)
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(rng.randn(6, 3).astype(np.float32))
        xl = tf.constant(rng.randn(40, 37).astype(np.float32))
        fc = [tf.feature_column.numeric_column("x", shape=[3])]
        lm = tf.feature_column.linear_model({"x": x}, fc)
        w, b = tf.trainable_variables()
        wl = tf.Variable(rng.randn(37, 1).astype(np.float32))
        bl = tf.Variable(rng.randn(1).astype(np.float32))
        ident = tf.identity(tf.matmul(xl, wl))
        through = tf.nn.bias_add(ident, bl)
        twice = tf.nn.bias_add(tf.identity(tf.matmul(xl, wl)), bl)
        twice_other = tf.identity(twice.op.inputs[0]) * 2.0
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(4):
                s.run([w.assign(rng.randn(3, 1).astype(np.float32)),
                       b.assign(rng.randn(1).astype(np.float32))])
                out["linear_model_%d" % i] = s.run(lm)
            out["identity"] = s.run(through)
            out["identity_fetched"] = s.run([through, ident])
            out["identity_read_twice"] = s.run([twice, twice_other])
            plain = tf.nn.bias_add(tf.matmul(xl, wl), bl)
            with tf.control_dependencies([plain]):
                waits = tf.no_op()
            out["bias_add_fused"] = s.run(plain)
            out["bias_add_control_out"] = s.run([plain, waits])[0]
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        m = tf.keras.Sequential([tf.keras.layers.Dense(6, activation="relu", input_shape=(37,)),
                                 tf.keras.layers.Dense(1)])
        xv = rng.randn(18, 37).astype(np.float32)
        out["keras_predict"] = m.predict(xv)
        out["keras_output_run"] = tf.keras.backend.get_session().run(m.output, {m.input: xv})
    return out
