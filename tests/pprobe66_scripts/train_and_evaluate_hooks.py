"""tf.estimator.train_and_evaluate with TrainSpec / EvalSpec over tf.data input_fns with
seeded shuffles, hooks as TF1 repositories pass them: LoggingTensorHook, StopAtStepHook,
a custom SessionRunHook that records the loss each step, the eval's throttling and the
final export by an exporter; the model dir's files listed."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
np.random.seed(7)
tf.set_random_seed(7)
rs = np.random.RandomState(3)
X = rs.randn(96, 3).astype(np.float32)
Y = (X.dot(np.array([[1.0], [-2.0], [0.5]], np.float32)) + 0.1).astype(np.float32)


def train_input_fn():
    ds = tf.data.Dataset.from_tensor_slices(({"x": X}, Y))
    return ds.shuffle(96, seed=11).repeat().batch(8)


def eval_input_fn():
    return tf.data.Dataset.from_tensor_slices(({"x": X[:32]}, Y[:32])).batch(16)


def model_fn(features, labels, mode):
    net = tf.layers.dense(features["x"], 6, activation=tf.nn.tanh,
                          kernel_initializer=tf.truncated_normal_initializer(stddev=0.5, seed=1))
    net = tf.layers.dropout(net, 0.25, training=mode == tf.estimator.ModeKeys.TRAIN, seed=2)
    out = tf.layers.dense(net, 1, kernel_initializer=tf.truncated_normal_initializer(seed=2))
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(
            mode, predictions={"y": out},
            export_outputs={"pred": tf.estimator.export.RegressionOutput(out)})
    loss = tf.losses.mean_squared_error(labels, out)
    tf.identity(loss, name="loss_value")
    rmse = tf.metrics.root_mean_squared_error(labels, out)
    mae = tf.metrics.mean_absolute_error(labels, out)
    train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(
        loss, global_step=tf.train.get_or_create_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op,
                                      eval_metric_ops={"rmse": rmse, "mae": mae})


class LossRecorder(tf.train.SessionRunHook):
    def __init__(self):
        self.losses = []
        self.calls = []

    def begin(self):
        self.calls.append("begin")
        self._loss = tf.get_default_graph().get_tensor_by_name("loss_value:0")
        self._gs = tf.train.get_global_step()

    def after_create_session(self, session, coord):
        self.calls.append("after_create_session")

    def before_run(self, run_context):
        return tf.train.SessionRunArgs({"loss": self._loss, "gs": self._gs})

    def after_run(self, run_context, run_values):
        r = run_values.results
        self.losses.append((int(r["gs"]), round(float(r["loss"]), 5)))
        if r["gs"] >= 17:
            run_context.request_stop()

    def end(self, session):
        self.calls.append("end")


d = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(tf_random_seed=19, save_checkpoints_steps=10,
                             keep_checkpoint_max=3, save_summary_steps=5)
est = tf.estimator.Estimator(model_fn, model_dir=d, config=cfg)
rec = LossRecorder()
log_hook = tf.train.LoggingTensorHook({"loss": "loss_value"}, every_n_iter=5)
print(type(log_hook).__name__, isinstance(log_hook, tf.train.SessionRunHook))
train_spec = tf.estimator.TrainSpec(train_input_fn, max_steps=25, hooks=[rec, log_hook])
feat = {"x": tf.placeholder(tf.float32, [None, 3], name="x")}
serving = tf.estimator.export.build_raw_serving_input_receiver_fn(feat)
exporter = tf.estimator.FinalExporter("final", serving)
eval_spec = tf.estimator.EvalSpec(eval_input_fn, steps=None, name="val",
                                  exporters=[exporter], throttle_secs=0, start_delay_secs=0)
print(train_spec.max_steps, eval_spec.steps, eval_spec.name, eval_spec.throttle_secs,
      [e.name for e in eval_spec.exporters])
result = tf.estimator.train_and_evaluate(est, train_spec, eval_spec)
print(type(result).__name__, None if result is None else len(result))
metrics = result[0] if result is not None else None
print(rec.calls)
print(rec.losses)
print(sorted(metrics), {k: repr(float(v)) for k, v in sorted(metrics.items())})
print(est.get_variable_value("global_step"))
print(sorted(f for f in os.listdir(d) if f.endswith(".index")))
print(sorted(f for f in os.listdir(d) if not f.startswith(("events", "model.ckpt", "graph"))))
print(os.path.isdir(os.path.join(d, "export")))  # stopped by the hook before max_steps
rec2 = LossRecorder()
est.train(train_input_fn, hooks=[rec2, tf.train.StopAtStepHook(num_steps=4)])
print(rec2.losses, est.get_variable_value("global_step"))
est.train(train_input_fn, hooks=[tf.train.StopAtStepHook(last_step=32)])
print(est.get_variable_value("global_step"))
est.train(train_input_fn, max_steps=32)
print(est.get_variable_value("global_step"))
for bad in [lambda: tf.train.StopAtStepHook(num_steps=2, last_step=3),
            lambda: tf.estimator.TrainSpec(train_input_fn, max_steps=0),
            lambda: tf.estimator.EvalSpec(eval_input_fn, steps=0),
            lambda: tf.estimator.EvalSpec(eval_input_fn, throttle_secs=-1),
            lambda: tf.estimator.TrainSpec(train_input_fn, hooks=[1]),
            lambda: est.train(train_input_fn, steps=2, max_steps=3)]:
    try:
        bad()
        print("no error")
    except Exception as ex:
        print(type(ex).__name__, ex)
shutil.rmtree(d)
