"""tf.data: from_tensor_slices of placeholders, map with a random op, shuffle(seed), batch,
repeat, make_initializable_iterator re-initialised with other feeds; a small model trained
from get_next."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(44)
fx = tf.placeholder(tf.float32, [None, 3])
fy = tf.placeholder(tf.int64, [None])
ds = tf.data.Dataset.from_tensor_slices((fx, fy))
ds = ds.map(lambda a, b: (a + tf.random_normal([3], stddev=0.1), b))
ds = ds.shuffle(8, seed=3).batch(4).repeat(2)
it = ds.make_initializable_iterator()
bx, by = it.get_next()
logits = tf.layers.dense(bx, 3)
loss = tf.losses.sparse_softmax_cross_entropy(by, logits)
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
rs = np.random.RandomState(4)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for ep in range(2):
        n = 10 + ep * 3
        s.run(it.initializer, {fx: rs.randn(n, 3).astype(np.float32), fy: rs.randint(0, 3, n)})
        k = 0
        while True:
            try:
                lv, yy, _ = s.run([loss, by, train])
            except tf.errors.OutOfRangeError:
                break
            print(ep, k, repr(float(lv)), yy.tolist())
            k += 1
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
