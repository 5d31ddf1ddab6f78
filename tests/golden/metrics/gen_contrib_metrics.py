"""TF 1.14 goldens for tf.contrib.metrics: each metric's update_op results over the three fed
batches of gen_metrics and its final value, its tensor and variable names, the ops it builds
(names and types, assertions included) and TF's errors. Output: contrib_metrics.json, read
by tests/test_contrib_metrics.py, which runs these case functions with flowgrad.
"""
import numpy as np
from gen_metrics import BATCHES, C, _error, _placeholders
from gen_metrics import _stream as _plain_stream


def _stream(build, fed=False):
    """gen_metrics' _stream; `fed`: the value is read with the first batch fed."""
    if not fed:
        return _plain_stream(build)

    def case(tf):
        p = _placeholders(tf)
        value, update = build(tf, p)
        feed0 = {p[k]: BATCHES[0][k] for k in p}
        out = {"value_name": value.name, "update_name": update.name,
               "local": [v.name for v in tf.local_variables()], "updates": []}
        with tf.Session() as s:
            s.run(tf.local_variables_initializer())
            out["initial"] = s.run(value, feed0)
            for b in BATCHES:
                s.run(update, {p[k]: b[k] for k in p})
                out["updates"].append(s.run(value, feed0))
        return out
    case.build = build
    return case

