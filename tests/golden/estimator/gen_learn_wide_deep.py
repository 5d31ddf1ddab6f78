"""tf.contrib.learn's DNNLinearCombinedClassifier / DNNLinearCombinedRegressor /
DNNLinearCombinedEstimator (TF 1.14), the wide_n_deep tutorial way: a small census-like
frame fed as constants and SparseTensors, sparse / crossed / bucketized columns in the
linear part, embeddings and real-valued columns in the dnn part; fit(input_fn, steps),
the seeded losses, global_step after fit (TF's default fix_global_step_increment_bug=False
adds two a step), the checkpoint's variables and values, the training graph's op names,
evaluate's dicts, predictions and model_dir files (tests/test_learn_wide_deep.py runs
cases() on flowgrad).

With the bug, StopAtStepHook's read of global_step has no order against the two
increments: TF mostly reads before both (6 steps -> 4 runs, global_step 8, as recorded
here and as flowgrad runs) but now and then between them (global_step 6)."""
import os
import re
import shutil
import tempfile

import numpy as np

_RNG = np.random.RandomState(11)
N = 12
AGE = _RNG.randint(18, 70, N).astype(np.float32)
HOURS = _RNG.randint(10, 60, N).astype(np.float32)
EDU = np.array(["Bachelors", "HS-grad", "Masters", "Doctorate"])[_RNG.randint(0, 4, N)]
OCC = np.array(["Tech", "Sales", "Exec", "Craft", "Other"])[_RNG.randint(0, 5, N)]
GENDER = np.array(["Female", "Male"])[_RNG.randint(0, 2, N)]
LABEL = ((AGE > 35) & (HOURS > 30)).astype(np.int64)


def _files(d):
    out = []
    for root, _, names in os.walk(d):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), d)
            out.append(re.sub(r"events\.out\.tfevents\..*", "EVENTS", rel))
    return sorted(out)


def _loss_hook(tf, out):
    class LossHook(tf.train.SessionRunHook):
        def begin(self):
            self._loss = tf.get_collection(tf.GraphKeys.LOSSES)[0]

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))
    return LossHook()


def _graph_hook(tf, out):
    class GraphHook(tf.train.SessionRunHook):
        def begin(self):
            out.append(sorted(o.name for o in tf.get_default_graph().get_operations()))
            out.append([v.name for v in tf.get_collection("dnn")])
            out.append([v.name for v in tf.get_collection("linear")])
            out.append(sorted(tf.get_collection_ref(tf.GraphKeys.SUMMARIES)[i].op.name
                              for i in range(len(tf.get_collection(tf.GraphKeys.SUMMARIES)))))
    return GraphHook()


def _values(est):
    return {n: est.get_variable_value(n) for n in est.get_variable_names()}


def _results(res):
    return {k: np.asarray(v) for k, v in res.items()}


def _sparse(tf, values):
    return tf.SparseTensor(indices=[[i, 0] for i in range(len(values))], values=values,
                           dense_shape=[len(values), 1])


def _input_fn(tf, with_label=True, regression=False):
    def input_fn():
        feats = {"age": tf.constant(AGE), "hours": tf.constant(HOURS),
                 "education": _sparse(tf, EDU), "occupation": _sparse(tf, OCC),
                 "gender": _sparse(tf, GENDER)}
        if not with_label:
            return feats, None
        if regression:
            return feats, tf.constant(AGE * 0.01 + HOURS * 0.02)
        return feats, tf.constant(LABEL)
    return input_fn


def _columns(tf):
    layers = tf.contrib.layers
    gender = layers.sparse_column_with_keys("gender", keys=["Female", "Male"])
    education = layers.sparse_column_with_hash_bucket("education", hash_bucket_size=10)
    occupation = layers.sparse_column_with_hash_bucket("occupation", hash_bucket_size=10)
    age = layers.real_valued_column("age")
    hours = layers.real_valued_column("hours")
    age_buckets = layers.bucketized_column(age, boundaries=[25, 35, 45, 55])
    wide = [gender, education, occupation, age_buckets,
            layers.crossed_column([education, occupation], hash_bucket_size=20),
            layers.crossed_column([age_buckets, education, occupation],
                                  hash_bucket_size=30)]
    deep = [layers.embedding_column(education, dimension=3),
            layers.embedding_column(occupation, dimension=3),
            layers.one_hot_column(gender), age, hours]
    return wide, deep


