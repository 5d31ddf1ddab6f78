"""variable_scope initializer / dtype inheritance and overrides, default
initializers per dtype (glorot for floats, zeros for ints and bools), nested custom getters,
tf.Variable(trainable=False, collections=[...]), and a scope partitioner with a seeded
initializer."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3630)
g = tf.get_default_graph()
log = []


def outer_getter(getter, name, *args, **kwargs):
    log.append(("outer", name))
    return getter(name, *args, **kwargs)


def scaling_getter(getter, name, *args, **kwargs):
    log.append(("scale", name, kwargs.get("trainable")))
    v = getter(name, *args, **kwargs)
    return v * 0.5


with tf.variable_scope("top", initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=31),
                       dtype=tf.float64):
    t1 = tf.get_variable("t1", [3])
    with tf.variable_scope("sub", initializer=tf.constant_initializer(2.5)):
        t2 = tf.get_variable("t2", [2])
        t3 = tf.get_variable("t3", [2], dtype=tf.float32,
                             initializer=tf.random_normal_initializer(seed=32))
    t4 = tf.get_variable("t4", [2], dtype=tf.int64, initializer=tf.zeros_initializer())
with tf.variable_scope("plain"):
    p1 = tf.get_variable("p1", [2, 3])
    p2 = tf.get_variable("p2", [2], dtype=tf.int32)
    p3 = tf.get_variable("p3", [2], dtype=tf.bool)
with tf.variable_scope("cg", custom_getter=outer_getter):
    with tf.variable_scope("in", custom_getter=scaling_getter):
        c1 = tf.get_variable("c1", [2, 2], initializer=tf.random_normal_initializer(seed=33),
                             trainable=False)
print(log)
print(c1.name, c1.op.type)
hidden = tf.Variable(tf.random_normal([2], seed=34), trainable=False,
                     collections=["mine", tf.GraphKeys.LOCAL_VARIABLES], name="hidden")
print([v.name for v in tf.get_collection("mine")])
print([v.name for v in tf.local_variables()])
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.trainable_variables()])
with tf.variable_scope("part", partitioner=tf.fixed_size_partitioner(3),
                       initializer=tf.truncated_normal_initializer(stddev=0.3, seed=35)):
    pv = tf.get_variable("pv", [7, 2])
print(type(pv).__name__, [p.name for p in pv], [p.shape.as_list() for p in pv])
for v in (t1, t2, t3, t4, p1, p2, p3):
    print(v.name, v.dtype.name, v.initial_value.op.type)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(tf.local_variables_initializer())
    for v in (t1, t2, t3, t4, p1, p2, p3, c1, hidden):
        print(v.name, s.run(v).tolist())
    for p in pv:
        print(p.name, s.run(p).tolist())
    print(H(s.run(pv.as_tensor())))
