"""TF 1.14's canned estimators (DNN, Linear, DNNLinearCombined; classifiers and regressors)
trained a few steps from fixed initial weights: each model is warm-started
(WarmStartSettings) from a checkpoint of fixed NumPy values, trained with TF's default
optimizers, then evaluated (TF's metric keys) and asked for predictions (TF's prediction
keys). tests/test_canned_estimators.py runs cases() on flowgrad."""
import os
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2],
              [1.5, -0.5]], np.float32)
Z = np.array([[0.5], [-1.0], [2.0], [0.0], [1.0], [-0.5], [0.25]], np.float32)
W = np.array([1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 0.5], np.float32)
Y2 = np.array([[1], [0], [1], [1], [0], [0], [1]], np.int64)
Y3 = np.array([[2], [0], [1], [1], [0], [2], [1]], np.int64)
YR = np.array([[1.0], [0.0], [2.0], [1.5], [-0.5], [0.3], [1.1]], np.float32)
YS = np.array([[b"yes"], [b"no"], [b"yes"], [b"yes"], [b"no"], [b"no"], [b"yes"]])


def _fixed(shape, seed):
    return np.random.RandomState(seed).uniform(-0.8, 0.8, size=shape).astype(np.float32)


def _dnn_values(prefix, in_dim, hidden, units, seed):
    out = {}
    dims = [in_dim] + list(hidden)
    for i, n in enumerate(hidden):
        out["%s/hiddenlayer_%d/kernel" % (prefix, i)] = _fixed([dims[i], n], seed + 2 * i)
        out["%s/hiddenlayer_%d/bias" % (prefix, i)] = _fixed([n], seed + 2 * i + 1)
    out["%s/logits/kernel" % prefix] = _fixed([dims[-1], units], seed + 50)
    out["%s/logits/bias" % prefix] = _fixed([units], seed + 51)
    return out


def _linear_values(units, seed):
    return {"linear/linear_model/x/weights": _fixed([2, units], seed),
            "linear/linear_model/z/weights": _fixed([1, units], seed + 1),
            "linear/linear_model/bias_weights": _fixed([units], seed + 2)}


def _write_ckpt(tf, values, path):
    with tf.Graph().as_default():
        vs = [tf.Variable(v, name=k) for k, v in sorted(values.items())]
        saver = tf.train.Saver(vs)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            saver.save(s, path)


def _input(tf, labels, batch, repeat, weights=False, x_only=False):
    def input_fn():
        feats = {"x": X, "z": Z}
        if weights:
            feats["w"] = W
        if x_only:
            return tf.data.Dataset.from_tensor_slices(feats).batch(batch)
        ds = tf.data.Dataset.from_tensor_slices((feats, labels))
        if repeat:
            ds = ds.repeat()
        return ds.batch(batch)
    return input_fn


def _np(d):
    return {k: np.asarray(v) for k, v in d.items()}


def _run(tf, make, values, labels, weights=False, steps=4):
    d = tempfile.mkdtemp()
    try:
        ckpt = os.path.join(d, "init", "model.ckpt")
        _write_ckpt(tf, values, ckpt)
        est = make(tf, os.path.join(d, "model"),
                   tf.estimator.WarmStartSettings(ckpt_to_initialize_from=ckpt))
        est.train(_input(tf, labels, 3, True, weights), steps=steps)
        res = est.evaluate(_input(tf, labels, 3, False, weights))
        preds = list(est.predict(_input(tf, labels, 3, False, weights, x_only=True)))
        out = {"eval": _np(res),
               "names": sorted(n for n in est.get_variable_names()
                               if not n.endswith(("Adagrad", "Ftrl", "Ftrl_1"))),
               "values": {n: est.get_variable_value(n) for n in sorted(values)}}
        for key in sorted(preds[0]):
            out["pred_" + key] = np.stack([p[key] for p in preds])
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _baseline(tf, make, labels, weights=False):
    d = tempfile.mkdtemp()
    try:
        est = make(tf, d)
        est.train(_input(tf, labels, 3, True, weights), steps=5)
        res = est.evaluate(_input(tf, labels, 3, False, weights))
        preds = list(est.predict(_input(tf, labels, 3, False, weights, x_only=True)))
        out = {"eval": _np(res), "bias": est.get_variable_value("baseline/bias"),
               "names": sorted(est.get_variable_names())}
        for key in sorted(preds[0]):
            out["pred_" + key] = np.stack([p[key] for p in preds])
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _specs(tf):
    cols = _cols(tf)
    return {"classifier": repr(sorted(tf.estimator.classifier_parse_example_spec(
                cols, "label", weight_column="w").items())),
            "regressor": repr(sorted(tf.estimator.regressor_parse_example_spec(
                cols, "label", label_dimension=2, label_default=(0.5, 1.0)).items()))}


