"""tf.losses with weights, reductions and label smoothing (softmax, sigmoid, sparse
softmax, hinge, huber, log_loss, absolute_difference, cosine_distance,
mean_pairwise_squared_error), tf.nn.weighted_cross_entropy_with_logits, focal loss by hand,
get_total_loss with a regularizer, all trained for a few steps with Adagrad."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
rs = np.random.RandomState(42)
N, F, C = 10, 6, 3
x = tf.placeholder(tf.float32, [N, F])
yi = tf.placeholder(tf.int32, [N])
wt = tf.placeholder(tf.float32, [N])
yo = tf.one_hot(yi, C)
logits = tf.layers.dense(x, C, kernel_regularizer=tf.contrib.layers.l2_regularizer(0.01))
R = tf.losses.Reduction
L = {}
L["softmax_ls"] = tf.losses.softmax_cross_entropy(yo, logits, weights=wt, label_smoothing=0.1)
L["sigmoid_ls"] = tf.losses.sigmoid_cross_entropy(
    yo, logits, weights=wt[:, None], label_smoothing=0.2, reduction=R.SUM_BY_NONZERO_WEIGHTS
)
L["sparse_mean"] = tf.losses.sparse_softmax_cross_entropy(yi, logits, weights=wt, reduction=R.MEAN)
L["hinge"] = tf.losses.hinge_loss(yo, logits, reduction=R.SUM)
L["huber"] = tf.losses.huber_loss(yo, tf.nn.softmax(logits), delta=0.3, weights=2.0)
L["log"] = tf.losses.log_loss(
    yo, tf.nn.softmax(logits), epsilon=1e-6, reduction=R.SUM_OVER_BATCH_SIZE
)
L["abs"] = tf.losses.absolute_difference(
    yo, tf.nn.softmax(logits), reduction=R.NONE, loss_collection=None
)
L["cos"] = tf.losses.cosine_distance(
    tf.nn.l2_normalize(yo + 0.1, 1), tf.nn.l2_normalize(logits, 1), axis=1
)
L["mpse"] = tf.losses.mean_pairwise_squared_error(yo, tf.nn.softmax(logits), weights=wt[:, None])
L["wce"] = tf.reduce_mean(tf.nn.weighted_cross_entropy_with_logits(yo, logits, pos_weight=3.0))
p = tf.nn.softmax(logits)
L["focal"] = tf.reduce_mean(-tf.reduce_sum(yo * 0.25 * tf.pow(1.0 - p, 2.0) * tf.log(p + 1e-8), 1))
total = tf.losses.get_total_loss()
keys = sorted(L)
train = tf.train.AdagradOptimizer(0.1, initial_accumulator_value=0.05).minimize(
    total + L["focal"] + tf.reduce_sum(L["abs"]) + L["wce"]
)
print(len(tf.get_default_graph().get_operations()))
print(sorted(t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)))
X = rs.randn(N, F).astype(np.float32)
Yv = rs.randint(0, C, N).astype(np.int32)
W = np.array([1, 0, 2, 1, 1, 0.5, 0, 1, 3, 1], np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        vals = s.run([L[k] for k in keys] + [total, train], {x: X, yi: Yv, wt: W})
        print(
            i,
            [(k, repr(np.asarray(v).tolist())) for k, v in zip(keys, vals)],
            repr(float(vals[-2])),
        )
