"""tf.train.Saver over a var_list dict (checkpoint names differ from the variables'),
max_to_keep=2 across four saves, last_checkpoints and recover_last_checkpoints, the
SaverDef fields, a restore of a subset into a new graph with other variable names, and the
NotFoundError of a missing key."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
tf.set_random_seed(31)
with tf.variable_scope("encoder"):
    w1 = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=1))
    b1 = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.1))
with tf.variable_scope("head"):
    w2 = tf.get_variable("w", [3, 2], initializer=tf.random_normal_initializer(seed=2))
gs = tf.train.get_or_create_global_step()
x = tf.constant(np.random.RandomState(3).randn(5, 4).astype(np.float32))
loss = tf.reduce_sum(tf.square(tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2)))
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss, global_step=gs)
saver = tf.train.Saver({"enc/kernel": w1, "enc/bias": b1, "cls/kernel": w2, "step": gs},
                       max_to_keep=2)
sd = saver.as_saver_def()
print(sd.filename_tensor_name, sd.save_tensor_name, sd.restore_op_name, sd.max_to_keep,
      sd.sharded, sd.version, sd.keep_checkpoint_every_n_hours)
n0 = len(tf.get_default_graph().get_operations())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        s.run(train)
        p = saver.save(s, os.path.join(d, "m"), global_step=gs)
        print(os.path.relpath(p, d), [os.path.relpath(c, d) for c in saver.last_checkpoints])
    w1v, b1v = s.run([w1, b1])
print(n0 == len(tf.get_default_graph().get_operations()))
print(sorted(os.listdir(d)))
print(sorted(tf.train.list_variables(d)))
with open(os.path.join(d, "checkpoint")) as f:
    print(f.read().replace(d + "/", ""))

tf.reset_default_graph()
with tf.variable_scope("new"):
    k = tf.get_variable("k", [4, 3])
    c = tf.get_variable("c", [3])
    extra = tf.get_variable("extra", [2], initializer=tf.ones_initializer())
restorer = tf.train.Saver({"enc/kernel": k, "enc/bias": c})
restorer.recover_last_checkpoints([os.path.join(d, "m-3"), os.path.join(d, "m-4")])
print([os.path.relpath(c, d) for c in restorer.last_checkpoints])
with tf.Session() as s:
    s.run(extra.initializer)
    restorer.restore(s, os.path.join(d, "m-4"))
    kv, cv = s.run([k, c])
    print(np.array_equal(kv, w1v), np.array_equal(cv, b1v), repr(cv.tolist()), s.run(extra))
    bad = tf.train.Saver({"enc/missing": extra})
    try:
        bad.restore(s, os.path.join(d, "m-4"))
    except tf.errors.NotFoundError as e:
        print(type(e).__name__, e.message.split("\n")[0])
    try:
        restorer.restore(s, os.path.join(d, "m-1"))
    except ValueError as e:
        print("ValueError", str(e).replace(d + "/", ""))
shutil.rmtree(d)
