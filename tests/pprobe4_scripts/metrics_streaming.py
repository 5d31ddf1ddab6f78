"""Streaming evaluation with tf.metrics (local variables): accuracy, auc (ROC and PR),
precision/recall, mean_iou, mean_per_class_accuracy, precision_at_k/recall_at_k,
mean_squared_error and root_mean_squared_error over several batches, reset, weights."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(8)
C = 4
labels = tf.placeholder(tf.int64, [None])
logits = tf.placeholder(tf.float32, [None, C])
w = tf.placeholder(tf.float32, [None])
probs = tf.nn.softmax(logits)
pred = tf.argmax(logits, 1)
binl = tf.equal(labels, 0)
ms = {
    "acc": tf.metrics.accuracy(labels, pred),
    "acc_w": tf.metrics.accuracy(labels, pred, weights=w),
    "auc": tf.metrics.auc(binl, probs[:, 0], num_thresholds=50),
    "auc_pr": tf.metrics.auc(
        binl, probs[:, 0], curve="PR", summation_method="careful_interpolation"
    ),
    "prec": tf.metrics.precision(binl, tf.equal(pred, 0)),
    "rec": tf.metrics.recall(binl, tf.equal(pred, 0)),
    "miou": tf.metrics.mean_iou(labels, pred, C),
    "mpca": tf.metrics.mean_per_class_accuracy(labels, pred, C),
    "p_at_2": tf.metrics.precision_at_k(labels, logits, 2),
    "r_at_2": tf.metrics.recall_at_k(labels, logits, 2),
    "mse": tf.metrics.mean_squared_error(tf.one_hot(labels, C), probs),
    "rmse": tf.metrics.root_mean_squared_error(tf.one_hot(labels, C), probs, weights=w[:, None]),
    "mean": tf.metrics.mean(tf.reduce_max(probs, 1)),
    "fn": tf.metrics.false_negatives_at_thresholds(binl, probs[:, 0], [0.1, 0.3, 0.5]),
    "sens": tf.metrics.sensitivity_at_specificity(binl, probs[:, 0], 0.6),
}
keys = sorted(ms)
upd = [ms[k][1] for k in keys]
val = [ms[k][0] for k in keys]
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in tf.local_variables()))
with tf.Session() as s:
    for rnd in range(2):
        s.run(tf.local_variables_initializer())
        for b in range(4):
            L = rs.randint(0, C, 10).astype(np.int64)
            G = (rs.randn(10, C) + 1.5 * np.eye(C)[L]).astype(np.float32)
            W = rs.rand(10).astype(np.float32)
            u = s.run(upd, {labels: L, logits: G, w: W})
            print(rnd, b, [(k, repr(np.asarray(x).tolist())) for k, x in zip(keys, u)])
        for k, x in zip(keys, s.run(val)):
            print(k, repr(np.asarray(x).tolist()))
