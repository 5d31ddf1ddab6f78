"""Variables whose initial value reads other variables: initialized_value() chains, a
plain read of another variable in initial_value (guarded with a cond on
is_variable_initialized, so it initialises alone), initial_value / initializer attributes,
and the ops built."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3611)
g = tf.get_default_graph()
base = tf.Variable(tf.random_uniform([2, 3], seed=11), name="base")
n0 = len(g.get_operations())
dbl = tf.Variable(base.initialized_value() * 2.0, name="dbl")
n1 = len(g.get_operations())
tri = tf.Variable(dbl.initialized_value() + base.initialized_value(), name="tri")
n2 = len(g.get_operations())
raw = tf.Variable(base + 1.0, name="raw")
n3 = len(g.get_operations())
print("op counts", n0, n1, n2, n3)
print(dbl.initial_value.name, dbl.initial_value.op.type)
print(raw.initial_value.name, raw.initial_value.op.type)
print(sorted(set(op.type for op in g.get_operations())))
print([op.name for op in g.get_operations() if op.name.startswith("raw")])
iv = base.initialized_value()
print(iv.name)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in (base, dbl, tri, raw):
        print(v.name, s.run(v).tolist())
    s.run(base.assign(tf.ones([2, 3])))
    print(s.run(iv).tolist())
    print(s.run(dbl.initial_value).tolist())
    s.run(dbl.initializer)
    print(s.run(dbl).tolist())
with tf.Session() as s:
    s.run(raw.initializer)
    print(s.run(raw).tolist())
    print(s.run(tf.report_uninitialized_variables()))
    try:
        s.run(dbl.initializer)
    except tf.errors.OpError as err:
        print(type(err).__name__)
    s.run(tf.variables_initializer([base, dbl]))
    print(H(s.run(dbl)), s.run(tf.report_uninitialized_variables()))
