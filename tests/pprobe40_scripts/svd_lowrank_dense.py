"""Model compression of a trained MLP by low-rank factorisation: the hidden dense kernel is
decomposed with tf.svd (full_matrices False and True, compute_uv False), truncated to rank
2 and 4 (U_k diag(s_k) and V_k^T as two stacked dense layers built from the factors with
tf.matmul(..., adjoint_b=True)), the reconstruction error by tf.norm (fro and ord 2), then
the factored model fine-tuned with Adam while its weights are clipped after each step
(tf.clip_by_norm per column on one factor, tf.clip_by_value on the other, run as assign
ops in a control dependency); op counts, singular values and losses at full precision."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(4011)
rs = np.random.RandomState(4012)
X = rs.randn(32, 5).astype(np.float32)
Y = np.stack([X[:, 0] * X[:, 0] * 0.5 + X[:, 1] * X[:, 2], X[:, 3] - X[:, 4] ** 2], 1).astype(
    np.float32
)

with tf.variable_scope("full"):
    h = tf.layers.dense(X, 12, tf.nn.tanh, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    h2 = tf.layers.dense(
        h, 8, tf.nn.tanh, name="mid", kernel_initializer=tf.glorot_uniform_initializer(seed=2)
    )
    out = tf.layers.dense(h2, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
loss = tf.losses.mean_squared_error(Y, out)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
mid_k = tf.get_default_graph().get_tensor_by_name("full/mid/kernel:0")

s_, u_, v_ = tf.svd(mid_k)
sf, uf, vf = tf.svd(mid_k, full_matrices=True)
sv = tf.svd(mid_k, compute_uv=False)
print("svd shapes", s_.shape, u_.shape, v_.shape, uf.shape, vf.shape, sv.shape)
print("svd ops", [o.type for o in tf.get_default_graph().get_operations() if o.type == "Svd"])


def low_rank(r):
    a = u_[:, :r] * s_[:r]
    b = v_[:, :r]
    rec = tf.matmul(a, b, adjoint_b=True)
    err = [tf.norm(mid_k - rec), tf.norm(mid_k - rec, ord=2, axis=[0, 1])]
    return a, b, rec, err


with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(40):
        lv, _ = s.run([loss, train])
        if i % 10 == 0:
            print("step", i, repr(float(lv)))
    print("trained", repr(float(s.run(loss))), H(s.run(mid_k)))
    print("s", R(s.run(s_)))
    print("s full/nouv", R(s.run(sf)), R(s.run(sv)))
    uu, vv = s.run([u_, v_])
    print("u v", H(np.abs(uu)), H(np.abs(vv)))
    print("uf vf", H(np.abs(s.run(uf))), H(np.abs(s.run(vf))))
    facs = {}
    for r in (2, 4):
        a, b, rec, err = low_rank(r)
        av, bv, ev = s.run([a, b, err])
        print("rank", r, R(ev), H(s.run(rec)).__getitem__(1))
        facs[r] = (av, bv)

av, bv = facs[4]
with tf.variable_scope("lowrank"):
    h = tf.layers.dense(X, 12, tf.nn.tanh, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    fa = tf.Variable(av, name="fa")
    fb = tf.Variable(bv, name="fb")
    bias = tf.Variable(tf.zeros([8]), name="bias")
    h2 = tf.nn.tanh(tf.matmul(tf.matmul(h, fa), fb, transpose_b=True) + bias)
    out2 = tf.layers.dense(h2, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
loss2 = tf.losses.mean_squared_error(Y, out2)
vars2 = tf.trainable_variables("lowrank")
step2 = tf.train.AdamOptimizer(0.02).minimize(loss2, var_list=vars2)
with tf.control_dependencies([step2]):
    clip = tf.group(
        tf.assign(fa, tf.clip_by_norm(fa, 0.9, axes=[0])),
        tf.assign(fb, tf.clip_by_value(fb, -0.5, 0.5)),
        name="clip",
    )
print("vars2", [v.name for v in vars2])
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(20):
        lv, _ = s.run([loss2, clip])
        if i % 5 == 0:
            print("ft", i, repr(float(lv)))
    fav, fbv = s.run([fa, fb])
    print("fa colnorm", R(np.sqrt((fav.astype(np.float64) ** 2).sum(0))))
    print("fb range", repr(float(fbv.min())), repr(float(fbv.max())))
    print("final", repr(float(s.run(loss2))), H(fav), H(fbv))
