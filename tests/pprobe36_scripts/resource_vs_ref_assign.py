"""ResourceVariable vs RefVariable through variable_scope(use_resource=...) and
tf.Variable(use_resource=...): types, op types of initializer / read / assign, assign with
validate_shape=False growing a variable, assign_add / scatter on each, read_value."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3620)
g = tf.get_default_graph()
with tf.variable_scope("ref", use_resource=False):
    r = tf.get_variable("w", [2, 2], initializer=tf.random_normal_initializer(seed=21))
with tf.variable_scope("res", use_resource=True):
    q = tf.get_variable("w", [2, 2], initializer=tf.random_normal_initializer(seed=21))
    with tf.variable_scope("inner"):
        q2 = tf.get_variable("v", [3], initializer=tf.ones_initializer())
rv = tf.Variable(tf.zeros([2]), use_resource=True, name="rv")
grow = tf.Variable(tf.zeros([2]), validate_shape=False, name="grow")
print(type(r).__name__, type(q).__name__, type(q2).__name__, type(rv).__name__)
for v in (r, q, q2, rv, grow):
    print(v.name, v.op.type, v.initializer.type, v.value().op.type, v.dtype, v.shape)
print(grow.get_shape())
a1 = tf.assign(grow, tf.range(5, dtype=tf.float32), validate_shape=False)
a2 = r.assign_add(tf.ones([2, 2]))
a3 = q.assign_add(tf.ones([2, 2]))
a4 = tf.scatter_add(q2, [0, 2], [10.0, 20.0])
a5 = q.assign(tf.fill([2, 2], 3.0), read_value=False)
print(a1.name, a1.op.type, a1.shape)
print(a2.name, a2.op.type)
print(a3.name, a3.op.type)
print(a4.name, a4.op.type)
print(a5.name, a5.type)
rd = q.read_value()
print(rd.name, rd.op.type)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(r).tolist())
    print(s.run(q).tolist())
    print(s.run(a1).tolist(), s.run(grow).tolist())
    print(s.run(a2).tolist())
    print(s.run(a3).tolist())
    print(s.run(a4).tolist())
    s.run(a5)
    print(s.run(rd).tolist())
    print(s.run(tf.shape(grow)).tolist())