CM = lambda tf: tf.contrib.metrics  # noqa: E731
CASES = {
    "streaming_accuracy": _stream(lambda tf, p: CM(tf).streaming_accuracy(
        p["cls_pred"], p["cls_labels"], weights=p["w"])),
    "streaming_mean": _stream(lambda tf, p: CM(tf).streaming_mean(p["reals"])),
    "streaming_mean_tensor": _stream(lambda tf, p: CM(tf).streaming_mean_tensor(p["reals"])),
    "streaming_auc": _stream(lambda tf, p: CM(tf).streaming_auc(p["probs"], p["labels01"],
                                                                num_thresholds=50)),
    "streaming_auc_pr": _stream(lambda tf, p: CM(tf).streaming_auc(
        p["probs"], p["labels01"], curve="PR", weights=p["w"])),
    "streaming_precision": _stream(lambda tf, p: CM(tf).streaming_precision(
        p["probs"] > 0.5, p["labels01"])),
    "streaming_recall": _stream(lambda tf, p: CM(tf).streaming_recall(
        p["probs"] > 0.5, p["labels01"], weights=p["w"])),
    "streaming_tp": _stream(lambda tf, p: CM(tf).streaming_true_positives(
        p["probs"] > 0.5, p["labels01"])),
    "streaming_tn": _stream(lambda tf, p: CM(tf).streaming_true_negatives(
        p["probs"] > 0.5, p["labels01"], weights=p["w"])),
    "streaming_fp": _stream(lambda tf, p: CM(tf).streaming_false_positives(
        p["probs"] > 0.5, p["labels01"])),
    "streaming_fn": _stream(lambda tf, p: CM(tf).streaming_false_negatives(
        p["probs"] > 0.5, p["labels01"])),
    "fpr": _stream(lambda tf, p: CM(tf).streaming_false_positive_rate(
        p["probs"] > 0.5, p["labels01"])),
    "fpr_w": _stream(lambda tf, p: CM(tf).streaming_false_positive_rate(
        p["probs"] > 0.5, p["labels01"], weights=p["w"], name="my_fpr",
        metrics_collections=["mc"], updates_collections=["uc"])),
    "fnr": _stream(lambda tf, p: CM(tf).streaming_false_negative_rate(
        p["probs"] > 0.3, p["labels01"])),
    "tp_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_true_positives_at_thresholds(
        p["probs"], p["labels01"], [0.1, 0.5, 0.9])),
    "fn_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_false_negatives_at_thresholds(
        p["probs"], p["labels01"], [0.1, 0.5, 0.9], weights=p["w"])),
    "fp_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_false_positives_at_thresholds(
        p["probs"], p["labels01"], [0.3, 0.6])),
    "tn_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_true_negatives_at_thresholds(
        p["probs"], p["labels01"], [0.3, 0.6])),
    "fpr_at_thresholds": _stream(
        lambda tf, p: CM(tf).streaming_false_positive_rate_at_thresholds(
            p["probs"], p["labels01"], [0.2, 0.5, 0.8])),
    "fnr_at_thresholds": _stream(
        lambda tf, p: CM(tf).streaming_false_negative_rate_at_thresholds(
            p["probs"], p["labels01"], [0.2, 0.5, 0.8], weights=p["w"])),
    "precision_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_precision_at_thresholds(
        p["probs"], p["labels01"], [0.2, 0.5, 0.8])),
    "recall_at_thresholds": _stream(lambda tf, p: CM(tf).streaming_recall_at_thresholds(
        p["probs"], p["labels01"], [0.2, 0.5, 0.8])),
    "curve_points_roc": _stream(lambda tf, p: CM(tf).streaming_curve_points(
        p["labels01"], p["probs"], num_thresholds=6)),
    "curve_points_pr": _stream(lambda tf, p: CM(tf).streaming_curve_points(
        p["labels01"], p["probs"], weights=p["w"], num_thresholds=5, curve="PR")),
    "sensitivity_at_specificity": _stream(
        lambda tf, p: CM(tf).streaming_sensitivity_at_specificity(p["probs"], p["labels01"],
                                                                  0.6)),
    "specificity_at_sensitivity": _stream(
        lambda tf, p: CM(tf).streaming_specificity_at_sensitivity(p["probs"], p["labels01"],
                                                                  0.4, num_thresholds=30)),
    "recall_at_precision": _stream(lambda tf, p: CM(tf).recall_at_precision(
        p["labels01"], p["probs"], 0.6, num_thresholds=20)),
    "recall_at_precision_strict": _stream(lambda tf, p: CM(tf).recall_at_precision(
        p["labels01"], p["probs"], 0.6, num_thresholds=20, strict_mode=True)),
    "precision_at_recall": _stream(lambda tf, p: CM(tf).precision_at_recall(
        p["labels01"], p["probs"], 0.5, num_thresholds=25, weights=p["w"])),
    "recall_at_k": _stream(lambda tf, p: CM(tf).streaming_recall_at_k(
        p["scores"], p["cls_labels"], 2)),
    "sparse_recall_at_k": _stream(lambda tf, p: CM(tf).streaming_sparse_recall_at_k(
        p["scores"], p["cls_labels"], 2)),
    "sparse_precision_at_k": _stream(lambda tf, p: CM(tf).streaming_sparse_precision_at_k(
        p["scores"], p["multi"], 3, class_id=1)),
    "sparse_precision_at_top_k": _stream(
        lambda tf, p: CM(tf).streaming_sparse_precision_at_top_k(
            tf.nn.top_k(p["scores"], 2)[1], p["multi"])),
    "sparse_recall_at_top_k": _stream(lambda tf, p: CM(tf).sparse_recall_at_top_k(
        p["multi"], tf.nn.top_k(p["scores"], 2)[1], class_id=2)),
    "sparse_ap_at_k": _stream(lambda tf, p: CM(tf).streaming_sparse_average_precision_at_k(
        p["scores"], p["multi"], 3)),
    "sparse_ap_at_top_k": _stream(
        lambda tf, p: CM(tf).streaming_sparse_average_precision_at_top_k(
            tf.nn.top_k(p["scores"], 3)[1], p["multi"], weights=p["w"])),
    "mean_absolute_error": _stream(lambda tf, p: CM(tf).streaming_mean_absolute_error(
        p["reals"], p["reals2"])),
    "mean_squared_error": _stream(lambda tf, p: CM(tf).streaming_mean_squared_error(
        p["reals"], p["reals2"], weights=p["w"])),
    "root_mean_squared_error": _stream(lambda tf, p: CM(tf).streaming_root_mean_squared_error(
        p["reals"], p["reals2"])),
    "mean_relative_error": _stream(lambda tf, p: CM(tf).streaming_mean_relative_error(
        p["reals"], p["reals2"], normalizer=p["reals"] * 0 + 2.0)),
    "covariance": _stream(lambda tf, p: CM(tf).streaming_covariance(p["reals"], p["reals2"])),
    "covariance_w": _stream(lambda tf, p: CM(tf).streaming_covariance(
        p["probs"], p["reals"][:, 0], weights=p["w"])),
    "pearson": _stream(lambda tf, p: CM(tf).streaming_pearson_correlation(
        p["reals"], p["reals2"])),
    "pearson_w": _stream(lambda tf, p: CM(tf).streaming_pearson_correlation(
        p["probs"], p["reals"][:, 1], weights=p["w"])),
    "mean_cosine_distance": _stream(lambda tf, p: CM(tf).streaming_mean_cosine_distance(
        tf.nn.l2_normalize(p["reals"], 1), tf.nn.l2_normalize(p["reals2"], 1), dim=1)),
    "percentage_less": _stream(lambda tf, p: CM(tf).streaming_percentage_less(p["reals"], 0.3)),
    "mean_iou": _stream(lambda tf, p: CM(tf).streaming_mean_iou(p["cls_pred"],
                                                                p["cls_labels"], C)),
    "count": _stream(lambda tf, p: CM(tf).count(p["reals"])),
    "count_w": _stream(lambda tf, p: CM(tf).count(p["probs"], weights=p["w"])),
    "cohen_kappa": _stream(lambda tf, p: CM(tf).cohen_kappa(p["cls_labels"], p["cls_pred"], C)),
    "cohen_kappa_w": _stream(lambda tf, p: CM(tf).cohen_kappa(
        p["cls_labels"][:, None], p["cls_pred"], C, weights=p["w"])),
    "f1_score": _stream(lambda tf, p: CM(tf).f1_score(p["labels01"], p["probs"],
                                                      num_thresholds=10)),
    "f1_score_w": _stream(lambda tf, p: CM(tf).f1_score(p["labels01"], p["probs"],
                                                        weights=p["w"])),
    "auc_using_histogram": _stream(lambda tf, p: CM(tf).auc_using_histogram(
        tf.cast(p["labels01"], tf.bool), p["probs"], [0.0, 1.0], nbins=8)),
    "concat": _stream(lambda tf, p: CM(tf).streaming_concat(p["reals"])),
    "concat_axis1_max": _stream(lambda tf, p: CM(tf).streaming_concat(
        tf.transpose(p["scores"]), axis=-1, max_size=10)),
    # their values depend on the label checks of the fed labels: read with a feed
    "dynamic_auc": _stream(lambda tf, p: CM(tf).streaming_dynamic_auc(p["labels01"],
                                                                      p["probs"]), fed=True),
    "dynamic_auc_pr_w": _stream(lambda tf, p: CM(tf).streaming_dynamic_auc(
        p["labels01"], p["probs"], curve="PR", weights=p["w"]), fed=True),
    "auc_ci": _stream(lambda tf, p: _auc_ci(tf, p), fed=True),
    "auc_ci_plain_w": _stream(lambda tf, p: _auc_ci(tf, p, weights=p["w"], alpha=0.8,
                                                    logit_transformation=False), fed=True),
}


