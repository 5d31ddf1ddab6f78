"""TF 1.14's tf.keras.experimental learning-rate schedules (CosineDecay,
CosineDecayRestarts, LinearCosineDecay, NoisyLinearCosineDecay): values over steps, the
op types they build, configs, serialization round trips, and an optimizer driven by one.

    python tools/goldens.py regen keras/schedules
"""
import numpy as np


def _schedules(tf):
    E = tf.keras.experimental
    return [("cosine", E.CosineDecay(0.5, 10)),
            ("cosine_alpha", E.CosineDecay(0.5, 10, alpha=0.1, name="cos")),
            ("restarts", E.CosineDecayRestarts(1.0, 4)),
            ("restarts_mul", E.CosineDecayRestarts(1.0, 3, t_mul=1.5, m_mul=0.5, alpha=0.05)),
            ("restarts_t1", E.CosineDecayRestarts(1.0, 3, t_mul=1.0)),
            ("linear", E.LinearCosineDecay(0.2, 12)),
            ("linear_args", E.LinearCosineDecay(0.2, 12, num_periods=2., alpha=0.1, beta=0.01)),
            ("noisy_config", E.NoisyLinearCosineDecay(0.2, 12, initial_variance=0.)),
            ("noisy_args", E.NoisyLinearCosineDecay(0.3, 8, 0., 0.3, 1.5, 0.2, 0.02, "n"))]


def schedules(tf):
    out = {}
    for name, sched in _schedules(tf):
        with tf.Graph().as_default():
            step = tf.placeholder(tf.int64, [])
            before = len(tf.get_default_graph().get_operations())
            lr = sched(step)
            ops = [op.type for op in tf.get_default_graph().get_operations()[before:]]
            with tf.Session() as sess:
                values = [float(sess.run(lr, {step: s})) for s in range(0, 26, 3)]
        config = sched.get_config()
        back = tf.keras.optimizers.schedules.deserialize(
            tf.keras.optimizers.schedules.serialize(sched))
        out[name] = {"values": values, "ops": ops, "lr_name": lr.name, "config": config,
                     "round_trip": [type(back).__name__, back.get_config() == config]}
    return out


def optimizer(tf):
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([tf.keras.layers.Dense(
                1, input_shape=(2,), kernel_initializer="ones", bias_initializer="zeros")])
            opt = tf.keras.optimizers.SGD(tf.keras.experimental.CosineDecay(0.1, 4))
            m.compile(opt, "mse")
            x = np.array([[1., 2.], [3., 4.]], dtype="float32")
            y = np.array([[1.], [2.]], dtype="float32")
            h = m.fit(x, y, batch_size=1, epochs=3, verbose=0, shuffle=False)
            return {"loss": [float(v) for v in h.history["loss"]],
                    "weights": m.get_weights(),
                    "config": opt.get_config()["learning_rate"]}


def cases(tf):
    return {"schedules": schedules(tf), "optimizer": optimizer(tf),
            "terminate": tf.keras.experimental.terminate_keras_multiprocessing_pools()}
