"""A custom regression model_fn fed by a tf.data.Dataset.from_generator input_fn, run by
tf.estimator.train_and_evaluate (TrainSpec max_steps, EvalSpec steps, throttle_secs=0) with
eval_metric_ops from tf.metrics.mean_absolute_error / root_mean_squared_error / mean."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
tf.set_random_seed(3)

rng = np.random.RandomState(11)
X = rng.randn(64, 3).astype(np.float32)
# elementwise in float64, not X.dot (NumPy's BLAS products differ in the last bits)
Y = (0.5 * X[:, :1].astype(np.float64) - 1.25 * X[:, 1:2] + 2.0 * X[:, 2:]
     + 0.1 * rng.randn(64, 1)).astype(np.float32)


def gen():
    for i in range(len(X)):
        yield {"x": X[i]}, Y[i]


def input_fn(repeat):
    ds = tf.data.Dataset.from_generator(
        gen, ({"x": tf.float32}, tf.float32), ({"x": tf.TensorShape([3])}, tf.TensorShape([1])))
    if repeat:
        ds = ds.repeat()
    return ds.batch(8)


def model_fn(features, labels, mode, params):
    h = tf.layers.dense(features["x"], 6, activation=tf.nn.tanh,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=1), name="h")
    pred = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2),
                           name="out")
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"y": pred, "h": h})
    loss = tf.losses.mean_squared_error(labels, pred)
    metrics = {"mae": tf.metrics.mean_absolute_error(labels, pred),
               "rmse": tf.metrics.root_mean_squared_error(labels, pred),
               "mean_pred": tf.metrics.mean(pred)}
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=metrics)
    opt = tf.train.MomentumOptimizer(params["lr"], 0.9)
    train_op = opt.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


workdir = tempfile.mkdtemp()
est = tf.estimator.Estimator(
    model_fn, model_dir=os.path.join(workdir, "m"), params={"lr": 0.05},
    config=tf.estimator.RunConfig(tf_random_seed=5, save_checkpoints_steps=20))
train_spec = tf.estimator.TrainSpec(lambda: input_fn(True), max_steps=60)
eval_spec = tf.estimator.EvalSpec(lambda: input_fn(False), steps=4, throttle_secs=0,
                                  start_delay_secs=0)
res = tf.estimator.train_and_evaluate(est, train_spec, eval_spec)
metrics = res[0] if isinstance(res, tuple) else res
for k in sorted(metrics):
    print(k, repr(float(metrics[k])) if k != "global_step" else int(metrics[k]))
preds = list(est.predict(lambda: input_fn(False)))
print(len(preds), sorted(preds[0]))
ys = np.stack([p["y"] for p in preds])
print(repr(ys[:4].ravel().tolist()))
print(hashlib.md5(ys.tobytes()).hexdigest())
print(hashlib.md5(np.stack([p["h"] for p in preds]).tobytes()).hexdigest())
print(sorted(n for n in est.get_variable_names()))
print(repr(est.get_variable_value("out/bias").tolist()))
ckpts = tf.train.get_checkpoint_state(est.model_dir).all_model_checkpoint_paths
print(sorted(os.path.basename(p) for p in ckpts))
print(sorted(d for d in os.listdir(est.model_dir) if not d.startswith("events")))
shutil.rmtree(workdir)