def _classifier(tf, fix_bug):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        wide, deep = _columns(tf)
        est = learn.DNNLinearCombinedClassifier(
            model_dir=d, linear_feature_columns=wide, dnn_feature_columns=deep,
            dnn_hidden_units=[8, 4], fix_global_step_increment_bug=fix_bug,
            config=learn.RunConfig(tf_random_seed=17))
        losses, graph = [], []
        est.fit(input_fn=_input_fn(tf), steps=6,
                monitors=[_loss_hook(tf, losses), _graph_hook(tf, graph)])
        out = {"losses": np.array(losses), "train_op_names": graph[0],
               "dnn_collection": graph[1], "linear_collection": graph[2],
               "summaries": graph[3],
               "global_step": int(est.get_variable_value("global_step")),
               "values": _values(est), "files": _files(d),
               "eval": _results(est.evaluate(input_fn=_input_fn(tf), steps=1))}
        out["predict"] = np.array(list(est.predict(input_fn=_input_fn(tf, False))))
        out["predict_classes"] = np.asarray(est.predict_classes(
            input_fn=_input_fn(tf, False), as_iterable=False))
        out["predict_proba"] = np.array(list(est.predict_proba(
            input_fn=_input_fn(tf, False))))
        out["predict_outputs"] = [sorted(p) for p in est.predict(
            input_fn=_input_fn(tf, False), outputs=["logits", "probabilities"])][:2]
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _multiclass_numpy(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        layers = tf.contrib.layers
        x = np.stack([AGE / 50.0, HOURS / 40.0], axis=1).astype(np.float32)
        y = (LABEL + (AGE > 50)).astype(np.int32)
        est = learn.DNNLinearCombinedClassifier(
            model_dir=d, n_classes=3,
            linear_feature_columns=[layers.real_valued_column("", dimension=2)],
            dnn_feature_columns=[layers.real_valued_column("", dimension=2)],
            dnn_hidden_units=[5], dnn_activation_fn=tf.nn.tanh,
            dnn_optimizer=tf.train.GradientDescentOptimizer(0.2),
            linear_optimizer="SGD", fix_global_step_increment_bug=True,
            config=learn.RunConfig(tf_random_seed=3))
        losses = []
        est.fit(x=x, y=y, batch_size=4, steps=5, monitors=[_loss_hook(tf, losses)])
        return {"losses": np.array(losses),
                "global_step": int(est.get_variable_value("global_step")),
                "values": _values(est), "eval": _results(est.evaluate(x=x, y=y)),
                "predict": np.asarray(est.predict(x=x, as_iterable=False)),
                "predict_proba": np.asarray(est.predict_proba(x=x[:3], as_iterable=False))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _regressor(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        wide, deep = _columns(tf)
        est = learn.DNNLinearCombinedRegressor(
            model_dir=d, linear_feature_columns=wide[:3], dnn_feature_columns=deep[2:],
            dnn_hidden_units=[4], config=learn.RunConfig(tf_random_seed=5))
        losses = []
        est.fit(input_fn=_input_fn(tf, regression=True), steps=4,
                monitors=[_loss_hook(tf, losses)])
        return {"losses": np.array(losses),
                "global_step": int(est.get_variable_value("global_step")),
                "values": _values(est),
                "eval": _results(est.evaluate(input_fn=_input_fn(tf, regression=True),
                                              steps=1)),
                "eval_metric": _results(est.evaluate(
                    input_fn=_input_fn(tf, regression=True), steps=1,
                    metrics={"mae": tf.metrics.mean_absolute_error})),
                "predict": np.array(list(est.predict(input_fn=_input_fn(tf, False)))),
                "predict_scores": np.asarray(est.predict_scores(
                    input_fn=_input_fn(tf, False), as_iterable=False))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _estimator_linear_only(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        wide, _ = _columns(tf)
        est = learn.DNNLinearCombinedEstimator(
            head=learn.regression_head(), model_dir=d, linear_feature_columns=wide,
            fix_global_step_increment_bug=True, config=learn.RunConfig(tf_random_seed=1))
        losses, graph = [], []
        est.fit(input_fn=_input_fn(tf, regression=True), steps=3,
                monitors=[_loss_hook(tf, losses), _graph_hook(tf, graph)])
        return {"losses": np.array(losses), "train_op_names": graph[0],
                "summaries": graph[3],
                "global_step": int(est.get_variable_value("global_step")),
                "values": _values(est),
                "eval": _results(est.evaluate(input_fn=_input_fn(tf, regression=True),
                                              steps=1)),
                "predict": sorted(next(iter(est.predict(input_fn=_input_fn(tf, False)))))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _errors(tf):
    learn = tf.contrib.learn
    layers = tf.contrib.layers
    out = {}
    col = layers.real_valued_column("")
    x = np.ones((4, 1), np.float32)
    y = np.zeros(4, np.int32)
    for name, fn in (
            ("no_columns", lambda: learn.DNNLinearCombinedClassifier()),
            ("no_columns_reg", lambda: learn.DNNLinearCombinedRegressor()),
            ("no_columns_est", lambda: learn.DNNLinearCombinedEstimator(
                learn.regression_head())),
            ("one_class", lambda: learn.DNNLinearCombinedClassifier(
                n_classes=1, linear_feature_columns=[col])),
            ("no_hidden", lambda: learn.DNNLinearCombinedClassifier(
                dnn_feature_columns=[col]).fit(x=x, y=y, steps=1)),
            ("sync_replicas", lambda: learn.DNNLinearCombinedClassifier(
                dnn_feature_columns=[col], dnn_hidden_units=[2],
                dnn_optimizer=tf.train.SyncReplicasOptimizer(
                    tf.train.GradientDescentOptimizer(0.1), 1)).fit(x=x, y=y, steps=1))):
        try:
            fn()
            out[name] = "no error"
        except ValueError as e:
            out[name] = str(e)
    return out


def cases(tf):
    return {"classifier": _classifier(tf, False),
            "classifier_fixed": _classifier(tf, True),
            "multiclass_numpy": _multiclass_numpy(tf),
            "regressor": _regressor(tf),
            "estimator_linear_only": _estimator_linear_only(tf),
            "errors": _errors(tf)}
