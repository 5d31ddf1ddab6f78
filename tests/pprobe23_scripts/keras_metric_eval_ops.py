"""A custom model_fn whose eval_metric_ops mix tf.keras.metrics objects (MeanSquaredError,
MeanAbsoluteError after update_state) with tf.metrics and tf.contrib.metrics tuples (TF
1.14's EstimatorSpec turns each Metric into (result(), updates[0]) and adds its variables
to LOCAL_VARIABLES / METRIC_VARIABLES); a Huber loss, Adadelta, a StopAtStepHook training
hook that ends training early, train with max_steps already reached, predictions that are
one tensor, and the errors of a Metric never updated, a missing train_op and an unknown
variable name."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(2)
X = rng.randn(20, 2).astype(np.float32)
Y = (X[:, :1] - X[:, 1:]).astype(np.float32)
SEEN = []


def input_fn():
    return tf.data.Dataset.from_tensor_slices((X, Y)).repeat().batch(5)


def model_fn(features, labels, mode, params):
    pred = tf.layers.dense(features, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4),
                           name="d")
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=pred)
    loss = tf.losses.huber_loss(labels, pred, delta=0.5)
    if mode == tf.estimator.ModeKeys.EVAL:
        kmse = tf.keras.metrics.MeanSquaredError()
        kmse.update_state(labels, pred)
        kmae = tf.keras.metrics.MeanAbsoluteError(name="kmae")
        kmae.update_state(labels, pred)
        m = {"kmse": kmse, "kmae": kmae, "mse": tf.metrics.mean_squared_error(labels, pred),
             "pc": tf.contrib.metrics.streaming_pearson_correlation(pred, labels)}
        if params["idle"]:
            m["idle"] = tf.keras.metrics.Mean(name="idle")
        spec = tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=m)
        g = tf.get_default_graph()
        SEEN.append([(k, spec.eval_metric_ops[k][0].name, spec.eval_metric_ops[k][1].name)
                     for k in sorted(spec.eval_metric_ops)])
        SEEN.append(sorted(v.name for v in g.get_collection(tf.GraphKeys.LOCAL_VARIABLES)))
        SEEN.append(sorted(v.name for v in g.get_collection(tf.GraphKeys.METRIC_VARIABLES)))
        SEEN.append(len(g.get_operations()))
        return spec
    if params["no_train_op"]:
        return tf.estimator.EstimatorSpec(mode, loss=loss)
    tr = tf.train.AdadeltaOptimizer(1.0).minimize(loss, tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=tr,
                                      training_hooks=[tf.train.StopAtStepHook(last_step=7)])


d = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(tf_random_seed=1)
est = tf.estimator.Estimator(model_fn, os.path.join(d, "m"), config=cfg,
                             params={"idle": False, "no_train_op": False})
est.train(input_fn, steps=20)
print(os.path.basename(est.latest_checkpoint()))
est.train(input_fn, max_steps=5)
print(os.path.basename(est.latest_checkpoint()))
r = est.evaluate(input_fn, steps=2)
print([(k, repr(float(r[k]))) for k in sorted(r)])
for line in SEEN:
    print(line)
p = list(est.predict(lambda: tf.data.Dataset.from_tensor_slices(X[:3]).batch(2)))
print(repr([float(v[0]) for v in p]))
for params in ({"idle": True, "no_train_op": False}, {"idle": False, "no_train_op": True}):
    try:
        e2 = tf.estimator.Estimator(model_fn, est.model_dir, config=cfg, params=params)
        e2.evaluate(input_fn, steps=1) if params["idle"] else e2.train(input_fn, steps=1)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    est.get_variable_value("nope")
except tf.errors.NotFoundError as e:
    print(type(e).__name__, e)
shutil.rmtree(d)
