"""The errors TF1 estimator users meet, as TF 1.14 raises them: EstimatorSpec without a
loss or train_op in TRAIN, predictions that are not Tensors, eval_metric_ops that are not
(value, update) pairs, export_outputs of the wrong type, a model_fn with a bad signature,
params given twice, RunConfig's argument checks, numpy_input_fn's checks, evaluate and
predict before any checkpoint; and what a good spec keeps (mode, predictions, ops)."""
import re
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
np.random.seed(1)
tf.set_random_seed(1)
d = tempfile.mkdtemp()
X = np.random.RandomState(2).randn(8, 2).astype(np.float32)
Y = X.sum(axis=1, keepdims=True).astype(np.float32)


def attempt(f):
    try:
        r = f()
        print("ok", type(r).__name__)
    except Exception as ex:
        # no addresses or temporary paths printed
        print(type(ex).__name__, re.sub(" at 0x[0-9a-f]+", "", str(ex)).replace(d, "DIR"))


M = tf.estimator.ModeKeys
print(M.TRAIN, M.EVAL, M.PREDICT)
with tf.Graph().as_default():
    x = tf.constant(X)
    w = tf.get_variable("w", [2, 1], initializer=tf.ones_initializer())
    out = tf.matmul(x, w)
    loss = tf.reduce_mean(tf.square(out - Y))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    spec = tf.estimator.EstimatorSpec(M.TRAIN, loss=loss, train_op=train_op,
                                      predictions={"y": out})
    print(spec.mode, spec.loss.name, spec.train_op.name, sorted(spec.predictions),
          spec.eval_metric_ops, spec.export_outputs, spec.training_hooks,
          type(spec.scaffold).__name__)
    spec = tf.estimator.EstimatorSpec(M.PREDICT, predictions=out)
    print(spec.predictions.name, sorted(spec.export_outputs),
          type(spec.export_outputs["serving_default"]).__name__)
    attempt(lambda: tf.estimator.EstimatorSpec(M.TRAIN, loss=loss))
    attempt(lambda: tf.estimator.EstimatorSpec(M.TRAIN, train_op=train_op))
    attempt(lambda: tf.estimator.EstimatorSpec(M.EVAL))
    attempt(lambda: tf.estimator.EstimatorSpec(M.PREDICT))
    attempt(lambda: tf.estimator.EstimatorSpec("bogus", predictions=out))
    attempt(lambda: tf.estimator.EstimatorSpec(M.PREDICT, predictions={"y": [1.0]}))
    attempt(lambda: tf.estimator.EstimatorSpec(M.EVAL, loss=tf.constant([1.0, 2.0])))
    attempt(lambda: tf.estimator.EstimatorSpec(M.EVAL, loss=loss,
                                               eval_metric_ops={"m": out}))
    attempt(lambda: tf.estimator.EstimatorSpec(M.EVAL, loss=loss,
                                               eval_metric_ops={"m": (out, out, out)}))
    attempt(lambda: tf.estimator.EstimatorSpec(M.PREDICT, predictions=out,
                                               export_outputs={"a": out}))
    attempt(lambda: tf.estimator.EstimatorSpec(M.PREDICT, predictions=out,
                                               export_outputs={
                                                   "a": tf.estimator.export.PredictOutput(out)}))
    attempt(lambda: tf.estimator.EstimatorSpec(M.TRAIN, loss=loss, train_op=train_op,
                                               training_hooks=[object()]))
    attempt(lambda: tf.estimator.export.PredictOutput([out]))
    attempt(lambda: tf.estimator.export.ClassificationOutput())
    attempt(lambda: tf.estimator.export.RegressionOutput(tf.constant([1, 2])))
with tf.Graph().as_default():
    a = tf.constant(1.0)
with tf.Graph().as_default():
    attempt(lambda: tf.estimator.EstimatorSpec(M.PREDICT, predictions=a))


def model_fn(features, labels, mode, params):
    out = tf.layers.dense(features["x"], 1, use_bias=False,
                          kernel_initializer=tf.constant_initializer(0.5))
    if mode == M.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"y": out})
    loss = tf.losses.mean_squared_error(labels, out)
    return tf.estimator.EstimatorSpec(
        mode, loss=loss, train_op=tf.train.GradientDescentOptimizer(params["lr"]).minimize(
            loss, tf.train.get_global_step()))


attempt(lambda: tf.estimator.Estimator(lambda features, mode, extra: None))
attempt(lambda: tf.estimator.Estimator(lambda features, labels: None, params={"a": 1}))
attempt(lambda: tf.estimator.Estimator(model_fn, params=[1]))
attempt(lambda: tf.estimator.Estimator(model_fn, model_dir="/a", config=tf.estimator.RunConfig(
    model_dir="/b")))
attempt(lambda: tf.estimator.RunConfig(save_checkpoints_steps=5, save_checkpoints_secs=5))
attempt(lambda: tf.estimator.RunConfig(keep_checkpoint_max=-1))
attempt(lambda: tf.estimator.RunConfig(tf_random_seed=1.5))
attempt(lambda: tf.estimator.RunConfig(save_summary_steps=-2))
attempt(lambda: tf.estimator.RunConfig(log_step_count_steps=0))
attempt(lambda: tf.estimator.RunConfig(session_config=1))
cfg = tf.estimator.RunConfig().replace(tf_random_seed=3, save_checkpoints_steps=2)
print(cfg.tf_random_seed, cfg.save_checkpoints_steps, cfg.save_checkpoints_secs,
      cfg.keep_checkpoint_max, cfg.log_step_count_steps)
attempt(lambda: cfg.replace(bogus=1))
attempt(lambda: tf.estimator.inputs.numpy_input_fn(X, Y))
attempt(lambda: tf.estimator.inputs.numpy_input_fn({"x": X}, Y, shuffle=None))
attempt(lambda: tf.estimator.inputs.numpy_input_fn({"x": X}, Y[:3], shuffle=False)())
attempt(lambda: tf.estimator.inputs.numpy_input_fn({"x": X}, {"x": Y}, shuffle=False)())
attempt(lambda: tf.estimator.inputs.numpy_input_fn({}, Y, shuffle=False)())
est = tf.estimator.Estimator(model_fn, model_dir=d, params={"lr": 0.1},
                             config=tf.estimator.RunConfig(tf_random_seed=2))
inp = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=4, num_epochs=1, shuffle=False)
attempt(lambda: est.evaluate(inp))
attempt(lambda: next(est.predict(inp)))
attempt(lambda: est.latest_checkpoint())
attempt(lambda: est.train(inp, steps=-1))
attempt(lambda: est.train(inp, max_steps=0))
attempt(lambda: est.train(lambda: (X, Y, 1)))
est.train(inp)
print(est.get_variable_value("global_step"),
      est.get_variable_value("dense/kernel").ravel().tolist())
attempt(lambda: est.train(inp, max_steps=1))
print(est.get_variable_value("global_step"))
attempt(lambda: next(est.predict(inp, predict_keys=["z"])))
attempt(lambda: est.get_variable_value("nope"))
attempt(lambda: list(est.predict(inp, checkpoint_path=d + "/model.ckpt-99")))
shutil.rmtree(d)