def _cols(tf, names=("x", "z")):
    shapes = {"x": [2], "z": [1]}
    return [tf.feature_column.numeric_column(n, shape=shapes[n]) for n in names]


def _cfg(tf):
    return tf.estimator.RunConfig(tf_random_seed=1)


def cases(tf):
    out = {}
    out["dnn_binary"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNClassifier(
            [3, 2], _cols(tf), model_dir=d, config=_cfg(tf), warm_start_from=ws),
        _dnn_values("dnn", 3, [3, 2], 1, 1), Y2)
    out["dnn_multi"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNClassifier(
            [4], _cols(tf), model_dir=d, n_classes=3, config=_cfg(tf), warm_start_from=ws),
        _dnn_values("dnn", 3, [4], 3, 2), Y3)
    out["dnn_vocab_weighted"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNClassifier(
            [3], _cols(tf), model_dir=d, label_vocabulary=["no", "yes"], weight_column="w",
            config=_cfg(tf), warm_start_from=ws,
            loss_reduction=tf.losses.Reduction.SUM_OVER_BATCH_SIZE),
        _dnn_values("dnn", 3, [3], 1, 3), YS, weights=True)
    out["dnn_regressor"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNRegressor(
            [3], _cols(tf), model_dir=d, config=_cfg(tf), warm_start_from=ws,
            activation_fn=tf.nn.tanh, optimizer="SGD"),
        _dnn_values("dnn", 3, [3], 1, 4), YR)
    out["linear_binary"] = _run(
        tf, lambda tf, d, ws: tf.estimator.LinearClassifier(
            _cols(tf), model_dir=d, config=_cfg(tf), warm_start_from=ws),
        _linear_values(1, 5), Y2)
    out["linear_multi"] = _run(
        tf, lambda tf, d, ws: tf.estimator.LinearClassifier(
            _cols(tf), model_dir=d, n_classes=3, config=_cfg(tf), warm_start_from=ws),
        _linear_values(3, 6), Y3)
    out["linear_regressor"] = _run(
        tf, lambda tf, d, ws: tf.estimator.LinearRegressor(
            _cols(tf), model_dir=d, weight_column="w", config=_cfg(tf), warm_start_from=ws),
        _linear_values(1, 7), YR, weights=True)
    combined = dict(_dnn_values("dnn", 2, [3], 1, 8))
    combined.update({k: v for k, v in _linear_values(1, 9).items() if "/x/" not in k})
    out["combined_binary"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNLinearCombinedClassifier(
            model_dir=d, linear_feature_columns=_cols(tf, ["z"]),
            dnn_feature_columns=_cols(tf, ["x"]), dnn_hidden_units=[3], config=_cfg(tf),
            warm_start_from=ws),
        combined, Y2)
    out["combined_regressor"] = _run(
        tf, lambda tf, d, ws: tf.estimator.DNNLinearCombinedRegressor(
            model_dir=d, linear_feature_columns=_cols(tf, ["z"]),
            dnn_feature_columns=_cols(tf, ["x"]), dnn_hidden_units=[3], config=_cfg(tf),
            warm_start_from=ws, linear_optimizer="SGD", dnn_optimizer="Adam"),
        combined, YR)
    out["baseline_classifier"] = _baseline(
        tf, lambda tf, d: tf.estimator.BaselineClassifier(model_dir=d, n_classes=3), Y3)
    out["baseline_regressor"] = _baseline(
        tf, lambda tf, d: tf.estimator.BaselineRegressor(model_dir=d, weight_column="w",
                                                         optimizer="SGD"), YR, weights=True)
    out["parse_specs"] = _specs(tf)
    return out
