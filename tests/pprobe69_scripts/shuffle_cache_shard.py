"""Epochs over shard / cache / shuffle(seed, reshuffle_each_iteration) / filter / skip / take."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
np.random.seed(11)

data = np.random.randn(24, 3).astype(np.float32)
labels = (data.sum(1) > 0).astype(np.int64)

base = tf.data.Dataset.from_tensor_slices((data, labels))
idx = tf.data.Dataset.range(24)
sharded = idx.shard(3, 1)
with tf.Session() as sess:
    n = sharded.make_one_shot_iterator().get_next()
    got = []
    try:
        while True:
            got.append(int(sess.run(n)))
    except tf.errors.OutOfRangeError:
        print("shard", got)

for reshuffle in (True, False):
    d = idx.take(8).shuffle(8, seed=42, reshuffle_each_iteration=reshuffle).repeat(3).batch(8)
    n = d.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        for ep in range(3):
            print("reshuffle", reshuffle, ep, sess.run(n).tolist())

# cache in memory: a map counter via py_func only runs the first epoch
calls = []


def count(x):
    calls.append(int(x))
    return x * 2


c = idx.take(5).map(lambda x: tf.py_func(count, [x], tf.int64)).cache().repeat(2)
cn = c.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    vals = []
    try:
        while True:
            vals.append(int(sess.run(cn)))
    except tf.errors.OutOfRangeError:
        pass
print("cache", vals, "calls", len(calls))

f = idx.filter(lambda x: tf.equal(x % 3, 0)).skip(2).take(4)
f2 = f.concatenate(idx.take(2)).map(lambda x: x + 100)
z = tf.data.Dataset.zip((f2, idx.skip(20)))
print("zip", z.output_types, z.output_shapes)
zn = z.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    try:
        while True:
            print("zip item", sess.run(zn))
    except tf.errors.OutOfRangeError as ex:
        print("OutOfRangeError", type(ex).__name__)

# train a logistic regression over 2 epochs of shuffled data
train_ds = base.shuffle(24, seed=1).batch(6).repeat(2)
it = train_ds.make_initializable_iterator()
x, y = it.get_next()
logits = tf.layers.dense(x, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(it.initializer)
    i = 0
    while True:
        try:
            lv, a, _ = sess.run([loss, acc, step])
            print("step", i, "%.9g" % lv, "%.9g" % a)
            i += 1
        except tf.errors.OutOfRangeError:
            print("done after", i)
            break
print("dataset ops", sorted(set(op.type for op in tf.get_default_graph().get_operations()
                                 if "Dataset" in op.type)))