def _auc_ci(tf, p, **kw):
    data, update = CM(tf).auc_with_confidence_intervals(p["labels01"], p["probs"], **kw)
    return tf.stack(list(data)), update


def _prec_rec(tf, p, **kw):
    data, update = CM(tf).precision_recall_at_equal_thresholds(
        tf.cast(p["labels01"], tf.bool), p["probs"], **kw)
    return tf.stack([data.tp, data.fp, data.tn, data.fn, data.precision, data.recall,
                     data.thresholds]), update


CASES["pr_equal_thresholds"] = _stream(lambda tf, p: _prec_rec(tf, p, num_thresholds=5))
CASES["pr_equal_thresholds_w"] = _stream(lambda tf, p: _prec_rec(tf, p, weights=p["w"],
                                                                 num_thresholds=11))


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


def _plain(tf):
    """accuracy (a tensor), confusion_matrix, the set ops, aggregate_metrics/_metric_map."""
    pred = tf.constant([1, 2, 3, 3], tf.int64)
    lab = tf.constant([1, 2, 2, 3], tf.int64)
    acc = CM(tf).accuracy(pred, lab)
    acc_w = CM(tf).accuracy(pred, lab, weights=tf.constant([1.0, 0.5, 2.0, 1.0]), name="wacc")
    cm = CM(tf).confusion_matrix(lab, pred, num_classes=4)
    size = CM(tf).set_size(tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 2, 3], [2, 2]))
    inter = CM(tf).set_intersection(tf.constant([[1, 2], [3, 4]]), tf.constant([[2, 5], [4, 3]]))
    m1 = tf.metrics.mean(tf.constant([1.0, 2.0]))
    m2 = tf.metrics.mean(tf.constant([3.0]))
    values, updates = CM(tf).aggregate_metrics(m1, m2)
    vmap, umap = CM(tf).aggregate_metric_map({"a": m1, "b": m2})
    names = [acc.name, acc_w.name, cm.name, size.name, [t.name for t in values],
             [t.name for t in updates], sorted((k, v.name) for k, v in vmap.items()),
             sorted((k, v.name) for k, v in umap.items())]
    with tf.Session() as s:
        s.run(tf.local_variables_initializer())
        s.run(updates)
        return names + [s.run([acc, acc_w, cm, size, inter.values, values])]


