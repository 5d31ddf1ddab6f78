"""tf.data interleave / parallel_interleave / window + flat_map feeding a small regression."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
np.random.seed(7)

# interleave with cycle_length and block_length
ds = tf.data.Dataset.range(1, 4).interleave(
    lambda x: tf.data.Dataset.from_tensors(x).repeat(4), cycle_length=2, block_length=3)
nxt = ds.make_one_shot_iterator().get_next()
vals = []
with tf.Session() as sess:
    try:
        while True:
            vals.append(int(sess.run(nxt)))
    except tf.errors.OutOfRangeError:
        print("interleave end", vals)

# parallel_interleave (sloppy=False keeps order)
ds2 = tf.data.Dataset.range(4).apply(tf.data.experimental.parallel_interleave(
    lambda x: tf.data.Dataset.range(x * 10, x * 10 + 3), cycle_length=2, block_length=2,
    sloppy=False))
it2 = ds2.make_initializable_iterator()
n2 = it2.get_next()
with tf.Session() as sess:
    sess.run(it2.initializer)
    out = []
    while True:
        try:
            out.append(int(sess.run(n2)))
        except tf.errors.OutOfRangeError:
            break
    print("parallel_interleave", out)

# window + flat_map: sliding windows of a series
series = np.arange(12, dtype=np.float32)
w = tf.data.Dataset.from_tensor_slices(series).window(4, shift=2, drop_remainder=True)
w = w.flat_map(lambda win: win.batch(4))
print("window output_shapes", w.output_shapes, w.output_types)
w2 = tf.data.Dataset.from_tensor_slices(series).window(3, shift=1, stride=2)
w2 = w2.flat_map(lambda win: win.batch(3))
n_w2 = w2.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    rows = []
    try:
        while True:
            rows.append(sess.run(n_w2).tolist())
    except tf.errors.OutOfRangeError:
        pass
    print("window stride", rows)

# train a tiny model predicting the last element from the first three
pairs = w.map(lambda x: (x[:3], x[3:]), num_parallel_calls=2).repeat().batch(2)
x, y = pairs.make_one_shot_iterator().get_next()
print("x y shapes", x.shape, y.shape)
wv = tf.get_variable("w", [3, 1], initializer=tf.glorot_uniform_initializer(seed=1))
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
pred = tf.matmul(x, wv) + b
loss = tf.reduce_mean(tf.square(pred - y))
train = tf.train.GradientDescentOptimizer(0.005).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        lv, _ = sess.run([loss, train])
        print("step", step, "loss %.9g" % lv)
    print("w", sess.run(wv).ravel().tolist())
print("ops", len(tf.get_default_graph().get_operations()))
print([op.type for op in tf.get_default_graph().get_operations() if "Dataset" in op.type])
