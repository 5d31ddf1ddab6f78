"""session_config passed through the front ends: MonitoredTrainingSession(config=...) with
a checkpoint-free run, tf.estimator.RunConfig(session_config=..., tf_random_seed) on a
small Estimator (its config's fields read back), and a Keras model trained under
tf.keras.backend.set_session(tf.Session(config=...)); values at full precision."""
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(8)
XV = np.random.randn(32, 6).astype(np.float32)
YV = (XV[:, :1] * 0.7 - XV[:, 1:2] * 0.2 + 0.1).astype(np.float32)

cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False,
                     intra_op_parallelism_threads=2, inter_op_parallelism_threads=2)
cfg.gpu_options.allow_growth = True

# 1. MonitoredTrainingSession
with tf.Graph().as_default():
    tf.set_random_seed(3)
    gs = tf.train.get_or_create_global_step()
    x = tf.constant(XV)
    y = tf.constant(YV)
    pred = tf.layers.dense(x, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    loss = tf.losses.mean_squared_error(y, pred)
    step = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs)
    hooks = [tf.train.StopAtStepHook(last_step=5)]
    out = []
    with tf.train.MonitoredTrainingSession(config=cfg, hooks=hooks,
                                           save_checkpoint_secs=None,
                                           save_summaries_steps=None,
                                           log_step_count_steps=None) as mon:
        while not mon.should_stop():
            out.append(mon.run([loss, step, gs])[0])
    print("mts", [repr(float(v)) for v in out])

# 2. Estimator RunConfig
rc = tf.estimator.RunConfig(session_config=cfg, tf_random_seed=21, save_checkpoints_secs=None,
                            save_checkpoints_steps=1000, log_step_count_steps=None,
                            save_summary_steps=None)
print("rc", rc.tf_random_seed, rc.session_config.allow_soft_placement,
      rc.session_config.gpu_options.allow_growth, rc.session_config.intra_op_parallelism_threads,
      rc.save_checkpoints_secs, rc.keep_checkpoint_max)


def model_fn(features, labels, mode):
    p = tf.layers.dense(features["x"], 1,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=5))
    lv = tf.losses.mean_squared_error(labels, p)
    t = tf.train.GradientDescentOptimizer(0.1).minimize(
        lv, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=lv, train_op=t, predictions=p)


def input_fn():
    return tf.data.Dataset.from_tensor_slices(({"x": XV}, YV)).batch(8).repeat(2)


with tempfile.TemporaryDirectory() as model_dir:
    est = tf.estimator.Estimator(model_fn, model_dir=model_dir, config=rc)
    est.train(input_fn, steps=6)
    print("est", sorted(est.get_variable_names()))
    w = est.get_variable_value("dense/kernel")
    print("est w", repr(w.reshape(-1).tolist()),
          repr(float(est.get_variable_value("dense/bias")[0])))

# 3. Keras with set_session
tf.keras.backend.clear_session()
tf.set_random_seed(4)
tf.keras.backend.set_session(tf.Session(config=cfg))
glorot = tf.keras.initializers.glorot_uniform
m = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu", input_shape=(6,),
                                               kernel_initializer=glorot(seed=2)),
                         tf.keras.layers.Dense(1, kernel_initializer=glorot(seed=3))])
m.compile(tf.train.GradientDescentOptimizer(0.05), "mse")
h = m.fit(XV, YV, batch_size=8, epochs=2, verbose=0, shuffle=False)
print("keras", [repr(float(v)) for v in h.history["loss"]])
