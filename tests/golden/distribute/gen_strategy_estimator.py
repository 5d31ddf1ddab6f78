"""TF 1.14's Estimator.train with RunConfig(train_distribute=...) on a CPU-only machine:
OneDeviceStrategy("/cpu:0") and MirroredStrategy() (one device) against no strategy: the
variables after training (names, values), the global step, and the keys of the
checkpoint written.

    python tools/goldens.py regen distribute/strategy_estimator
"""
import shutil
import tempfile

import numpy as np


def _input_fn(tf, seen=None):
    rng = np.random.RandomState(3)
    x = rng.randn(16, 3).astype(np.float32)
    y = x.dot(np.array([[1.0], [-2.0], [0.5]], np.float32)) + 0.25

    def input_fn(input_context=None):
        if seen is not None:
            seen.append(None if input_context is None else [
                input_context.num_input_pipelines, input_context.input_pipeline_id,
                input_context.num_replicas_in_sync])
        return tf.data.Dataset.from_tensor_slices(({"x": x}, y)).repeat().batch(4)
    return input_fn


def _model_fn(tf, seen=None):
    def model_fn(features, labels, mode):
        w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
        pred = tf.matmul(features["x"], w) + b
        loss = tf.losses.mean_squared_error(labels, pred)
        if mode == tf.estimator.ModeKeys.EVAL:
            if seen is not None:
                seen.append(["eval", tf.distribute.has_strategy(),
                             [type(v).__name__ for v in (w, b)]])
            return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={
                "mae": tf.metrics.mean_absolute_error(labels, pred),
                "rmse": tf.metrics.root_mean_squared_error(labels, pred)})
        if seen is not None:
            seen.append([str(tf.distribute.get_loss_reduction()),
                         tf.distribute.in_cross_replica_context(),
                         tf.distribute.has_strategy(), [type(v).__name__ for v in (w, b)]])
        opt = tf.train.GradientDescentOptimizer(0.1)
        train = opt.minimize(loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train)
    return model_fn


def _recorder(tf):
    class Recorder(tf.train.SessionRunHook):
        """The training graph as the hooks see it (begin: after the scaffold is made)."""

        def begin(self):
            self.ops = [[o.name, o.type, o.device]
                        for o in tf.get_default_graph().get_operations()]
    return Recorder()


def graph_ops(tf, kind):
    """The ops of one distributed training graph (an Estimator with train_distribute)."""
    model_dir = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(model_dir=model_dir, train_distribute=_strategy(tf, kind),
                                        tf_random_seed=1, log_step_count_steps=None,
                                        save_summary_steps=1000)
        est = tf.estimator.Estimator(_model_fn(tf), config=config)
        rec = _recorder(tf)
        est.train(_input_fn(tf), steps=1, hooks=[rec])
        return rec.ops
    finally:
        shutil.rmtree(model_dir, ignore_errors=True)


def _strategy(tf, kind):
    if kind == "one_device":
        return tf.distribute.OneDeviceStrategy("/cpu:0")
    if kind == "mirrored":
        return tf.distribute.MirroredStrategy()
    return None


def train(tf, kind):
    model_dir = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(model_dir=model_dir, train_distribute=_strategy(tf, kind),
                                        tf_random_seed=1, log_step_count_steps=None,
                                        save_summary_steps=1000)
        seen_model, seen_input = [], []
        est = tf.estimator.Estimator(_model_fn(tf, seen_model), config=config)
        est.train(_input_fn(tf, seen_input), steps=7)
        names = sorted(est.get_variable_names())
        out = {"names": names, "values": {n: est.get_variable_value(n) for n in names},
               "in_model_fn": seen_model, "input_context": seen_input}
        config = config.replace(eval_distribute=_strategy(tf, kind))
        est = tf.estimator.Estimator(_model_fn(tf, seen_model), config=config)
        out["eval"] = est.evaluate(_input_fn(tf, seen_input), steps=3)
        try:
            out["linear"] = _linear(tf, kind)
        except ValueError as e:
            # TF 1.14's Ftrl slots colocate with a MirroredVariable's handle in the
            # cross-replica context, which it refuses
            out["linear_error"] = [type(e).__name__, str(e)]
        return out
    finally:
        shutil.rmtree(model_dir, ignore_errors=True)


def _linear(tf, kind):
    model_dir = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(model_dir=model_dir, train_distribute=_strategy(tf, kind),
                                        tf_random_seed=1, log_step_count_steps=None,
                                        save_summary_steps=1000)
        est = tf.estimator.LinearRegressor([tf.feature_column.numeric_column("x", [3])],
                                           config=config)
        est.train(_input_fn(tf), steps=5)
        names = sorted(est.get_variable_names())
        return {n: est.get_variable_value(n) for n in names}
    finally:
        shutil.rmtree(model_dir, ignore_errors=True)


def cases(tf):
    out = {kind: train(tf, kind) for kind in ("none", "one_device", "mirrored")}
    for kind in ("one_device", "mirrored"):
        out["graph_" + kind] = graph_ops(tf, kind)
    return out
