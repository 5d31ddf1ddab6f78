"""TF 1.14's tf.contrib.predictor: from_saved_model over an Estimator's export (default
and named signatures, a signature the model lacks, input_names / output_names, tags),
from_estimator, from_contrib_estimator, the feed / fetch tensors and repr, and the errors
(tests/test_pe_predictor.py runs cases() on flowgrad)."""
import os
import shutil
import tempfile

import numpy as np
from goldenio import GoldenError

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0]], np.float32)
Y = np.array([[1.0], [0.0], [2.0], [1.5]], np.float32)


def _model_fn(tf):
    def model_fn(features, labels, mode):
        w = tf.get_variable("w", initializer=tf.constant([[0.5], [-0.25]]))
        pred = tf.add(tf.matmul(features["x"], w), 0.1, name="pred")
        if mode == tf.estimator.ModeKeys.PREDICT:
            return tf.estimator.EstimatorSpec(
                mode, predictions={"y": pred},
                export_outputs={
                    "serving_default": tf.estimator.export.PredictOutput({"y": pred}),
                    "both": tf.estimator.export.PredictOutput({"y": pred,
                                                               "twice": 2 * pred})})
        loss = tf.losses.mean_squared_error(labels, pred)
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
    return model_fn


def _raw_receiver(tf):
    def fn():
        x = tf.placeholder(tf.float32, [None, 2], name="x_in")
        return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})
    return fn


def _examples(tf, rows):
    return [tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=list(r)))}))
        .SerializeToString() for r in rows]


def _err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return GoldenError.of(e, str(e).split("\n")[0]) if hasattr(e, "op") else e
    return None


def _core(tf, d):
    out = {}
    predictor = tf.contrib.predictor
    est = tf.estimator.Estimator(_model_fn(tf), model_dir=os.path.join(d, "m"))
    est.train(lambda: tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).repeat().batch(2),
              steps=4)
    ex = est.export_saved_model(os.path.join(d, "exp"), _raw_receiver(tf))
    p = predictor.from_saved_model(ex)
    out["repr"] = repr(p)
    out["default"] = p({"x": X})
    out["feeds"] = sorted((k, t.name) for k, t in p.feed_tensors.items())
    out["fetches"] = sorted((k, t.name) for k, t in p.fetch_tensors.items())
    out["session"] = type(p.session).__name__
    out["graph_ops"] = len(p.graph.get_operations()) > 0
    both = predictor.from_saved_model(ex.decode(), signature_def_key="both")
    out["both"] = both({"x": X[:2]})
    out["missing_signature"] = repr(predictor.from_saved_model(ex, signature_def_key="nope"))
    named = predictor.from_saved_model(ex, input_names={"in": "x_in:0"},
                                       output_names={"out": "pred:0", "w": "w:0"})
    out["named"] = named({"in": X[1:]})
    out["none_fed"] = _err(lambda: named({"in": None}))
    with tf.Graph().as_default() as g:
        sig = _signature(tf, ex, "both")
        given = predictor.from_saved_model(ex, graph=g, signature_def=sig)
        out["given_graph"] = given.graph is g
        out["given_signature"] = given({"x": X[2:]})
    out["unexpected_key"] = _err(lambda: p({"x": X, "z": X}))
    out["names_without_outputs"] = _err(
        lambda: predictor.from_saved_model(ex, input_names={"in": "x_in:0"}))
    out["key_and_names"] = _err(lambda: predictor.from_saved_model(
        ex, signature_def_key="both", input_names={"a": "x_in:0"}, output_names={}))
    out["key_and_signature"] = _err(lambda: predictor.from_saved_model(
        ex, signature_def_key="both", signature_def=_signature(tf, ex, "both")))
    out["tags"] = _err(lambda: predictor.from_saved_model(ex, tags="train"))
    # from_estimator: the latest checkpoint, the receiver's feeds
    pe = predictor.from_estimator(est, _raw_receiver(tf))
    out["estimator"] = pe({"x": X})
    out["estimator_repr"] = repr(pe)
    out["estimator_session"] = type(pe.session).__name__
    out["estimator_both"] = predictor.from_estimator(est, _raw_receiver(tf),
                                                     output_key="both")({"x": X[:1]})
    out["estimator_bad_key"] = _err(lambda: predictor.from_estimator(
        est, _raw_receiver(tf), output_key="zz"))
    out["contrib_given_core"] = _err(lambda: predictor.from_contrib_estimator(
        est, lambda: None))
    # a canned classifier exported with a parsing receiver: classify signature on Examples
    cls = tf.estimator.LinearClassifier([tf.feature_column.numeric_column("x", [2])],
                                        model_dir=os.path.join(d, "lin"))
    cls.train(lambda: tf.data.Dataset.from_tensor_slices(
        ({"x": X}, np.array([[1], [0], [1], [0]]))).repeat().batch(2), steps=3)
    fn = tf.estimator.export.build_parsing_serving_input_receiver_fn(
        {"x": tf.FixedLenFeature([2], tf.float32)})
    path = cls.export_savedmodel(os.path.join(d, "exp_lin"), fn)
    pc = predictor.from_saved_model(path)
    out["classify_keys"] = (sorted(pc.feed_tensors), sorted(pc.fetch_tensors))
    out["classify"] = pc({"inputs": _examples(tf, X)})
    pp = predictor.from_saved_model(path, signature_def_key="predict")
    out["predict_keys"] = (sorted(pp.feed_tensors), sorted(pp.fetch_tensors))
    out["predict"] = pp({"examples": _examples(tf, X[:3])})
    return out


def _signature(tf, ex, key):
    with tf.Graph().as_default(), tf.Session() as s:
        return tf.saved_model.loader.load(s, ["serve"], ex).signature_def[key]


def _contrib(tf, d):
    out = {}
    predictor = tf.contrib.predictor
    learn = tf.contrib.learn

    def model_fn(features, labels, mode):
        w = tf.get_variable("w", initializer=tf.constant([[1.5], [-0.5]]))
        pred = tf.matmul(features["x"], w)
        loss = tf.losses.mean_squared_error(labels, pred) if labels is not None else None
        train_op = tf.train.GradientDescentOptimizer(0.05).minimize(
            loss, global_step=tf.train.get_global_step()) if labels is not None else None
        return learn.ModelFnOps(mode, predictions={"y": pred, "y2": pred * pred},
                                loss=loss, train_op=train_op)
    est = learn.Estimator(model_fn, model_dir=os.path.join(d, "c"))
    est.fit(input_fn=lambda: ({"x": tf.constant(X)}, tf.constant(Y)), steps=3)

    def input_fn():
        x = tf.placeholder(tf.float32, [None, 2], name="cx")
        return learn.InputFnOps({"x": x}, None, {"feed": x})
    p = predictor.from_contrib_estimator(est, input_fn)
    out["contrib"] = p({"feed": X})
    out["contrib_keys"] = (sorted(p.feed_tensors), sorted(p.fetch_tensors))
    out["contrib_bad_output"] = _err(lambda: predictor.from_contrib_estimator(
        est, input_fn, output_alternative_key="head"))
    out["core_given_contrib"] = _err(lambda: predictor.from_estimator(est, lambda: None))
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        out = _core(tf, d)
        out.update(_contrib(tf, d))
        return out
    finally:
        tf.logging.set_verbosity(verbosity)
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)
