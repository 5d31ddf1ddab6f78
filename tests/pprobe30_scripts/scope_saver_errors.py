"""A two-tower TF1 model whose user mistakes surface at build time and at restore:
variable_scope reuse errors (a variable that already exists, one that does not exist under
reuse=True), get_variable of a different shape and of a different dtype under reuse,
tf.gradients of an int tensor and of an unconnected tensor, an optimizer with no trainable
variables (minimize of a loss without variables, of var_list=[]), a Saver with no
variables, restoring a checkpoint that lacks a variable (NotFoundError), a Saver of a
non-variable, restoring into a variable of another shape (InvalidArgumentError
of its Assign); each caught (class and message up to its traceback), then the model trains,
saves and restores; values at full precision and op counts; no paths printed."""

import os
import re
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(33)
rng = np.random.RandomState(33)
X = rng.randn(6, 4).astype(np.float32)
Y = rng.randn(6, 1).astype(np.float32)
d = tempfile.mkdtemp()
g = tf.get_default_graph()


def head(e):
    # TF's message up to its traceback-dependent part; the file of "defined at" without
    # its folders (TF strips a prefix common to the traceback's files)
    s = str(e).split("\n\nOriginal stack trace")[0].split("\n\nErrors may have")[0]
    return re.sub(r"defined at [^ )]*/", "defined at ", s.replace(d, "<dir>"))


def build(what, f):
    n = len(g.get_operations())
    try:
        r = f()
        print(what, "built", r, len(g.get_operations()) - n)
    except tf.errors.OpError as e:
        print(what, type(e).__name__, repr(head(e)), e.op and e.op.name)
    except (ValueError, TypeError, LookupError) as e:
        # the first line (flowgrad's minimize adds, on more lines, why each variable has
        # no gradient) up to "Originally defined at" (a traceback)
        msg = str(e).splitlines()[0].split("Originally defined at")[0]
        print(what, type(e).__name__, repr(msg.replace(d, "<dir>")),
              len(g.get_operations()) - n)


def tower(x, reuse=None):
    with tf.variable_scope("tower", reuse=reuse):
        w = tf.get_variable("w", [4, 1], initializer=tf.glorot_uniform_initializer(seed=5))
        b = tf.get_variable("b", [1], initializer=tf.constant_initializer(0.25))
        return tf.matmul(x, w) + b


x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
p1 = tower(x)
build("again", lambda: tower(x))
build("reuse", lambda: tower(x, reuse=True).name)
build("missing", lambda: tower(x, reuse=True) and tf.get_variable("tower/none", [1]))


def missing_under_reuse():
    with tf.variable_scope("tower", reuse=True):
        return tf.get_variable("v_new", [2])


def wrong_shape():
    with tf.variable_scope("tower", reuse=True):
        return tf.get_variable("w", [4, 2])


def wrong_dtype():
    with tf.variable_scope("tower", reuse=True):
        return tf.get_variable("b", [1], dtype=tf.float64)


def auto_reuse():
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        return tf.get_variable("w", [4, 1]).name


build("missing_reuse", missing_under_reuse)
build("shape", wrong_shape)
build("dtype", wrong_dtype)
build("auto", auto_reuse)
build("no_shape", lambda: tf.get_variable("fresh"))
build("init_shape", lambda: tf.get_variable("fresh2", [2], initializer=tf.ones([3])))
loss = tf.reduce_mean(tf.square(p1 - y), name="loss")
cnt = tf.cast(tf.reduce_sum(tf.cast(x > 0, tf.int32)), tf.int32, name="cnt")
ic = tf.constant(3, name="ic")
build("grad_int", lambda: tf.gradients(cnt * ic, [ic]))
build("grad_int_x", lambda: tf.gradients(tf.cast(x, tf.int32), [x]))
build("grad_none", lambda: tf.gradients(loss, [tf.constant(1.0)]))
build("opt_novars", lambda: tf.train.GradientDescentOptimizer(0.1).minimize(
    tf.reduce_sum(x)))
build("opt_emptylist", lambda: tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[]))
build("opt_nograd", lambda: tf.train.GradientDescentOptimizer(0.1).minimize(
    tf.reduce_sum(y), var_list=tf.trainable_variables()))
build("saver_none", lambda: tf.train.Saver(var_list=[]))
build("saver_tensor", lambda: tf.train.Saver([loss]))
build("saver_dup", lambda: tf.train.Saver({"a": tf.trainable_variables()[0],
                                          "b": tf.trainable_variables()[0]}).last_checkpoints)
train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)
print([v.name for v in tf.global_variables()], len(g.get_operations()))

with tf.Graph().as_default() as g0:
    tf.get_variable("only", [2], initializer=tf.ones_initializer())
    with tf.Session() as s0:
        s0.run(tf.global_variables_initializer())
        tf.train.Saver().save(s0, os.path.join(d, "partial"), write_meta_graph=False)
with tf.Graph().as_default() as g2:
    build("saver_empty_graph", lambda: tf.train.Saver())
with tf.Graph().as_default() as g3:
    tf.get_variable("only", [3], initializer=tf.ones_initializer())
    with tf.Session() as s3:
        try:
            tf.train.Saver().restore(s3, os.path.join(d, "partial"))
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, head(e).splitlines()[2:], e.op.name, e.node_def.name)

saver = tf.train.Saver()
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(4):
        _, lv = s.run([train, loss], {x: X, y: Y})
        print(step, repr(float(lv)))
    path = saver.save(s, os.path.join(d, "model"), global_step=4, write_meta_graph=False)
    print(os.path.basename(path), sorted(os.listdir(d)))
    try:
        saver.restore(s, os.path.join(d, "partial"))
    except tf.errors.OpError as e:
        print(type(e).__name__, head(e).splitlines()[:4])
    try:
        saver.restore(s, os.path.join(d, "nothing_here"))
    except (ValueError, tf.errors.OpError) as e:
        print(type(e).__name__, head(e).splitlines()[:2])
    s.run(tf.global_variables_initializer())
    saver.restore(s, path)
    print(s.run(loss, {x: X, y: Y}).tolist(), s.run(tf.trainable_variables()[1]).tolist())
print(len(g.get_operations()))
shutil.rmtree(d)
