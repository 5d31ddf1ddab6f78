"""The INFO lines TF 1.14 logs while saving a SavedModel (simple_save; a builder with
assets), freezing a graph (convert_variables_to_constants) and restoring a checkpoint
(none before the ValueError for a missing one)."""
from __future__ import absolute_import

import logging
import os
import re
import shutil
import tempfile

import numpy as np


class _Keep(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _logged(tf, d, fn):
    keep = _Keep()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(keep)
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.INFO)
    try:
        with tf.Graph().as_default():
            try:
                fn()
            except ValueError as e:
                keep.messages.append("ValueError: " + str(e))
    finally:
        logger.removeHandler(keep)
        tf.logging.set_verbosity(verbosity)
    return [m.replace(d, "<d>") for m in keep.messages
            if "deprecat" not in m and not m.startswith("From ")]


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        vocab = os.path.join(d, "vocab.txt")
        with open(vocab, "w") as f:
            f.write("a\nb\n")

        def model():
            x = tf.placeholder(tf.float32, [None, 2], name="x")
            w = tf.Variable([[1.0], [2.0]], name="w")
            return x, tf.matmul(x, w, name="y")

        def simple():
            x, y = model()
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                tf.saved_model.simple_save(s, os.path.join(d, "simple"), {"x": x}, {"y": y})

        def with_assets():
            x, y = model()
            asset = tf.constant(vocab, name="asset")
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                b = tf.saved_model.builder.SavedModelBuilder(os.path.join(d, "assets"))
                b.add_meta_graph_and_variables(s, ["serve"], assets_collection=[asset])
                b.add_meta_graph(["eval"])
                b.save(as_text=True)

        def freeze():
            x, y = model()
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                tf.graph_util.convert_variables_to_constants(s, s.graph_def, ["y"])

        def restore_missing():
            model()
            with tf.Session() as s:
                tf.train.Saver().restore(s, os.path.join(d, "nope"))

        def export():
            def model_fn(features, labels, mode):
                w = tf.get_variable("w", [2, 2])
                logits = tf.matmul(features["x"], w)
                step = tf.train.get_or_create_global_step()
                outputs = {
                    "serving_default": tf.estimator.export.PredictOutput({"p": logits}),
                    "classify": tf.estimator.export.ClassificationOutput(scores=logits),
                    "regress": tf.estimator.export.RegressionOutput(logits[:, 0])}
                return tf.estimator.EstimatorSpec(
                    mode, predictions={"p": logits}, loss=tf.reduce_sum(logits),
                    train_op=tf.assign_add(step, 1), export_outputs=outputs)

            est = tf.estimator.Estimator(model_fn, os.path.join(d, "est"))
            est.train(lambda: ({"x": tf.ones([2, 2])}, None), steps=1)

            def serving():
                x = tf.placeholder(tf.float32, [None, 2])
                return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})
            est.export_savedmodel(os.path.join(d, "exp"), serving)

        exported = [re.sub(r"[0-9]{9,}", "<time>", m) for m in _logged(tf, d, export)
                    if m.startswith(("Signatures", "'", "Export includes", "SavedModel"))]

        def train_and_evaluate():
            est = tf.estimator.LinearRegressor([tf.feature_column.numeric_column("x")],
                                               model_dir=os.path.join(d, "tae"))
            fn = tf.estimator.inputs.numpy_input_fn({"x": np.ones(4, np.float32)},
                                                    np.ones(4, np.float32), shuffle=False)
            tf.estimator.train_and_evaluate(est, tf.estimator.TrainSpec(fn, max_steps=1),
                                            tf.estimator.EvalSpec(fn, steps=1))

        tae = [m for m in _logged(tf, d, train_and_evaluate)
               if m.startswith(("Not using", "Running training", "Start train"))]
        keys = []

        def supervisor_global_step():
            # a `global_step` variable outside the GLOBAL_STEP collection: the Supervisor
            # adds its Tensor there, which a meta graph cannot serialize (TF warns and
            # leaves the collection out, at the Supervisor's construction)
            tf.Variable(0, name="global_step", trainable=False)
            tf.Variable(1.0, name="w")
            tf.logging.info("before the supervisor")
            tf.train.Supervisor(logdir=None, summary_op=None, saver=None)
            tf.logging.info("after the supervisor")
            keys.extend(sorted(tf.train.export_meta_graph().collection_def.keys()))

        sv = _logged(tf, d, supervisor_global_step)
        return {"supervisor_global_step": [sv, keys],
                "estimator_export": exported, "train_and_evaluate": tae,
                "simple_save": _logged(tf, d, simple),
                "builder_with_assets": _logged(tf, d, with_assets),
                "freeze": _logged(tf, d, freeze),
                "restore_missing": _logged(tf, d, restore_missing)}
    finally:
        shutil.rmtree(d)
