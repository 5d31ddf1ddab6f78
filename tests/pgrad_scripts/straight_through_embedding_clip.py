"""straight-through quantizer (stop_gradient), Sign as Identity, IndexedSlices gradients
clipped by global norm."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
np.set_printoptions(precision=5, suppress=True)
g = tf.get_default_graph()
emb = tf.get_variable("emb", [10, 3], initializer=tf.random_uniform_initializer(-1, 1, seed=3))
w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=4))
ids = tf.constant([1, 3, 3, 7])
e = tf.nn.embedding_lookup(emb, ids)
# straight-through quantizer
q = e + tf.stop_gradient(tf.round(e * 4.0) / 4.0 - e)
# binarize via override
with g.gradient_override_map({"Sign": "Identity"}):
    b = tf.sign(tf.matmul(q, w))
loss = tf.reduce_mean(tf.square(b - 0.5)) + tf.reduce_sum(tf.matmul(e, w))
grads = tf.gradients(loss, [emb, w])
print(type(grads[0]).__name__, grads[0])
clipped, norm = tf.clip_by_global_norm(grads, 1.0)
print(type(clipped[0]).__name__, clipped[0])
cn = tf.clip_by_norm(grads[0], 0.5)
print(type(cn).__name__)
cv = tf.clip_by_value(grads[0], -0.1, 0.1) if False else None
opt = tf.train.MomentumOptimizer(0.1, 0.9)
train = opt.apply_gradients(zip(clipped, [emb, w]))
ops = [o.name for o in g.get_operations()]
print(len(ops))
print(ops)
r = tf.random_uniform([2])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run([norm, clipped[1]]))
    v = s.run(clipped[0])
    print(v.indices, v.values)
    print(s.run(cn).values)
    s.run(train)
    s.run(train)
    print(s.run([emb, w]))
    print(s.run(r))
