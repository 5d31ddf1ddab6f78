"""Train/validation switching the TF1 way: a reinitializable iterator
(Iterator.from_structure + make_initializer), a feedable iterator
(Iterator.from_string_handle with string_handle() of one-shot and initializable
iterators), seeded shuffles with and without reshuffle_each_iteration, prefetch,
repeat, take/skip and a small regression trained from the feedable iterator's get_next."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(17)
rs = np.random.RandomState(5)
X = rs.randn(20, 3).astype(np.float32)
Y = (X[:, :1] * 1.5 - X[:, 1:2] * 2.0 + X[:, 2:] * 0.5 + 0.3).astype(np.float32)

train = tf.data.Dataset.from_tensor_slices((X[:14], Y[:14])) \
    .shuffle(14, seed=3, reshuffle_each_iteration=True).batch(4).repeat().prefetch(2)
val = tf.data.Dataset.from_tensor_slices((X[14:], Y[14:])) \
    .shuffle(6, seed=4, reshuffle_each_iteration=False).batch(3).repeat(2)
g = tf.get_default_graph()

# reinitializable
it = tf.data.Iterator.from_structure(train.output_types, train.output_shapes)
init_tr, init_va = it.make_initializer(train), it.make_initializer(val, name="va_init")
rx, ry = it.get_next()
print(len(g.get_operations()), init_tr.type, init_va.name, rx.shape, ry.shape)

# feedable
handle = tf.placeholder(tf.string, shape=[])
fit = tf.data.Iterator.from_string_handle(handle, train.output_types, train.output_shapes)
fx, fy = fit.get_next()
tr_it = train.make_one_shot_iterator()
va_it = val.make_initializable_iterator()
w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
b = tf.get_variable("b", [], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(tf.square(tf.matmul(fx, w) + b - fy))
step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(len(g.get_operations()), fx.shape, handle.op.type)
print(sorted({o.type for o in g.get_operations() if "Iterator" in o.type}))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for name, init, n in (("train", init_tr, 5), ("val", init_va, 5), ("val", init_va, 4)):
        s.run(init)
        rows = []
        for _ in range(n):
            try:
                rows.append(s.run(ry).ravel().round(4).tolist())
            except tf.errors.OutOfRangeError:
                rows.append("end")
                break
        print(name, rows)
    th, vh = s.run([tr_it.string_handle(), va_it.string_handle()])
    print(type(th).__name__, th == vh)
    for ep in range(2):
        s.run(va_it.initializer)
        for i in range(4):
            lv, _ = s.run([loss, step], {handle: th})
            print(ep, i, repr(float(lv)))
        vals = []
        while True:
            try:
                vals.append(repr(float(s.run(loss, {handle: vh}))))
            except tf.errors.OutOfRangeError:
                break
        print("val", ep, vals)
    print(s.run(w).ravel().tolist(), repr(float(s.run(b))))
