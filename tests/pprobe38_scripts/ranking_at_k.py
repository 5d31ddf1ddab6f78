"""Ranking metrics over batches: precision_at_top_k, sparse_average_precision_at_k,
average_precision_at_k, precision_at_k / recall_at_k with class_id and [N, K] sparse
labels, SparseTensor labels fed through a sparse_placeholder (ragged rows), weights; second
pass after local_variables_initializer."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3811)
rs = np.random.RandomState(3812)
C = 6
lab1 = tf.placeholder(tf.int64, [None])
lab2 = tf.placeholder(tf.int64, [None, 2])
lg = tf.placeholder(tf.float32, [None, C])
w = tf.placeholder(tf.float32, [None])
sp = tf.sparse_placeholder(tf.int64, [None, 3])
_, top = tf.nn.top_k(lg, 3)
top = tf.cast(top, tf.int64)
ms = {
    "ptop3": tf.metrics.precision_at_top_k(lab1, top),
    "ptop2_l2": tf.metrics.precision_at_top_k(lab2, top[:, :2]),
    "ptop3_c1": tf.metrics.precision_at_top_k(lab2, top, class_id=1),
    "sap3": tf.metrics.sparse_average_precision_at_k(lab1, lg, 3),
    "ap2": tf.metrics.average_precision_at_k(lab2, lg, 2),
    "ap4_w": tf.metrics.average_precision_at_k(lab2, lg, 4, weights=w),
    "p3_c2": tf.metrics.precision_at_k(lab1, lg, 3, class_id=2),
    "r2_c0": tf.metrics.recall_at_k(lab2, lg, 2, class_id=0),
    "r3_w": tf.metrics.recall_at_k(lab2, lg, 3, weights=w),
    "p1_w": tf.metrics.precision_at_k(lab1, lg, 1, weights=w),
    "sp_p2": tf.metrics.precision_at_k(sp, lg, 2),
    "sp_r3_c1": tf.metrics.recall_at_k(sp, lg, 3, class_id=1),
    "sp_ap3_w": tf.metrics.average_precision_at_k(sp, lg, 3, weights=w),
    "sp_ptop": tf.metrics.precision_at_top_k(sp, top[:, :2]),
}
keys = sorted(ms)
upd = [ms[k][1] for k in keys]
val = [ms[k][0] for k in keys]
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in tf.local_variables()))
print([ms[k][0].name for k in keys])
with tf.Session() as s:
    for rnd in range(2):
        s.run(tf.local_variables_initializer())
        for b in range(3):
            L1 = rs.randint(0, C, 8).astype(np.int64)
            L2 = np.stack([L1, rs.randint(0, C, 8)], 1).astype(np.int64)
            G = (rs.randn(8, C) + np.eye(C)[L1]).astype(np.float32)
            W = rs.rand(8).astype(np.float32)
            n = rs.randint(0, 4, 8)
            idx = np.array([[r, j] for r in range(8) for j in range(n[r])], np.int64)
            vals = np.array([(L1[r] + j) % C for r in range(8) for j in range(n[r])], np.int64)
            spv = tf.SparseTensorValue(idx.reshape(-1, 2), vals, np.array([8, 3], np.int64))
            u = s.run(upd, {lab1: L1, lab2: L2, lg: G, w: W, sp: spv})
            print(rnd, b, [(k, repr(np.asarray(x).tolist())) for k, x in zip(keys, u)])
        for k, x in zip(keys, s.run(val)):
            print(k, repr(np.asarray(x).tolist()))
