"""Linear and quadratic discriminant analysis with tf.linalg in TF1 graph mode: class means by
tf.dynamic_partition, per-class covariances batched, the pooled covariance, LDA's linear
discriminants through tf.linalg.inv and tf.linalg.solve, QDA's quadratic ones through a
batched tf.linalg.cholesky, tf.linalg.triangular_solve and tf.linalg.logdet / slogdet,
tf.einsum Mahalanobis terms, posteriors by tf.nn.log_softmax; Fisher's projection from the
between/within scatter by tf.linalg.eigh of W^-1/2 B W^-1/2 and gradients of the QDA
log-likelihood with respect to the means."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2441)
tf.set_random_seed(2442)
K, D, per = 3, 3, 20
means_true = rs.randn(K, D) * 2.5
mixes = rs.randn(K, D, D) * 0.6 + np.eye(D)
y_np = np.repeat(np.arange(K), per)
z = rs.randn(K * per, D)
X_np = np.stack([(z[i][:, None] * mixes[y_np[i]]).sum(0) + means_true[y_np[i]]
                 for i in range(K * per)]).astype(np.float32)
Q_np = (rs.randn(10, D) * 2.0).astype(np.float32)

X = tf.placeholder(tf.float32, [K * per, D], name="X")
y = tf.placeholder(tf.int32, [K * per], name="y")
Q = tf.placeholder(tf.float32, [None, D], name="Q")

parts = tf.dynamic_partition(X, y, K)
mus = tf.stack([tf.reduce_mean(p, 0) for p in parts])
centred = [p - tf.reduce_mean(p, 0) for p in parts]
covs = tf.stack([tf.matmul(c, c, transpose_a=True) / tf.cast(tf.shape(c)[0] - 1, tf.float32)
                 for c in centred])
counts = tf.stack([tf.cast(tf.shape(p)[0], tf.float32) for p in parts])
pooled = tf.reduce_sum(covs * (counts - 1.0)[:, None, None], 0) / (tf.reduce_sum(counts) - K)
priors = counts / tf.reduce_sum(counts)

# LDA: delta_k(x) = x^T S^-1 mu_k - 0.5 mu_k^T S^-1 mu_k + log pi_k
S_inv = tf.linalg.inv(pooled)
coef = tf.linalg.solve(pooled, tf.transpose(mus))                       # [D, K]
intercept = -0.5 * tf.reduce_sum(tf.transpose(mus) * coef, 0) + tf.log(priors)
lda = tf.matmul(Q, coef) + intercept
lda_inv = tf.matmul(Q, tf.matmul(S_inv, mus, transpose_b=True)) + intercept

# QDA: -0.5 logdet S_k - 0.5 (x - mu_k)^T S_k^-1 (x - mu_k) + log pi_k
chol = tf.linalg.cholesky(covs)                                         # [K, D, D]
diff = Q[None, :, :] - mus[:, None, :]                                  # [K, N, D]
sol = tf.linalg.triangular_solve(chol, tf.transpose(diff, [0, 2, 1]), lower=True)
maha = tf.reduce_sum(tf.square(sol), 1)                                 # [K, N]
maha_ein = tf.einsum("knd,kde,kne->kn", diff, tf.linalg.inv(covs), diff)
logdets = tf.linalg.logdet(covs)
sign, logabs = tf.linalg.slogdet(covs)
qda = tf.transpose(-0.5 * logdets[:, None] - 0.5 * maha + tf.log(priors)[:, None])
post = tf.nn.log_softmax(qda)
pred_lda = tf.argmax(lda, 1)
pred_qda = tf.argmax(qda, 1)
g_mu = tf.gradients(tf.reduce_sum(tf.reduce_logsumexp(qda, 1)), mus)[0]

# Fisher LDA: eigenvectors of W^-1/2 B W^-1/2
grand = tf.reduce_mean(X, 0)
dm = mus - grand
B = tf.einsum("k,ki,kj->ij", counts, dm, dm)
W = pooled * (tf.reduce_sum(counts) - K)
ew, vw = tf.linalg.eigh(W)
w_isqrt = tf.matmul(vw * tf.rsqrt(ew), vw, transpose_b=True)
fe, fv = tf.linalg.eigh(tf.matmul(w_isqrt, tf.matmul(B, w_isqrt)))
proj = tf.matmul(X, tf.matmul(w_isqrt, fv[:, -2:]))
trace_ratio = tf.linalg.trace(tf.matmul(tf.linalg.inv(W), B))

with tf.Session() as sess:
    r = sess.run({"mus": mus, "covs": covs, "pooled": pooled, "lda": lda, "lda_inv": lda_inv,
                  "maha": maha, "maha_ein": maha_ein, "logdets": logdets, "sign": sign,
                  "logabs": logabs, "qda": qda, "post": post, "pl": pred_lda, "pq": pred_qda,
                  "gmu": g_mu, "fe": fe, "proj": proj, "tr": trace_ratio},
                 {X: X_np, y: y_np, Q: Q_np})
for k in sorted(r):
    print(k, H(r[k]))
print("pred", r["pl"].tolist(), r["pq"].tolist())
print("logdets", r["logdets"].tolist(), r["logabs"].tolist(), r["sign"].tolist())
print("lda row0", r["lda"][0].tolist(), r["lda_inv"][0].tolist())
print("qda row0", r["qda"][0].tolist())
print("maha", r["maha"][:, 0].tolist(), r["maha_ein"][:, 0].tolist())
print("fe", r["fe"].tolist(), "tr", repr(float(r["tr"])))
print("gmu", r["gmu"].tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(sorted({o.type for o in g.get_operations()}))
