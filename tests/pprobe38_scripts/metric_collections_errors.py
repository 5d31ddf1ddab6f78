"""tf.metrics edges: precision_at_thresholds / recall_at_thresholds, auc on 2-D predictions
with [N, 1] weights, metrics_collections / updates_collections, metric names inside a
variable scope, and the errors TF raises for a bad curve, summation_method and thresholds."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3841)
rs = np.random.RandomState(3842)
lab = tf.placeholder(tf.int32, [None, 2])
pr = tf.placeholder(tf.float32, [None, 2])
w = tf.placeholder(tf.float32, [None, 1])
with tf.variable_scope("evalz"):
    pt = tf.metrics.precision_at_thresholds(lab, pr, [0.2, 0.6], weights=w,
                                            metrics_collections=["mc"],
                                            updates_collections=["uc"])
    rt = tf.metrics.recall_at_thresholds(lab, pr, [0.3, 0.5, 0.9], name="rat")
    a2 = tf.metrics.auc(lab, pr, weights=w, num_thresholds=17,
                        summation_method="minoring", metrics_collections=["mc"])
    a3 = tf.metrics.auc(lab, pr, curve="PR", summation_method="majoring",
                        updates_collections=["uc"])
print([t.name for t in tf.get_collection("mc")], [t.name for t in tf.get_collection("uc")])
print(sorted(v.name for v in tf.local_variables()))
print(sorted(v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)))
for kw in ({"curve": "XX"}, {"summation_method": "simpson"}, {"num_thresholds": 1}):
    try:
        tf.metrics.auc(lab, pr, **kw)
        print("no error", kw)
    except Exception as e:
        print(type(e).__name__, str(e))
try:
    tf.metrics.auc(lab, tf.placeholder(tf.float32, [None, 3]))
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
print(len(tf.get_default_graph().get_operations()))
ups = [pt[1], rt[1], a2[1], a3[1]]
vals = [pt[0], rt[0], a2[0], a3[0]]
with tf.Session() as s:
    for rnd in range(2):
        s.run(tf.local_variables_initializer())
        for b in range(3):
            L = (rs.rand(7, 2) < 0.5).astype(np.int32)
            P = np.clip(rs.rand(7, 2) * 0.7 + 0.3 * L, 0, 1).astype(np.float32)
            W = rs.rand(7, 1).astype(np.float32)
            u = s.run(ups, {lab: L, pr: P, w: W})
            print(rnd, b, [repr(np.asarray(x).tolist()) for x in u])
        print([repr(np.asarray(x).tolist()) for x in s.run(vals)])
