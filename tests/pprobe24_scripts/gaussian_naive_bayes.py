"""Gaussian naive Bayes in TF1 graph mode: per-class means and variances from
tf.unsorted_segment_sum / tf.math.bincount style counts, class log-likelihoods by
tf.contrib.distributions.Normal(...).log_prob summed over features, the same by hand and by
MultivariateNormalDiag, log priors, the posterior by tf.reduce_logsumexp and tf.nn.softmax,
predictions by tf.argmax, a confusion matrix and sampling from the fitted class
conditionals (seeded)."""

import hashlib
import numpy as np
import tensorflow as tf

ds = tf.contrib.distributions


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2421)
tf.set_random_seed(2422)
K, D = 3, 4
mu_true = rs.randn(K, D) * 2.0
sd_true = rs.uniform(0.5, 1.5, (K, D))
ytr = rs.randint(0, K, 90)
Xtr = (mu_true[ytr] + rs.randn(90, D) * sd_true[ytr]).astype(np.float32)
yte = rs.randint(0, K, 15)
Xte = (mu_true[yte] + rs.randn(15, D) * sd_true[yte]).astype(np.float32)

X = tf.placeholder(tf.float32, [None, D], name="X")
y = tf.placeholder(tf.int32, [None], name="y")
Q = tf.placeholder(tf.float32, [None, D], name="Q")
yq = tf.placeholder(tf.int32, [None], name="yq")

counts = tf.unsorted_segment_sum(tf.ones_like(y, tf.float32), y, K)
sums = tf.unsorted_segment_sum(X, y, K)
means = sums / counts[:, None]
sq = tf.unsorted_segment_sum(tf.square(X - tf.gather(means, y)), y, K)
var = sq / counts[:, None] + 1e-9
std = tf.sqrt(var)
log_prior = tf.log(counts / tf.reduce_sum(counts))

dist = ds.Normal(loc=means, scale=std)
ll = tf.reduce_sum(dist.log_prob(Q[:, None, :]), axis=2)
hand = tf.reduce_sum(-0.5 * tf.log(2.0 * np.pi * var)[None]
                     - tf.square(Q[:, None, :] - means[None]) / (2.0 * var[None]), axis=2)
mvn = ds.MultivariateNormalDiag(loc=means, scale_diag=std)
ll_mvn = mvn.log_prob(Q[:, None, :])
joint = ll + log_prior
log_post = joint - tf.reduce_logsumexp(joint, axis=1, keepdims=True)
post = tf.nn.softmax(joint)
pred = tf.argmax(joint, axis=1, output_type=tf.int32)
cm = tf.confusion_matrix(yq, pred, num_classes=K)
acc = tf.reduce_mean(tf.cast(tf.equal(pred, yq), tf.float32))
samples = dist.sample(2, seed=9)
entropy = tf.reduce_sum(dist.entropy(), 1)
kl01 = tf.reduce_sum(ds.kl_divergence(ds.Normal(means[0], std[0]), ds.Normal(means[1], std[1])))

with tf.Session() as sess:
    fit = sess.run({"counts": counts, "means": means, "var": var, "prior": log_prior},
                   {X: Xtr, y: ytr})
    for k in sorted(fit):
        print(k, fit[k].tolist())
    r = sess.run({"ll": ll, "hand": hand, "mvn": ll_mvn, "lp": log_post, "post": post,
                  "pred": pred, "cm": cm, "acc": acc, "s": samples, "ent": entropy,
                  "kl": kl01}, {X: Xtr, y: ytr, Q: Xte, yq: yte})
    for k in sorted(r):
        print(k, H(r[k]))
    print("pred", r["pred"].tolist(), "true", yte.tolist(), "acc", repr(float(r["acc"])))
    print("cm", r["cm"].tolist())
    print("ll row0", r["ll"][0].tolist(), r["hand"][0].tolist(), r["mvn"][0].tolist())
    print("ent", r["ent"].tolist(), "kl", repr(float(r["kl"])))
    print("samples", r["s"].reshape(-1).tolist()[:8])
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(sorted({o.type for o in g.get_operations()}))
