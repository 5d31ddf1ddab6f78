"""TF 1.14 goldens for tf.metrics: each metric's update_op results over three fed batches
and its final value, the names of its value, update and local variables, and the
collections they are in; TF's errors. Output: metrics.json, read by tests/test_metrics.py,
which runs these same case functions with flowgrad (CASES: name -> function(tf) -> value).
"""
import numpy as np

B, C = 6, 4
_rng = np.random.RandomState(11)
BATCHES = []
for _ in range(3):
    probs = _rng.uniform(size=(B,)).astype(np.float32)
    labels01 = (_rng.uniform(size=(B,)) > 0.4).astype(np.int64)
    cls_labels = _rng.randint(0, C, B).astype(np.int64)
    cls_pred = _rng.randint(0, C, B).astype(np.int64)
    scores = _rng.randn(B, C).astype(np.float32)
    reals = _rng.randn(B, 2).astype(np.float32)
    reals2 = _rng.randn(B, 2).astype(np.float32)
    w = _rng.choice([0.0, 0.5, 1.0, 2.0], size=(B,)).astype(np.float32)
    multi = np.stack([_rng.choice(C, 2, replace=False) for _ in range(B)]).astype(np.int64)
    BATCHES.append(dict(probs=probs, labels01=labels01, cls_labels=cls_labels,
                        cls_pred=cls_pred, scores=scores, reals=reals, reals2=reals2, w=w,
                        multi=multi))


def _placeholders(tf):
    return dict(
        probs=tf.placeholder(tf.float32, [B]), labels01=tf.placeholder(tf.int64, [B]),
        cls_labels=tf.placeholder(tf.int64, [B]), cls_pred=tf.placeholder(tf.int64, [B]),
        scores=tf.placeholder(tf.float32, [B, C]), reals=tf.placeholder(tf.float32, [B, 2]),
        reals2=tf.placeholder(tf.float32, [B, 2]), w=tf.placeholder(tf.float32, [B]),
        multi=tf.placeholder(tf.int64, [B, 2]))


def _stream(build):
    def case(tf):
        p = _placeholders(tf)
        value, update = build(tf, p)
        out = {"value_name": value.name, "update_name": update.name,
               "local": [v.name for v in tf.local_variables()],
               "metric": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)],
               "global": [v.name for v in tf.global_variables()],
               "updates": []}
        with tf.Session() as s:
            s.run(tf.local_variables_initializer())
            out["initial"] = s.run(value)
            for b in BATCHES:
                out["updates"].append(s.run(update, {p[k]: b[k] for k in p}))
            out["final"] = s.run(value)
        return out
    case.build = build
    return case


