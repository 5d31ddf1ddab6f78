"""The errors TF raises around checkpoints: a variable missing from the checkpoint, a
shape mismatch on restore, a missing checkpoint directory or prefix, a Saver with no
variables, duplicate names in var_list, restore before save; and
get_checkpoint_state / latest_checkpoint on an empty directory."""
import os
import re
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(7)
d = tempfile.mkdtemp()
path = os.path.join(d, "m.ckpt")
e = tempfile.mkdtemp()


def show(f):
    try:
        r = f()
        print("ok", r)
    except Exception as ex:
        lines = [ln for ln in str(ex).replace(d, "DIR").replace(e, "EMPTY").split("\n") if ln]
        print(type(ex).__name__, re.sub(" at 0x[0-9a-f]+", "", lines[0])[:300])
        if lines[0].endswith("Original error:"):
            print("  ", lines[1][:300])


with tf.Graph().as_default():
    a = tf.get_variable("a", [2, 3], initializer=tf.random_uniform_initializer(seed=1))
    b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(os.path.basename(tf.train.Saver().save(sess, path)))
        print(sess.run(a).ravel().tolist())
with tf.Graph().as_default():
    a = tf.get_variable("a", [2, 3])
    c = tf.get_variable("c", [3])
    s = tf.train.Saver()
    with tf.Session() as sess:
        show(lambda: s.restore(sess, path))
with tf.Graph().as_default():
    a = tf.get_variable("a", [3, 2])
    s = tf.train.Saver()
    with tf.Session() as sess:
        show(lambda: s.restore(sess, path))
with tf.Graph().as_default():
    a = tf.get_variable("a", [2, 3])
    s = tf.train.Saver()
    with tf.Session() as sess:
        show(lambda: s.restore(sess, os.path.join(d, "nothere", "m.ckpt")))
        show(lambda: s.restore(sess, None))
        show(lambda: s.save(sess, os.path.join(d, "no", "such", "dir", "m")))
    show(lambda: tf.train.Saver([a, a]))
    show(lambda: tf.train.Saver({"x": a, "y": a}))
    show(lambda: tf.train.Saver([tf.constant(1.0)]))
    show(lambda: tf.train.Saver(allow_empty=True).saver_def is None)
with tf.Graph().as_default():
    show(lambda: tf.train.Saver())
print(tf.train.get_checkpoint_state(e), tf.train.latest_checkpoint(e),
      tf.train.latest_checkpoint(os.path.join(e, "gone")))
print(tf.train.checkpoint_exists(os.path.join(e, "x")))
show(lambda: tf.train.list_variables(os.path.join(e, "x")))
show(lambda: tf.train.load_variable(path, "zz"))
show(lambda: tf.train.NewCheckpointReader(os.path.join(e, "x")))
with open(os.path.join(e, "checkpoint"), "w") as f:
    f.write('model_checkpoint_path: "gone-5"\n')
print(tf.train.get_checkpoint_state(e).model_checkpoint_path.replace(e, "EMPTY"),
      tf.train.latest_checkpoint(e))
with tf.Graph().as_default():
    v = tf.get_variable("a", [3, 2])
    s = tf.train.Saver({"a": v}, reshape=True)
    with tf.Session() as sess:
        s.restore(sess, path)
        print(sess.run(v).ravel().tolist())
with tf.Graph().as_default():
    v = tf.get_variable("a", [2, 3], dtype=tf.float64)
    s = tf.train.Saver()
    with tf.Session() as sess:
        show(lambda: s.restore(sess, path))
with tf.Graph().as_default():
    v = tf.get_variable("b", [3])
    s = tf.train.Saver({"a": v})
    with tf.Session() as sess:
        show(lambda: s.restore(sess, path))
    s2 = tf.train.Saver({"b": v}, name="ok")
    with tf.Session() as sess:
        s2.restore(sess, path)
        print(sess.run(v).tolist())
with tf.Graph().as_default():
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    for vl in [{v, w}, (w, v), frozenset([v]), "v", v, iter([v]), {"a": v, "b": 3}]:
        show(lambda: tf.train.Saver(vl).saver_def.save_tensor_name)
    show(lambda: tf.train.Saver([v], max_to_keep=0).saver_def.max_to_keep)
