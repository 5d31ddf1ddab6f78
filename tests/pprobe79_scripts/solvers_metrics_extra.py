"""The corners of the same toolbox: odeint's full_output info and odeint_fixed (rk4,
midpoint) with a gradient, a GMM by tf.contrib.factorization.gmm, KMeans with cosine
distance and random initial clusters, streaming_auc's PR curve, tf.metrics.auc's careful
interpolation, streaming_concat along an axis with max_size, streaming_pearson_correlation
and streaming_mean_iou, ScipyOptimizerInterface on two variables with CG; values printed,
op types and errors."""
import numpy as np
import tensorflow as tf

np.random.seed(8)
tf.set_random_seed(9)
rs = np.random.RandomState(4)

y0 = tf.constant([1.0, 0.5], tf.float64)
t = tf.constant([0.0, 0.25, 1.0], tf.float64)
a = tf.Variable(1.5, dtype=tf.float64, name="a")
ys, info = tf.contrib.integrate.odeint(lambda y, t: -a * y + tf.sin(t), y0, t,
                                       full_output=True)
print(sorted(info.keys()))
fx = tf.contrib.integrate.odeint_fixed(lambda y, t: -a * y, y0, t, dt=0.125, method="rk4")
mid = tf.contrib.integrate.odeint_fixed(lambda y, t: -a * y, y0, t, dt=0.125,
                                        method="midpoint")
g = tf.gradients(tf.reduce_sum(fx[-1]), a)[0]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r, i = sess.run([ys, info])
    print(np.round(r, 6).tolist(), int(i["num_func_evals"]), i["integrate_points"].shape)
    print(sess.run(fx).tolist())
    print(sess.run(mid).tolist())
    print(repr(sess.run(g)))
for bad in [dict(method="euler2"), dict(dt=None)]:
    try:
        kw = dict(dt=0.1, method="rk4")
        kw.update(bad)
        tf.contrib.integrate.odeint_fixed(lambda y, t: -y, y0, t, **kw)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])

tf.reset_default_graph()
pts = np.concatenate([rs.randn(12, 2) * 0.5 + [2, 2], rs.randn(12, 2) * 0.5 - [2, 2]])
pts = pts.astype(np.float32)
data = tf.constant(pts)
km = tf.contrib.factorization.KMeans(data, 2, initial_clusters="random",
                                     distance_metric="cosine", random_seed=3)
all_scores, idx, scores, inited, init_op, train_op = km.training_graph()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(init_op)
    for it in range(3):
        _, s, ix = sess.run([train_op, scores, idx])
        print(it, repr(float(s[0].sum())), ix[0].tolist())

tf.reset_default_graph()
x = tf.constant(pts)
gmm_out = tf.contrib.factorization.gmm(x, "random", 2, 5, covariance_type="diag")
print(len(gmm_out), [type(o).__name__ for o in gmm_out])
loss_gmm, scores_gmm, assign_gmm, train_gmm, init_gmm, inited_gmm = gmm_out
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(init_gmm)
    for it in range(3):
        sess.run(train_gmm)
        print(it, repr(float(sess.run(loss_gmm))))
    print(np.asarray(sess.run(assign_gmm)).reshape(-1).tolist())

tf.reset_default_graph()
probs = tf.constant(rs.rand(16).astype(np.float32))
labels = tf.constant(rs.rand(16) > 0.5)
pr_auc, pr_up = tf.contrib.metrics.streaming_auc(probs, labels, curve="PR",
                                                 num_thresholds=20)
ci_auc, ci_up = tf.metrics.auc(
    labels, probs, summation_method="careful_interpolation", num_thresholds=20)
feat = tf.placeholder(tf.float32, [None, 3])
cat, cat_up = tf.contrib.metrics.streaming_concat(feat, axis=0, max_size=4)
preds = tf.constant(rs.randn(10).astype(np.float32))
lbl = preds * 0.7 + tf.constant(rs.randn(10).astype(np.float32))
pc, pc_up = tf.contrib.metrics.streaming_pearson_correlation(preds, lbl)
iou, iou_up = tf.contrib.metrics.streaming_mean_iou(tf.constant([0, 1, 2, 1, 0]),
                                                   tf.constant([0, 1, 1, 1, 2]), 3)
print(pr_up.op.type, ci_auc.op.name, cat.shape, pc.op.name, iou.op.name, iou_up.op.type)
with tf.Session() as sess:
    sess.run(tf.local_variables_initializer())
    print([repr(float(v)) for v in sess.run([pr_up, ci_up, pc_up])])
    print(sess.run(iou_up).tolist(), repr(float(sess.run(iou))))
    for n in [1, 2, 3]:
        sess.run(cat_up, {feat: np.full((n, 3), n, np.float32)})
        print(sess.run(cat).tolist())
try:
    tf.contrib.metrics.streaming_auc(probs, labels, curve="XY")
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])

tf.reset_default_graph()
u = tf.Variable([1.0, -1.0], name="u")
w = tf.Variable([[0.5]], name="w")
obj = tf.reduce_sum(tf.square(u - [2.0, 3.0])) + tf.reduce_sum(tf.square(w + 1.0))
cg = tf.contrib.opt.ScipyOptimizerInterface(obj, method="CG", options={"maxiter": 20})
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    cg.minimize(sess)
    print("cg", np.round(sess.run(u), 4).tolist(), np.round(sess.run(w), 4).tolist(),
          "%.5f" % sess.run(obj))
try:
    tf.contrib.opt.ScipyOptimizerInterface(obj, var_to_bounds={u: (0.0, 1.0)},
                                           method="CG")
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
