"""Matrix factorization for ratings: user and item embeddings with embedding_lookup (sparse
IndexedSlices gradients) plus biases, an L2 penalty on the looked-up rows, trained with
Adagrad, FTRL (l1/l2, lr_power) , ProximalAdagrad and ProximalGradientDescent copies of the
same model in separate scopes; a sparse_tensor_dense_matmul of a SparseTensor of ratings
and embedding_lookup_sparse with sqrtn give item-averaged user profiles."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(771)
rs = np.random.RandomState(772)
NU, NI, K = 9, 11, 4
u = tf.placeholder(tf.int32, [None])
i = tf.placeholder(tf.int32, [None])
r = tf.placeholder(tf.float32, [None])


def model(scope):
    with tf.variable_scope(scope):
        P = tf.get_variable("P", [NU, K], initializer=tf.random_normal_initializer(0, 0.1))
        Q = tf.get_variable("Q", [NI, K], initializer=tf.random_normal_initializer(0, 0.1))
        bu = tf.get_variable("bu", [NU], initializer=tf.zeros_initializer())
        bi = tf.get_variable("bi", [NI], initializer=tf.zeros_initializer())
        pu = tf.nn.embedding_lookup(P, u)
        qi = tf.nn.embedding_lookup(Q, i)
        pred = tf.reduce_sum(pu * qi, 1) + tf.gather(bu, u) + tf.gather(bi, i) + 3.0
        reg = 0.01 * (tf.nn.l2_loss(pu) + tf.nn.l2_loss(qi))
        return tf.reduce_mean(tf.square(pred - r)) + reg, P, Q


opts = [
    ("ada", tf.train.AdagradOptimizer(0.3, initial_accumulator_value=0.05)),
    (
        "ftrl",
        tf.train.FtrlOptimizer(
            0.5,
            learning_rate_power=-0.5,
            l1_regularization_strength=0.001,
            l2_regularization_strength=0.01,
        ),
    ),
    (
        "padag",
        tf.train.ProximalAdagradOptimizer(
            0.3, l1_regularization_strength=0.001, l2_regularization_strength=0.001
        ),
    ),
    ("pgd", tf.train.ProximalGradientDescentOptimizer(0.5, l1_regularization_strength=0.01)),
]
losses, trains, Ps, Qs = [], [], [], []
for name, opt in opts:
    lo, P, Q = model(name)
    losses.append(lo)
    Ps.append(P)
    Qs.append(Q)
    trains.append(opt.minimize(lo))
sp = tf.sparse_placeholder(tf.float32, [NU, NI])
prof = tf.sparse_tensor_dense_matmul(sp, Qs[0])
ids = tf.SparseTensor(sp.indices, tf.cast(sp.indices[:, 1], tf.int64), sp.dense_shape)
prof2 = tf.nn.embedding_lookup_sparse(Qs[0], ids, sp, combiner="sqrtn")
print(len(tf.get_default_graph().get_operations()))
n = 40
U = rs.randint(0, NU, n).astype(np.int32)
Iv = rs.randint(0, NI, n).astype(np.int32)
Rv = rs.randint(1, 6, n).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(6):
        b = rs.randint(0, n, 12)
        out = s.run(losses + trains, {u: U[b], i: Iv[b], r: Rv[b]})
        print(step, [repr(float(v)) for v in out[:4]])
    for P in Ps:
        print(P.name, H(s.run(P)))
    pairs = sorted(set(zip(U.tolist(), Iv.tolist())))
    idx = np.array(pairs, np.int64)
    val = np.array([float(Rv[(U == a) & (Iv == c)][0]) for a, c in pairs], np.float32)
    sv = tf.SparseTensorValue(idx, val, [NU, NI])
    a, c = s.run([prof, prof2], {sp: sv})
    print(H(a), H(c), repr(c[0].tolist()))