M = lambda tf: tf.metrics  # noqa: E731
CASES = {
    "accuracy": _stream(lambda tf, p: M(tf).accuracy(p["cls_labels"], p["cls_pred"])),
    "accuracy_w": _stream(lambda tf, p: M(tf).accuracy(p["cls_labels"], p["cls_pred"],
                                                       weights=p["w"])),
    "accuracy_named": _stream(lambda tf, p: M(tf).accuracy(
        p["cls_labels"], p["cls_pred"], name="my_acc", metrics_collections=["mc"],
        updates_collections=["uc"])),
    "mean": _stream(lambda tf, p: M(tf).mean(p["reals"])),
    "mean_w": _stream(lambda tf, p: M(tf).mean(p["reals"], weights=p["w"][:, None])),
    "mean_w1": _stream(lambda tf, p: M(tf).mean(p["probs"], weights=p["w"])),
    "mean_tensor": _stream(lambda tf, p: M(tf).mean_tensor(p["reals"])),
    "mean_tensor_w": _stream(lambda tf, p: M(tf).mean_tensor(p["reals"],
                                                             weights=p["w"][:, None])),
    "auc_roc": _stream(lambda tf, p: M(tf).auc(p["labels01"], p["probs"])),
    "auc_roc_w": _stream(lambda tf, p: M(tf).auc(p["labels01"], p["probs"], weights=p["w"],
                                                 num_thresholds=50)),
    "auc_pr": _stream(lambda tf, p: M(tf).auc(p["labels01"], p["probs"], curve="PR")),
    "auc_pr_careful": _stream(lambda tf, p: M(tf).auc(
        p["labels01"], p["probs"], curve="PR", summation_method="careful_interpolation")),
    "auc_roc_minoring": _stream(lambda tf, p: M(tf).auc(
        p["labels01"], p["probs"], summation_method="minoring", num_thresholds=20)),
    "auc_pr_majoring": _stream(lambda tf, p: M(tf).auc(
        p["labels01"], p["probs"], curve="PR", summation_method="majoring")),
    "auc_thresholds": _stream(lambda tf, p: M(tf).auc(
        p["labels01"], p["probs"], thresholds=[0.7, 0.2, 0.5])),
    "precision": _stream(lambda tf, p: M(tf).precision(p["labels01"], p["probs"] > 0.5)),
    "precision_w": _stream(lambda tf, p: M(tf).precision(p["labels01"], p["probs"] > 0.5,
                                                         weights=p["w"])),
    "recall": _stream(lambda tf, p: M(tf).recall(p["labels01"], p["probs"] > 0.5)),
    "recall_w": _stream(lambda tf, p: M(tf).recall(p["labels01"], p["probs"] > 0.3,
                                                   weights=p["w"])),
    "true_positives": _stream(lambda tf, p: M(tf).true_positives(p["labels01"],
                                                                 p["probs"] > 0.5)),
    "false_positives": _stream(lambda tf, p: M(tf).false_positives(
        p["labels01"], p["probs"] > 0.5, weights=p["w"])),
    "true_negatives": _stream(lambda tf, p: M(tf).true_negatives(p["labels01"],
                                                                 p["probs"] > 0.5)),
    "false_negatives": _stream(lambda tf, p: M(tf).false_negatives(p["labels01"],
                                                                   p["probs"] > 0.5)),
    "tp_at_thresholds": _stream(lambda tf, p: M(tf).true_positives_at_thresholds(
        p["labels01"], p["probs"], [0.1, 0.5, 0.9])),
    "fp_at_thresholds": _stream(lambda tf, p: M(tf).false_positives_at_thresholds(
        p["labels01"], p["probs"], [0.1, 0.5, 0.9], weights=p["w"])),
    "tn_at_thresholds": _stream(lambda tf, p: M(tf).true_negatives_at_thresholds(
        p["labels01"], p["probs"], [0.1, 0.5, 0.9])),
    "fn_at_thresholds": _stream(lambda tf, p: M(tf).false_negatives_at_thresholds(
        p["labels01"], p["probs"], [0.1, 0.5, 0.9])),
    "precision_at_thresholds": _stream(lambda tf, p: M(tf).precision_at_thresholds(
        p["labels01"], p["probs"], [0.2, 0.5, 0.8])),
    "recall_at_thresholds": _stream(lambda tf, p: M(tf).recall_at_thresholds(
        p["labels01"], p["probs"], [0.2, 0.5, 0.8], weights=p["w"])),
    "sensitivity_at_specificity": _stream(lambda tf, p: M(tf).sensitivity_at_specificity(
        p["labels01"], p["probs"], 0.6)),
    "specificity_at_sensitivity": _stream(lambda tf, p: M(tf).specificity_at_sensitivity(
        p["labels01"], p["probs"], 0.4, num_thresholds=30)),
    "mean_squared_error": _stream(lambda tf, p: M(tf).mean_squared_error(p["reals"],
                                                                         p["reals2"])),
    "mean_squared_error_w": _stream(lambda tf, p: M(tf).mean_squared_error(
        p["reals"], p["reals2"], weights=p["w"])),
    "mean_absolute_error": _stream(lambda tf, p: M(tf).mean_absolute_error(p["reals"],
                                                                           p["reals2"])),
    "root_mean_squared_error": _stream(lambda tf, p: M(tf).root_mean_squared_error(
        p["reals"], p["reals2"])),
    "mean_relative_error": _stream(lambda tf, p: M(tf).mean_relative_error(
        p["reals"], p["reals2"], normalizer=p["reals"] * 0 + 2.0)),
    "mean_cosine_distance": _stream(lambda tf, p: M(tf).mean_cosine_distance(
        tf.nn.l2_normalize(p["reals"], 1), tf.nn.l2_normalize(p["reals2"], 1), dim=1)),
    "percentage_below": _stream(lambda tf, p: M(tf).percentage_below(p["reals"], 0.3)),
    "mean_iou": _stream(lambda tf, p: M(tf).mean_iou(p["cls_labels"], p["cls_pred"], C)),
    "mean_iou_w": _stream(lambda tf, p: M(tf).mean_iou(p["cls_labels"], p["cls_pred"], C,
                                                       weights=p["w"])),
    "mean_iou_unseen": _stream(lambda tf, p: M(tf).mean_iou(p["cls_labels"], p["cls_pred"],
                                                            C + 2)),
    "mean_per_class_accuracy": _stream(lambda tf, p: M(tf).mean_per_class_accuracy(
        p["cls_labels"], p["cls_pred"], C)),
    "mean_per_class_accuracy_w": _stream(lambda tf, p: M(tf).mean_per_class_accuracy(
        p["cls_labels"], p["cls_pred"], C, weights=p["w"])),
    "precision_at_k": _stream(lambda tf, p: M(tf).precision_at_k(p["cls_labels"],
                                                                 p["scores"], 2)),
    "precision_at_k_multi": _stream(lambda tf, p: M(tf).precision_at_k(p["multi"],
                                                                       p["scores"], 3)),
    "precision_at_k_class": _stream(lambda tf, p: M(tf).precision_at_k(
        p["multi"], p["scores"], 2, class_id=1)),
    "recall_at_k": _stream(lambda tf, p: M(tf).recall_at_k(p["cls_labels"], p["scores"], 2)),
    "recall_at_k_multi_w": _stream(lambda tf, p: M(tf).recall_at_k(
        p["multi"], p["scores"], 1, weights=p["w"])),
    "recall_at_k_class": _stream(lambda tf, p: M(tf).recall_at_k(
        p["multi"], p["scores"], 2, class_id=3)),
    "precision_at_top_k": _stream(lambda tf, p: M(tf).precision_at_top_k(
        p["multi"], tf.nn.top_k(p["scores"], 2)[1])),
    "average_precision_at_k": _stream(lambda tf, p: M(tf).average_precision_at_k(
        p["multi"], p["scores"], 3)),
    "average_precision_at_k_w": _stream(lambda tf, p: M(tf).average_precision_at_k(
        p["cls_labels"], p["scores"], 2, weights=p["w"])),
}


