"""What Estimator.evaluate writes to its eval directory's events under TF 1.14: the
metrics as simple values and the evaluated checkpoint's path as a string tensor summary
'checkpoint_path' (only when a checkpoint was evaluated), at the checkpoint's step."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np


def _events(tf, d, name):
    out = []
    eval_dir = os.path.join(d, "eval_" + name)
    for f in sorted(os.listdir(eval_dir)):
        for e in tf.train.summary_iterator(os.path.join(eval_dir, f)):
            for v in e.summary.value:
                kind = v.WhichOneof("value")
                if kind == "tensor":
                    value = [os.path.relpath(s.decode(), d) for s in v.tensor.string_val]
                    out.append([int(e.step), v.tag, kind, value, int(v.tensor.dtype),
                                len(v.tensor.tensor_shape.dim)])
                else:
                    out.append([int(e.step), v.tag, kind])
    return out


def _serving(tf):
    def fn():
        x = tf.placeholder(tf.float32, [None, 2])
        return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})
    return fn


def _auc_warnings(tf):
    # tf.metrics.auc warns (once for its value, once for its update op) when asked for a
    # PR-AUC by the trapezoidal rule, as every canned classifier's head does
    import logging

    class Keep(logging.Handler):
        def __init__(self):
            logging.Handler.__init__(self)
            self.messages = []

        def emit(self, record):
            self.messages.append([record.levelname, record.getMessage()])

    keep = Keep()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(keep)
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.WARN)
    out = {}
    try:
        with tf.Graph().as_default():
            labels, scores = tf.constant([0, 1, 1]), tf.constant([0.2, 0.6, 0.7])
            for curve, method in (("PR", "trapezoidal"), ("PR", "careful_interpolation"),
                                  ("ROC", "trapezoidal"), ("PR", "minoring")):
                del keep.messages[:]
                tf.metrics.auc(labels, scores, curve=curve, summation_method=method)
                out[curve + " " + method] = [m for m in keep.messages
                                             if "deprecat" not in m[1]]
    finally:
        logger.removeHandler(keep)
        tf.logging.set_verbosity(verbosity)
    return out


def cases(tf):
    rng = np.random.RandomState(0)
    x = rng.randn(40, 2).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32)
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.LinearClassifier(
            [tf.feature_column.numeric_column("x", shape=[2])], model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=1))
        fn = tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=10, shuffle=False,
                                                num_epochs=1)
        untrained = sorted(est.evaluate(fn, name="untrained"))
        est.train(fn)
        est.evaluate(fn, name="latest")
        est.train(fn)
        first = os.path.join(d, "model.ckpt-4")
        est.evaluate(fn, name="chosen", checkpoint_path=first)
        best = tf.estimator.BestExporter(name="best", serving_input_receiver_fn=_serving(tf))
        try:   # the default event_file_pattern 'eval/*.tfevents.*': no eval/ here
            best.export(est, os.path.join(d, "export", "best"), first,
                        {"loss": 1.0, "global_step": 4}, False)
            best_error = None
        except Exception as e:  # noqa: BLE001
            best_error = [type(e).__name__, str(e).replace(d, "<model_dir>")]
        return {"auc_warnings": _auc_warnings(tf), "untrained_keys": untrained, "best_exporter_without_eval_dir": best_error,
                "untrained": _events(tf, d, "untrained"),
                "latest": _events(tf, d, "latest"),
                "chosen": _events(tf, d, "chosen")}
    finally:
        shutil.rmtree(d)
