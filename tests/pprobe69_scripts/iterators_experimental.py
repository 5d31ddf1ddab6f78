"""Feedable and reinitializable iterators; experimental unbatch / scan / choose / sample."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
np.random.seed(5)

xs = np.random.randn(12, 2).astype(np.float32)
ys = (xs @ np.array([[1.5], [-2.0]], np.float32) + 0.5).astype(np.float32)
train = tf.data.Dataset.from_tensor_slices((xs[:8], ys[:8])).repeat().batch(4)
val = tf.data.Dataset.from_tensor_slices((xs[8:], ys[8:])).batch(4)

handle = tf.placeholder(tf.string, shape=[])
it = tf.data.Iterator.from_string_handle(handle, train.output_types, train.output_shapes)
x, y = it.get_next()
print("feedable", x.shape, y.shape)
train_it = train.make_one_shot_iterator()
val_it = val.make_initializable_iterator()
w = tf.get_variable("w", [2, 1], initializer=tf.zeros_initializer())
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
opt = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    th, vh = sess.run([train_it.string_handle(), val_it.string_handle()])
    for i in range(5):
        lv, _ = sess.run([loss, opt], {handle: th})
        print("train", i, "%.9g" % lv)
    sess.run(val_it.initializer)
    print("val", "%.9g" % sess.run(loss, {handle: vh}))
    try:
        sess.run(loss, {handle: vh})
    except tf.errors.OutOfRangeError:
        print("val OutOfRangeError")

# reinitializable iterator
g = tf.Graph()
with g.as_default():
    a = tf.data.Dataset.range(5).map(lambda v: tf.cast(v, tf.float32))
    bb = tf.data.Dataset.from_tensor_slices(np.array([9.0, 8.0], np.float32))
    rit = tf.data.Iterator.from_structure(a.output_types, a.output_shapes)
    nx = rit.get_next()
    ia, ib = rit.make_initializer(a), rit.make_initializer(bb)
    print("init names", ia.name, ib.name, nx.name)
    with tf.Session() as sess:
        sess.run(ia)
        print("a", [float(sess.run(nx)) for _ in range(3)])
        sess.run(ib)
        print("b", [float(sess.run(nx)) for _ in range(2)])
    try:
        rit.make_initializer(tf.data.Dataset.range(3))
    except TypeError as ex:
        print("TypeError", ex)
    try:
        rit.make_initializer(tf.data.Dataset.from_tensors((1.0, 2.0)))
    except (TypeError, ValueError) as ex:
        print(type(ex).__name__, ex)

# experimental: unbatch, scan, choose_from_datasets, sample_from_datasets
g2 = tf.Graph()
with g2.as_default():
    tf.set_random_seed(5)
    u = tf.data.Dataset.from_tensors(np.arange(6).reshape(3, 2)).apply(
        tf.data.experimental.unbatch())
    print("unbatch", u.output_shapes)
    s = tf.data.Dataset.range(6).apply(tf.data.experimental.scan(
        np.int64(0), lambda st, v: (st + v, st * 10 + v)))
    ch = tf.data.experimental.choose_from_datasets(
        [tf.data.Dataset.from_tensors(np.int64(i)).repeat() for i in range(3)],
        tf.data.Dataset.from_tensor_slices(np.array([0, 2, 1, 1, 0], np.int64)))
    sm = tf.data.experimental.sample_from_datasets(
        [tf.data.Dataset.range(0, 100), tf.data.Dataset.range(100, 200)], weights=[0.3, 0.7],
        seed=9)
    nodes = [d.make_one_shot_iterator().get_next() for d in (u, s, ch, sm.take(10))]
    with tf.Session() as sess:
        for name, n in zip(["unbatch", "scan", "choose", "sample"], nodes):
            out = []
            try:
                while True:
                    out.append(sess.run(n).tolist())
            except tf.errors.OutOfRangeError:
                pass
            print(name, out)
    try:
        tf.data.experimental.choose_from_datasets(
            [tf.data.Dataset.range(3)],
            tf.data.Dataset.range(3).map(lambda v: tf.cast(v, tf.int32)))
    except TypeError as ex:
        print("TypeError", ex)
    try:
        tf.data.experimental.sample_from_datasets(
            [tf.data.Dataset.range(3),
             tf.data.Dataset.range(3).map(lambda v: tf.cast(v, tf.int32))])
    except TypeError as ex:
        print("TypeError", ex)
    mixed = tf.data.experimental.choose_from_datasets(
        [tf.data.Dataset.from_tensors(np.zeros([2], np.float32)),
         tf.data.Dataset.from_tensors(np.ones([3], np.float32))],
        tf.data.Dataset.range(2))
    print("choose shapes", mixed.output_shapes)
    mixed_next = mixed.make_one_shot_iterator().get_next()
    print("choose next", mixed_next.shape)
    with tf.Session() as sess:
        print(sess.run(mixed_next).tolist(), sess.run(mixed_next).tolist())
    try:
        tf.data.experimental.choose_from_datasets(
            [tf.data.Dataset.from_tensors((np.int64(1), np.int64(2))),
             tf.data.Dataset.from_tensors((np.int64(1), (np.int64(2),)))],
            tf.data.Dataset.range(2))
    except TypeError as ex:
        print("TypeError", ex)
    rit2 = tf.data.Iterator.from_structure({"a": tf.int64, "b": tf.float32})
    try:
        rit2.make_initializer(tf.data.Dataset.from_tensors({"a": np.int64(1)}))
    except ValueError as ex:
        print("ValueError", ex)
    try:
        tf.data.Dataset.range(3).zip((tf.data.Dataset.range(2), 5))
    except TypeError as ex:
        print("TypeError", str(ex)[:80])
    try:
        tf.data.Dataset.range(3).concatenate(tf.data.Dataset.from_tensors(1.0))
    except TypeError as ex:
        print("TypeError", ex)
