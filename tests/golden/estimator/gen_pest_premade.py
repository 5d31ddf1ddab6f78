"""Premade estimators as in TF's iris / census / boston tutorials, seeded with
RunConfig(tf_random_seed=7) under TF 1.14 (tests/test_pest_premade.py): three classes named
by label_vocabulary with a weight_column, dropout and batch_norm, an Ftrl object with an
L1 penalty, optimizer strings, baselines, binary and regression heads. Each case: the
evaluation metrics, the prediction dicts (keys and values), the checkpoint's variables
(tf.train.list_variables) and their trained values, bit for bit.

The numeric columns are one value each, so a linear model's weight gradient is a MatMul
with one output row (Eigen's gemv in TF) and the binary heads' logit gradient an AddN of
four terms (which Grappler adds in the order of its inputs' names)."""
import shutil
import tempfile

import numpy as np

_rng = np.random.RandomState(0)
N = 30
X1 = _rng.rand(N).astype(np.float32)
X2 = _rng.rand(N).astype(np.float32)
W = _rng.uniform(0.5, 2, N).astype(np.float32)
VOCAB = ["setosa", "versicolor", "virginica"]
LABELS = np.array(VOCAB)[_rng.randint(0, 3, N)]
BINARY = (X1 > 0.5).astype(np.int64)
TARGET = X1 * 2 + X2


def _cols(tf):
    return [tf.feature_column.numeric_column("x1"), tf.feature_column.numeric_column("x2")]


def _models():
    """name -> (make(tf, cols, config, model_dir), labels)."""
    E = "estimator"
    return {
        "dnn_vocab_weight_dropout_bn": (lambda tf, c, cfg, d: getattr(tf, E).DNNClassifier(
            [5, 3], c, n_classes=3, label_vocabulary=VOCAB, weight_column="w", dropout=0.2,
            batch_norm=True, optimizer="Adagrad", config=cfg, model_dir=d), LABELS),
        "linear_ftrl_l1": (lambda tf, c, cfg, d: getattr(tf, E).LinearClassifier(
            c, n_classes=3, label_vocabulary=VOCAB, weight_column="w",
            optimizer=tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.01),
            config=cfg, model_dir=d), LABELS),
        "baseline_vocab": (lambda tf, c, cfg, d: getattr(tf, E).BaselineClassifier(
            n_classes=3, label_vocabulary=VOCAB, weight_column="w", config=cfg,
            model_dir=d), LABELS),
        "baseline_binary_adam": (lambda tf, c, cfg, d: getattr(tf, E).BaselineClassifier(
            optimizer="Adam", config=cfg, model_dir=d), BINARY),
        "linear_binary": (lambda tf, c, cfg, d: getattr(tf, E).LinearClassifier(
            c, optimizer="Adagrad", config=cfg, model_dir=d), BINARY),
        "dnn_regressor_rmsprop": (lambda tf, c, cfg, d: getattr(tf, E).DNNRegressor(
            [4], c, weight_column="w", dropout=0.1, optimizer="RMSProp", config=cfg,
            model_dir=d), TARGET),
        "linear_regressor_sgd": (lambda tf, c, cfg, d: getattr(tf, E).LinearRegressor(
            c, optimizer=tf.train.GradientDescentOptimizer(0.05), config=cfg, model_dir=d),
            TARGET),
        "baseline_regressor": (lambda tf, c, cfg, d: getattr(tf, E).BaselineRegressor(
            config=cfg, model_dir=d), TARGET),
        "combined_vocab_bn": (lambda tf, c, cfg, d: getattr(tf, E).DNNLinearCombinedClassifier(
            linear_feature_columns=c, dnn_feature_columns=c, dnn_hidden_units=[3],
            n_classes=3, label_vocabulary=VOCAB, dnn_dropout=0.3, batch_norm=True,
            weight_column="w", linear_optimizer="Ftrl",
            dnn_optimizer=tf.train.AdagradOptimizer(0.05), config=cfg, model_dir=d), LABELS),
        "combined_regressor": (lambda tf, c, cfg, d: getattr(tf, E).DNNLinearCombinedRegressor(
            linear_feature_columns=c, dnn_feature_columns=c, dnn_hidden_units=[3],
            config=cfg, model_dir=d), TARGET),
    }


def run(tf, name):
    make, labels = _models()[name]
    feats = {"x1": X1, "x2": X2, "w": W}
    d = tempfile.mkdtemp()
    try:
        est = make(tf, _cols(tf), tf.estimator.RunConfig(tf_random_seed=7), d)
        inp = tf.estimator.inputs.numpy_input_fn
        est.train(inp(feats, labels, batch_size=10, shuffle=False, num_epochs=None), steps=12)
        res = est.evaluate(inp(feats, labels, batch_size=10, shuffle=False, num_epochs=1))
        preds = list(est.predict(inp(feats, shuffle=False)))
        names = tf.train.list_variables(d)
        out = {"eval": {k: np.asarray(v) for k, v in res.items()},
               "pred_keys": sorted(preds[0]),
               "variables": [[n, list(s)] for n, s in names],
               "values": {n: np.asarray(est.get_variable_value(n)) for n, _ in names}}
        for key in sorted(preds[0]):
            out["pred_" + key] = np.stack([p[key] for p in preds])
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    tf.logging.set_verbosity(tf.logging.ERROR)
    return {name: run(tf, name) for name in sorted(_models())}
