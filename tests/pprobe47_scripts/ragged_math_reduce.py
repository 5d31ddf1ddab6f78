"""Math over ragged tensors in TF1 graph mode: tf.ragged.map_flat_values (a float function and
a string one), ragged * scalar, tf.reduce_sum / reduce_mean /
reduce_max / reduce_min / reduce_prod / reduce_any over axis 0, 1 and 2 of ragged tensors,
tf.ragged.row_splits_to_segment_ids, ragged boolean tf.where on flat values, the gradient of a
ragged mean through flat_values to a Variable and three SGD steps: op counts and values."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4711)
np.random.seed(4711)
g = tf.get_default_graph()
x = tf.ragged.constant([[0.25, -1.5, 3.0], [], [2.0, 0.5], [-0.75]], dtype=tf.float32)
y = tf.ragged.constant([[1.0, 2.0, -1.0], [], [0.5, 0.5], [4.0]], dtype=tf.float32)
z = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], [[], [7]]])
n0 = len(g.get_operations())
m = tf.ragged.map_flat_values(tf.math.square, x)
m2 = tf.ragged.map_flat_values(tf.multiply, x, y)
print("map ops", len(g.get_operations()) - n0)
mul = x * 3.0
n1 = len(g.get_operations())
red = dict(s0=tf.reduce_sum(x, axis=0), s1=tf.reduce_sum(x, axis=1),
           m0=tf.reduce_mean(x, axis=0), m1=tf.reduce_mean(x, axis=1),
           mx1=tf.reduce_max(x, axis=1), mn0=tf.reduce_min(x, axis=0),
           p1=tf.reduce_prod(y, axis=1), zs1=tf.reduce_sum(z, axis=1),
           zs2=tf.reduce_sum(z, axis=2), zm2=tf.reduce_mean(tf.cast(z, tf.float64), axis=2),
           any1=tf.reduce_any(x > 1.0, axis=1))
print("reduce ops", len(g.get_operations()) - n1)
seg = tf.ragged.row_splits_to_segment_ids(x.row_splits)
strs = tf.ragged.constant([["ab", "c"], ["def"], []])
up = tf.ragged.map_flat_values(tf.strings.length, strs)
w = tf.get_variable("w", [6], initializer=tf.random_normal_initializer(seed=4712))
xt = tf.ragged.constant([[0.25, -1.5, 3.0], [2.0], [0.5, -0.75]], dtype=tf.float32)
rw = tf.RaggedTensor.from_row_splits(tf.tanh(w), xt.row_splits)
pred = tf.reduce_mean(tf.ragged.map_flat_values(tf.multiply, rw, xt), axis=1)
loss = tf.reduce_sum(tf.square(pred - tf.constant([0.5, -0.25, 1.0])))
gw = tf.gradients(loss, w)[0]
step = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
print("op count", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k, r in [("m", m), ("m2", m2), ("mul", mul), ("up", up)]:
        print(k, s.run(r).to_list())
    v = s.run(red)
    for k in sorted(v):
        print(k, v[k].to_list() if hasattr(v[k], "to_list") else v[k].tolist())
    print(s.run(seg).tolist())
    print([repr(float(t)) for t in s.run(gw)])
    for i in range(3):
        print(i, repr(float(s.run([loss, step])[0])))
    print([repr(float(t)) for t in s.run(w)])