CASES["plain"] = _plain
CASES["error/curve_points"] = _error(lambda tf: CM(tf).streaming_curve_points(
    tf.constant([1, 0]), tf.constant([0.5, 0.2]), curve="XY"))
CASES["error/recall_at_precision"] = _error(lambda tf: CM(tf).recall_at_precision(
    tf.constant([1, 0]), tf.constant([0.5, 0.2]), 1.5))
CASES["error/precision_at_recall"] = _error(lambda tf: CM(tf).precision_at_recall(
    tf.constant([1, 0]), tf.constant([0.5, 0.2]), -0.1))
CASES["error/cohen_kappa"] = _error(lambda tf: CM(tf).cohen_kappa(
    tf.constant([1, 0]), tf.constant([1, 1]), 1))
CASES["error/aggregate"] = _error(lambda tf: CM(tf).aggregate_metrics())
CASES["error/accuracy_dtype"] = _error(lambda tf: CM(tf).accuracy(
    tf.constant([1.0]), tf.constant([1.0])))
CASES["error/accuracy_mismatch"] = _error(lambda tf: CM(tf).accuracy(
    tf.constant([1], tf.int64), tf.constant([1])))
CASES["error/histogram_labels"] = _error(lambda tf: CM(tf).auc_using_histogram(
    tf.constant([1, 0]), tf.constant([0.5, 0.2]), [0.0, 1.0]))
CASES["error/pr_labels"] = _error(lambda tf: CM(tf).precision_recall_at_equal_thresholds(
    tf.constant([1, 0]), tf.constant([0.5, 0.2])))


def _dynamic(tf):
    """Unknown batch sizes, as training scripts feed them."""
    probs = tf.placeholder(tf.float32, [None])
    lab = tf.placeholder(tf.int64, [None])
    reals = tf.placeholder(tf.float32, [None])
    ms = [CM(tf).streaming_false_positive_rate(probs > 0.5, lab),
          CM(tf).streaming_true_positives_at_thresholds(probs, lab, [0.3, 0.6]),
          CM(tf).streaming_pearson_correlation(reals, probs),
          CM(tf).count(reals), CM(tf).cohen_kappa(lab, lab * 0 + 1, 2),
          CM(tf).f1_score(lab, probs, num_thresholds=7)]
    out = []
    with tf.Session() as s:
        s.run(tf.local_variables_initializer())
        for n, b in ((6, BATCHES[0]), (3, BATCHES[1])):
            feed = {probs: b["probs"][:n], lab: b["labels01"][:n], reals: b["reals"][:n, 0]}
            out.append(s.run([m[1] for m in ms], feed))
        out.append(s.run([m[0] for m in ms]))
    return out


CASES["dynamic_shapes"] = _dynamic


def _slice_assign(tf):
    """`variable[...].assign(value)` (op StridedSliceAssign), as streaming_concat uses it."""
    v = tf.Variable(np.arange(12.0, dtype=np.float32).reshape(3, 4), name="v")
    i = tf.Variable(1, name="i")
    a = v[1:3, ::2].assign([[-1.0, -2.0], [-3.0, -4.0]])
    b = v[i, :].assign(tf.constant([7.0, 8.0, 9.0, 10.0]), name="row")
    c = v[:, -1].assign([0.5, 0.5, 0.5])
    bad = v[0:2, 0].assign([1.0])
    ops = [[o.name, o.type] for o in tf.get_default_graph().get_operations()]
    out = [[t.name for t in (a, b, c)], [t.dtype.name for t in (a, b, c)], ops]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        out.append([s.run(t) for t in (a, b, c, v)])
        try:
            s.run(bad)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            out.append([type(e).__name__, str(e).split("\n")[0]])
    return out


CASES["variable_slice_assign"] = _slice_assign


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    np.random.seed(0)
    return out
