"""TF 1.14's canned heads checking their logits (_check_logits_final_dim): the rank check
(static NoOps, or Assert ops for an unknown rank, then an assert_equal on the last
dimension), a known rank with an unknown last dimension passing unchecked, and the errors,
through tf.contrib.estimator's heads; in training, their labels checks (rank, then the
shape against the logits' at run time), the label range asserts and the class rows (batch
size first), with no export outputs built (tests/test_pe_head_logits.py runs cases() on
flowgrad)."""
import shutil
import tempfile

from goldenio import GoldenError


def cases(tf):
    out = {}
    heads = {"regression": lambda: tf.contrib.estimator.regression_head(label_dimension=3),
             "multi_class": lambda: tf.contrib.estimator.multi_class_head(3),
             "binary": lambda: tf.contrib.estimator.binary_classification_head()}
    for hname, make in sorted(heads.items()):
        dim = 1 if hname == "binary" else 3
        for key, shape, dtype in [("rank1", [None], tf.float32),
                                  ("known", [None, dim], tf.float32),
                                  ("wrong", [None, dim + 1], tf.float32),
                                  ("unknown_last", [None, None], tf.float32),
                                  ("unknown_rank", None, tf.float32),
                                  ("int", [None, dim], tf.int32)]:
            with tf.Graph().as_default() as g:
                logits = tf.placeholder(dtype, shape, name="lg")
                try:
                    spec = make().create_estimator_spec(
                        features={}, mode=tf.estimator.ModeKeys.PREDICT, logits=logits)
                except ValueError as e:
                    out["%s/%s" % (hname, key)] = e
                    continue
                out["%s/%s" % (hname, key)] = {
                    "ops": [(op.name, op.type) for op in g.get_operations()
                            if op.name.startswith("head/logits")],
                    "predictions": {k: v.shape.as_list() if v.shape.ndims is not None
                                    else None for k, v in sorted(spec.predictions.items())}}
    out.update(train_cases(tf))
    out.update(baseline_cases(tf))
    return out


def _no_cond(g):
    # TF's tf.cond ops (Switch / Merge and the branch markers) are left out: flowgrad has
    # one Cond op
    return [(op.name, op.type) for op in g.get_operations()
            if op.type not in ("Switch", "Merge", "Cond") and "gradients" not in op.name
            and not op.name.endswith(("switch_t", "switch_f", "pred_id"))
            and "/Switch" not in op.name]


def baseline_cases(tf):
    """Baseline estimators' graphs: every feature's batch size checked (the regressor's
    weights too, as TF 1.14 passes it no weight column), the weights checked against the
    logits, the eval metrics weighted by a Python 1. without a weight column."""
    import numpy as np
    out = {}
    ests = {"classifier": (lambda d: tf.estimator.BaselineClassifier(n_classes=3, model_dir=d),
                           tf.int64),
            "regressor": (lambda d: tf.estimator.BaselineRegressor(weight_column="w",
                                                                   model_dir=d), tf.float32)}
    d = tempfile.mkdtemp()
    try:
        for name, (make, ldt) in sorted(ests.items()):
            est = make(d)
            for mode in ("train", "eval"):
                with tf.Graph().as_default() as g:
                    f = {"x": tf.placeholder(tf.float32, [None, 2]),
                         "w": tf.placeholder(tf.float32, [None, 1])}
                    est.model_fn(f, tf.placeholder(ldt, [None, 1]), mode, est.config)
                    out["baseline_%s/%s" % (name, mode)] = _no_cond(g)
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, 2])
            w = tf.placeholder(tf.float32, [None, 1])
            y = tf.placeholder(tf.float32, [None, 1])
            spec = tf.estimator.BaselineRegressor(weight_column="w", model_dir=d).model_fn(
                {"x": x, "w": w}, y, "eval", tf.estimator.RunConfig())
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                try:
                    s.run(spec.loss, {x: np.ones([3, 2]), w: np.ones([2, 1]),
                                      y: np.ones([3, 1])})
                except tf.errors.InvalidArgumentError as e:
                    out["baseline_batch_mismatch"] = GoldenError.of(e, str(e).split("\n")[0])
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out


def _head_ops(g):
    # TF's tf.cond (AssertGuard) is Switch / Merge ops: left out
    return [(op.name, op.type) for op in g.get_operations()
            if op.name.startswith("head/") and "AssertGuard" not in op.name
            and "gradients" not in op.name]


def train_cases(tf):
    import numpy as np
    out = {}
    heads = {"regression": (lambda: tf.contrib.estimator.regression_head(label_dimension=2),
                            2, tf.float32),
             "multi_class": (lambda: tf.contrib.estimator.multi_class_head(3), 3, tf.int64),
             "binary": (lambda: tf.contrib.estimator.binary_classification_head(), 1,
                        tf.int64)}
    for hname, (make, dim, ldt) in sorted(heads.items()):
        for mode in ("train", "eval"):
            with tf.Graph().as_default() as g:
                tf.train.create_global_step()
                w = tf.get_variable("w", [dim], initializer=tf.zeros_initializer())
                logits = tf.placeholder(tf.float32, [None, dim], name="lg") + w
                labels = tf.placeholder(ldt, [None, 1 if dim == 3 else dim], name="lab")
                make().create_estimator_spec(
                    features={}, mode=mode, logits=logits, labels=labels,
                    optimizer=tf.train.GradientDescentOptimizer(0.1))
                out["%s/%s" % (hname, mode)] = _head_ops(g)
    # the labels' shape checked against the logits' when the graph runs
    with tf.Graph().as_default():
        logits = tf.placeholder(tf.float32, [None, 2], name="lg")
        labels = tf.placeholder(tf.float32, None, name="lab")
        spec = tf.contrib.estimator.regression_head(label_dimension=2).create_estimator_spec(
            features={}, mode="eval", logits=logits, labels=labels)
        with tf.Session() as s:
            try:
                s.run(spec.loss, {logits: np.ones([2, 2]), labels: np.ones([2, 3])})
            except tf.errors.InvalidArgumentError as e:
                out["runtime_label_shape"] = GoldenError.of(e, str(e).split("\n")[0])
            out["runtime_ok"] = s.run(spec.loss, {logits: np.ones([2, 2]),
                                                  labels: np.zeros([2, 2])})
    return out
