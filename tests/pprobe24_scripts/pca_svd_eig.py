"""PCA in TF1 graph mode as in the classic tutorial repos: centre the data, tf.svd of the
centred matrix (thin and full, singular values only), tf.self_adjoint_eig of the covariance
(eigenvalues ascending, reversed to take the top-k), projection onto the leading components,
reconstruction error and explained variance ratios; gradient of the top singular value."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2401)
tf.set_random_seed(2402)
mix = rs.randn(5, 5)
raw = rs.randn(40, 5) * np.array([3., 2., 1., .5, .1])
# elementwise products summed in order (no BLAS dot: its last bits vary across NumPy builds)
data = (raw[:, :, None] * mix[None]).sum(axis=1).astype(np.float32)

X = tf.placeholder(tf.float32, [40, 5], name="X")
k = 2
mean = tf.reduce_mean(X, axis=0, keepdims=True)
Xc = X - mean
s, u, v = tf.svd(Xc)
s_full, u_full, v_full = tf.svd(Xc, full_matrices=True, name="full_svd")
s_only = tf.svd(Xc, compute_uv=False)
proj_svd = tf.matmul(Xc, v[:, :k])
recon = tf.matmul(proj_svd, v[:, :k], transpose_b=True) + mean
recon_err = tf.reduce_mean(tf.square(X - recon))

n = tf.cast(tf.shape(X)[0], tf.float32)
cov = tf.matmul(Xc, Xc, transpose_a=True) / (n - 1.0)
evals, evecs = tf.self_adjoint_eig(cov)
evals_only = tf.self_adjoint_eigvals(cov)
top = tf.reverse(evecs, axis=[1])[:, :k]
proj_eig = tf.matmul(Xc, top)
ratio = tf.reverse(evals, [0]) / tf.reduce_sum(evals)
cum = tf.cumsum(ratio)
# the two routes agree up to a sign per component
agree = tf.reduce_max(tf.abs(tf.abs(proj_svd) - tf.abs(proj_eig)))
sv2 = tf.square(s) / (n - 1.0)

# the leading singular value's gradient with respect to the data (u0 v0^T, centred)
gs = tf.gradients(s[0], X)[0]
ge = tf.gradients(evals[-1], X)[0]
# a small PCA whitening with a seeded random probe
probe = tf.random_normal([3, 5], seed=7)
white = tf.matmul(probe - mean, top) / tf.sqrt(tf.reverse(evals, [0])[:k])

with tf.Session() as sess:
    r = sess.run({"s": s, "u": u, "v": v, "sf": s_full, "uf": u_full, "vf": v_full,
                  "so": s_only, "ps": proj_svd, "err": recon_err, "ev": evals,
                  "evo": evals_only, "vec": evecs, "pe": proj_eig, "ratio": ratio,
                  "cum": cum, "agree": agree, "sv2": sv2, "gs": gs, "ge": ge,
                  "white": white}, {X: data})
for key in sorted(r):
    print(key, H(r[key]))
print("s", r["s"].tolist())
print("so", r["so"].tolist())
print("ev", r["ev"].tolist())
print("evo", r["evo"].tolist())
print("sv2", r["sv2"].tolist())
print("ratio", r["ratio"].tolist())
print("cum", r["cum"].tolist())
print("err", repr(float(r["err"])), "agree<1e-3", bool(r["agree"] < 1e-3))
print("abs v", np.abs(r["v"]).tolist())
print("abs vec", np.abs(r["vec"]).tolist())
print("uf shape", r["uf"].shape, "vf shape", r["vf"].shape)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(sorted({o.type for o in g.get_operations()}))
print([o.name for o in g.get_operations() if o.type in ("Svd", "SelfAdjointEigV2")])
