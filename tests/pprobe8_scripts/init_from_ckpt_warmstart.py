"""Fine-tuning from a checkpoint: tf.train.init_from_checkpoint with a scope mapping, a
single-variable mapping and a partitioned variable, then tf.train.warm_start with a regex and
a var_name_to_prev_var_name map; the initializers it rewrites and the values restored."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
tf.set_random_seed(41)
with tf.variable_scope("pre"):
    a = tf.get_variable("a", [3, 2], initializer=tf.random_normal_initializer(seed=1))
    b = tf.get_variable("b", [2], initializer=tf.random_normal_initializer(seed=2))
    emb = tf.get_variable("emb", [6, 2], initializer=tf.random_normal_initializer(seed=3),
                          partitioner=tf.fixed_size_partitioner(2))
other = tf.get_variable("other", [4], initializer=tf.random_normal_initializer(seed=4))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    ref = s.run({"a": a, "b": b, "emb": tf.convert_to_tensor(emb), "other": other})
    path = tf.train.Saver().save(s, os.path.join(d, "pre.ckpt"))
print(sorted(tf.train.list_variables(path)))

tf.reset_default_graph()
with tf.variable_scope("model"):
    a2 = tf.get_variable("a", [3, 2])
    b2 = tf.get_variable("b", [2])
    emb2 = tf.get_variable("emb", [6, 2], partitioner=tf.fixed_size_partitioner(2))
o2 = tf.get_variable("o2", [4])
new = tf.get_variable("fresh/new", [2], initializer=tf.zeros_initializer())
n0 = len(tf.get_default_graph().get_operations())
tf.train.init_from_checkpoint(path, {"pre/": "model/", "other": "o2"})
g = tf.get_default_graph()
print(len(g.get_operations()) - n0)
for v in tf.global_variables():
    init = v.initializer
    print(v.op.name, type(init).__name__, getattr(init, "op", init).type,
          [i.name for i in getattr(init, "op", init).inputs])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(np.array_equal(s.run(a2), ref["a"]), np.array_equal(s.run(b2), ref["b"]),
          np.array_equal(s.run(tf.convert_to_tensor(emb2)), ref["emb"]),
          np.array_equal(s.run(o2), ref["other"]), s.run(new))
try:
    tf.train.init_from_checkpoint(path, {"pre/nothere": "fresh/new"})
except ValueError as e:
    print("ValueError", str(e).replace(d + "/", ""))

tf.reset_default_graph()
with tf.variable_scope("pre"):
    a3 = tf.get_variable("a", [3, 2], initializer=tf.zeros_initializer())
    b3 = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
renamed = tf.get_variable("renamed", [4], initializer=tf.zeros_initializer())
n0 = len(tf.get_default_graph().get_operations())
tf.train.warm_start(path, vars_to_warm_start="pre/a|renamed",
                    var_name_to_prev_var_name={"renamed": "other"})
print(len(tf.get_default_graph().get_operations()) - n0)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(np.array_equal(s.run(a3), ref["a"]), s.run(b3),
          np.array_equal(s.run(renamed), ref["other"]))
shutil.rmtree(d)
