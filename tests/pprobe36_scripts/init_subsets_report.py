"""Initialising variables in subsets: variables_initializer on lists, report_uninitialized_variables
after each step (with and without a var_list), is_variable_initialized per variable,
assert_variables_initialized, and the op names and counts these build."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(361)
np.random.seed(362)
g = tf.get_default_graph()
a = tf.Variable(tf.random_normal([3, 4], seed=1), name="a")
b = tf.get_variable("b", [4], initializer=tf.random_uniform_initializer(-2.0, 2.0, seed=2))
c = tf.Variable(np.random.randn(2, 2).astype(np.float32), name="c")
with tf.variable_scope("blk"):
    d = tf.get_variable("d", [2, 3], dtype=tf.float64,
                        initializer=tf.truncated_normal_initializer(stddev=0.5, seed=3))
    e = tf.get_variable("e", [], dtype=tf.int32, initializer=tf.constant_initializer(7))
print("ops after vars", len(g.get_operations()))
rep_all = tf.report_uninitialized_variables()
print(rep_all.name, rep_all.dtype, rep_all.shape)
print("ops after report", len(g.get_operations()))
rep_sub = tf.report_uninitialized_variables([a, d])
print(rep_sub.name)
flags = [tf.is_variable_initialized(v) for v in (a, b, c, d, e)]
print([f.name for f in flags])
init1 = tf.variables_initializer([a, c], name="first")
init2 = tf.variables_initializer(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="blk"))
init_empty = tf.variables_initializer([])
print(init1.name, init1.type, len(init1.control_inputs))
print(init2.name, init2.type, sorted(x.name for x in init2.control_inputs))
print(init_empty.name, init_empty.type)
chk = tf.assert_variables_initialized([a, c])
print(chk.name, chk.op.type, chk.shape)
print("ops", len(g.get_operations()))
with tf.Session() as s:
    print(s.run(rep_all))
    print(s.run(flags))
    s.run(init1)
    print(s.run(rep_all), s.run(rep_sub))
    print(s.run(flags))
    s.run(chk)
    s.run(init2)
    print(s.run(rep_all))
    print(s.run(rep_sub))
    s.run(init_empty)
    s.run(b.initializer)
    print(s.run(rep_all).shape, s.run(flags))
    for v in (a, b, c, d, e):
        print(v.name, H(s.run(v)))
    print(s.run(d).tolist())
    print(s.run(b).tolist())
