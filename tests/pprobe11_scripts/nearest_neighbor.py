"""Nearest neighbour in the style of aymericdamien's TensorFlow-Examples: an L1 distance to
every training point and tf.arg_min, evaluated point by point with feeds; then a k-nearest
neighbour vote with L2 distances, tf.nn.top_k and one_hot sums on synthetic seeded data."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1101)
tf.set_random_seed(1102)
centers = rs.randn(4, 6).astype(np.float32) * 3
ytr = rs.randint(0, 4, 60)
Xtr = (centers[ytr] + rs.randn(60, 6)).astype(np.float32)
yte = rs.randint(0, 4, 12)
Xte = (centers[yte] + rs.randn(12, 6)).astype(np.float32)
Ytr = np.eye(4, dtype=np.float32)[ytr]

xtr = tf.placeholder("float", [None, 6])
xte = tf.placeholder("float", [6])
distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices=1)
pred = tf.arg_min(distance, 0)
init = tf.global_variables_initializer()

# k-NN on a batch with L2 distances
k = 5
xq = tf.placeholder(tf.float32, [None, 6])
d2 = tf.reduce_sum(tf.square(tf.expand_dims(xq, 1) - tf.expand_dims(xtr, 0)), axis=2)
neg_top, idx = tf.nn.top_k(-d2, k=k)
votes = tf.reduce_sum(tf.gather(tf.constant(Ytr), idx), axis=1)
knn_pred = tf.argmax(votes, axis=1)
knn_acc = tf.reduce_mean(tf.cast(tf.equal(knn_pred, tf.constant(yte, tf.int64)), tf.float32))
# a randomly subsampled reference set (seeded op)
sub = tf.random_shuffle(tf.range(60), seed=7)[:20]
sub_d = tf.reduce_min(tf.gather(d2, sub, axis=1), axis=1)

print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(init)
    accuracy = 0.
    for i in range(len(Xte)):
        nn_index, dist = sess.run([pred, distance], feed_dict={xtr: Xtr, xte: Xte[i, :]})
        print("Test", i, "Prediction:", ytr[nn_index], "True Class:", yte[i],
              "nn", nn_index, repr(float(dist[nn_index])))
        if ytr[nn_index] == yte[i]:
            accuracy += 1. / len(Xte)
    print("Done! Accuracy:", repr(accuracy))
    out = sess.run([neg_top, idx, votes, knn_pred, knn_acc, sub, sub_d],
                   {xq: Xte, xtr: Xtr})
    for o in out:
        print(H(o))
    print(out[3].tolist(), repr(float(out[4])), out[5].tolist())
    print([repr(float(v)) for v in out[0][:2].ravel()])
