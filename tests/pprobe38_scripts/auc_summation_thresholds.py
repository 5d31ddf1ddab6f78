"""Streaming ROC/PR auc under every summation_method (trapezoidal, careful_interpolation,
minoring, majoring) and num_thresholds, weighted; true/false positives and negatives at
thresholds; sensitivity_at_specificity / specificity_at_sensitivity; two passes reset by
local_variables_initializer."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3801)
rs = np.random.RandomState(3802)
lab = tf.placeholder(tf.bool, [None])
sc = tf.placeholder(tf.float32, [None])
w = tf.placeholder(tf.float32, [None])
noise = tf.random_uniform(tf.shape(sc), 0.0, 0.05, seed=11)
p = tf.clip_by_value(sc + noise, 0.0, 1.0)
ms = {}
for curve in ("ROC", "PR"):
    for meth in ("trapezoidal", "careful_interpolation", "minoring", "majoring"):
        for nt in (7, 200):
            ms["%s_%s_%d" % (curve, meth, nt)] = tf.metrics.auc(
                lab, p, num_thresholds=nt, curve=curve, summation_method=meth)
ms["ROC_w"] = tf.metrics.auc(lab, p, weights=w, num_thresholds=33)
ms["PR_w_ci"] = tf.metrics.auc(lab, p, weights=w, curve="PR",
                               summation_method="careful_interpolation")
th = [0.0, 0.25, 0.5, 0.75, 1.0]
ms["tp"] = tf.metrics.true_positives_at_thresholds(lab, p, th)
ms["fp"] = tf.metrics.false_positives_at_thresholds(lab, p, th, weights=w)
ms["tn"] = tf.metrics.true_negatives_at_thresholds(lab, p, th)
ms["fn"] = tf.metrics.false_negatives_at_thresholds(lab, p, th, weights=w)
ms["sens"] = tf.metrics.sensitivity_at_specificity(lab, p, 0.7, num_thresholds=50)
ms["spec"] = tf.metrics.specificity_at_sensitivity(lab, p, 0.8)
ms["spec_w"] = tf.metrics.specificity_at_sensitivity(lab, p, 0.5, weights=w, num_thresholds=20)
keys = sorted(ms)
upd = [ms[k][1] for k in keys]
val = [ms[k][0] for k in keys]
g = tf.get_default_graph()
print(len(g.get_operations()), len(tf.local_variables()))
print([v.name for v in tf.local_variables()][:12])
print(ms["PR_careful_interpolation_7"][0].name, ms["ROC_w"][1].name, ms["spec"][0].name)
with tf.Session() as s:
    for rnd in range(2):
        s.run(tf.local_variables_initializer())
        for b in range(3):
            L = rs.rand(12) < 0.4
            S = np.clip(rs.rand(12) * 0.8 + 0.2 * L, 0, 0.95).astype(np.float32)
            W = rs.rand(12).astype(np.float32)
            u = s.run(upd, {lab: L, sc: S, w: W})
            print(rnd, b, [(k, repr(np.asarray(x).tolist())) for k, x in zip(keys, u)])
        for k, x in zip(keys, s.run(val)):
            print(k, repr(np.asarray(x).tolist()))
