"""Class rebalancing with rejection_resample and a map with num_parallel_calls."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
np.random.seed(21)

labels = np.array([0] * 30 + [1] * 6 + [2] * 4, np.int32)
feats = np.random.randn(40, 3).astype(np.float32) + labels[:, None].astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((feats, labels)).shuffle(40, seed=3).repeat()
res = ds.apply(tf.data.experimental.rejection_resample(
    lambda f, lab: lab, target_dist=[1.0 / 3, 1.0 / 3, 1.0 / 3], initial_dist=[0.75, 0.15, 0.1],
    seed=17))
print("resample", res.output_types, res.output_shapes)
bal = res.map(lambda lab, data: data, num_parallel_calls=4).batch(12)
x, y = bal.make_one_shot_iterator().get_next()
logits = tf.layers.dense(x, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=8))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    counts = np.zeros(3, np.int64)
    for i in range(6):
        yy, lv, _ = sess.run([y, loss, train])
        counts += np.bincount(yy, minlength=3)
        print("step", i, "%.9g" % lv)
    print("counts", counts.tolist())
try:
    ds.apply(tf.data.experimental.rejection_resample(
        lambda f, lab: lab, target_dist=[0.5, 0.5, 0.1, 0.2], initial_dist=[0.75, 0.15, 0.1]))
except Exception as ex:
    print(type(ex).__name__, str(ex)[:120])
