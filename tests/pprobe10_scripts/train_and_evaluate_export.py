"""tf.estimator.train_and_evaluate with TrainSpec (max_steps) and EvalSpec (steps, throttle
off) on a custom model_fn (tf.layers dense, GradientDescent, eval metrics accuracy and
mean), then export_saved_model with a raw serving input receiver, loaded back with
tf.saved_model.loader and run on a batch; the export's signature keys."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(29)
X = rs.randn(48, 3).astype(np.float32)
Y = (X.sum(1) > 0).astype(np.int64)


def model_fn(features, labels, mode, params):
    h = tf.layers.dense(features["x"], params["units"], tf.nn.tanh, name="h")
    logits = tf.layers.dense(h, 2, name="logits")
    classes = tf.argmax(logits, 1)
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"classes": classes,
                                                             "logits": logits})
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={
            "acc": tf.metrics.accuracy(labels, classes),
            "mean_logit": tf.metrics.mean(logits)})
    opt = tf.train.GradientDescentOptimizer(params["lr"])
    train = opt.minimize(loss, tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train)


d = tempfile.mkdtemp()
try:
    est = tf.estimator.Estimator(model_fn, model_dir=os.path.join(d, "m"),
                                 params={"units": 4, "lr": 0.3},
                                 config=tf.estimator.RunConfig(tf_random_seed=5))
    tin = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=8, num_epochs=None,
                                             shuffle=False)
    ein = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=16, shuffle=False)
    res = tf.estimator.train_and_evaluate(
        est, tf.estimator.TrainSpec(tin, max_steps=12),
        tf.estimator.EvalSpec(ein, steps=2, throttle_secs=0, start_delay_secs=0))
    metrics = res[0] if isinstance(res, tuple) else None
    print(sorted((k, repr(float(v))) for k, v in metrics.items()))
    print(H(est.get_variable_value("h/kernel")))
    recv = tf.estimator.export.build_raw_serving_input_receiver_fn(
        {"x": tf.placeholder(tf.float32, [None, 3], name="x")})
    path = est.export_saved_model(os.path.join(d, "export"), recv)
    print(sorted(os.listdir(path)))
    with tf.Graph().as_default(), tf.Session() as s:
        mg = tf.saved_model.loader.load(s, ["serve"], path)
        print(sorted(mg.signature_def))
        sig = mg.signature_def["serving_default"]
        print(sorted(sig.inputs), sorted(sig.outputs), sig.method_name)
        out = s.run({k: v.name for k, v in sig.outputs.items()},
                    {sig.inputs["x"].name: X[:5]})
        print(out["classes"].tolist(), H(out["logits"]))
finally:
    shutil.rmtree(d)