def _ops_case(build):
    """The ops a metric creates, except its assertions (TF wraps each Assert in a cond)."""
    def case(tf):
        p = _placeholders(tf)
        n0 = len(tf.get_default_graph().get_operations())
        build(tf, p)
        return [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n0:]
                if "/assert_" not in o.name]
    return case


for _name in list(CASES):
    CASES["ops/" + _name] = _ops_case(CASES[_name].build)


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES["error/auc_curve"] = _error(lambda tf: tf.metrics.auc([1, 0], tf.constant([0.5, 0.2]), curve="XY"))
CASES["error/auc_summation"] = _error(
    lambda tf: tf.metrics.auc([1, 0], tf.constant([0.5, 0.2]), summation_method="simpson"))
CASES["error/sensitivity_range"] = _error(
    lambda tf: tf.metrics.sensitivity_at_specificity([1, 0], tf.constant([0.5, 0.2]), 1.5))
CASES["error/specificity_range"] = _error(
    lambda tf: tf.metrics.specificity_at_sensitivity([1, 0], tf.constant([0.5, 0.2]), -0.5))
CASES["error/ap_k"] = _error(lambda tf: tf.metrics.average_precision_at_k([1], [[0.5]], 0))


def _out_of_range(tf):
    _, up = tf.metrics.auc(tf.constant([1, 0]), tf.constant([0.5, 1.5]))
    with tf.Session() as s:
        s.run(tf.local_variables_initializer())
        try:
            s.run(up)
        except Exception as e:  # noqa: BLE001
            return [type(e).__name__, str(e).split("\n")[0][:60]]
    return "no error"


CASES["error/auc_out_of_range"] = _out_of_range


def _two_metrics_names(tf):
    a = tf.metrics.accuracy([1, 2], [1, 1])
    b = tf.metrics.accuracy([1, 2], [1, 1])
    with tf.variable_scope("eval"):
        c = tf.metrics.auc([1, 0], tf.constant([0.4, 0.6]), num_thresholds=3)
        d = tf.metrics.precision([1, 0], [1, 1], name="p")
    return [[t.name for t in pair] for pair in (a, b, c, d)] + \
        [[v.name for v in tf.local_variables()]]


CASES["names"] = _two_metrics_names


def _confusion(tf):
    lab = tf.constant([0, 2, 1, 2, 3], tf.int64)
    pred = tf.constant([0, 1, 1, 2, 1], tf.int64)
    a = tf.confusion_matrix(lab, pred)
    b = tf.confusion_matrix(lab, pred, num_classes=5, weights=[1.0, 2.0, 0.5, 1.0, 3.0],
                            dtype=tf.float32)
    c = tf.confusion_matrix(tf.constant([[1], [0]]), tf.constant([1, 1]), 2)
    vals = _run_plain(tf, [a, b, c])
    return [[t.dtype.name for t in (a, b, c)], [t.shape.as_list() for t in (b, c)],
            list(vals)]


def _run_plain(tf, fetches):
    with tf.Session() as s:
        return s.run(fetches)


CASES["confusion_matrix"] = _confusion


def _dynamic(tf):
    """Placeholders of unknown batch size, as training scripts feed them."""
    probs = tf.placeholder(tf.float32, [None])
    lab = tf.placeholder(tf.int64, [None])
    pred = tf.placeholder(tf.int64, [None])
    scores = tf.placeholder(tf.float64, [None, C])
    w = tf.placeholder(tf.float32, [None])
    ms = [tf.metrics.accuracy(lab, pred, weights=w), tf.metrics.auc(lab, probs),
          tf.metrics.mean_iou(lab, pred, C), tf.metrics.precision(lab, probs > 0.5),
          tf.metrics.recall_at_k(lab, scores, 2), tf.metrics.mean(probs, weights=w),
          tf.metrics.precision_at_thresholds(lab, probs, [0.3, 0.6], weights=w),
          tf.metrics.mean_per_class_accuracy(lab, pred, C),
          tf.metrics.average_precision_at_k(lab, scores, 2)]
    out = []
    with tf.Session() as s:
        s.run(tf.local_variables_initializer())
        for n, b in ((6, BATCHES[0]), (3, BATCHES[1])):
            feed = {probs: b["probs"][:n], lab: b["labels01"][:n], pred: b["cls_pred"][:n] % 2,
                    scores: b["scores"][:n].astype(np.float64), w: b["w"][:n]}
            out.append(s.run([m[1] for m in ms], feed))
        out.append(s.run([m[0] for m in ms]))
    return out


CASES["dynamic_shapes"] = _dynamic


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
