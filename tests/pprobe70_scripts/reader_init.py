"""Reading checkpoints as TF1 fine-tuning code does: list_variables / load_variable /
NewCheckpointReader (shape and dtype maps), init_from_checkpoint with assignment maps
and scope renames, contrib's assign_from_checkpoint_fn with
get_variables_to_restore(exclude=...)."""
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
d = tempfile.mkdtemp()
path = os.path.join(d, "pre.ckpt")
with tf.Graph().as_default():
    with tf.variable_scope("encoder"):
        w1 = tf.get_variable("w1", [3, 4], initializer=tf.random_normal_initializer(seed=1))
        b1 = tf.get_variable("b1", [4], initializer=tf.constant_initializer(0.5))
    with tf.variable_scope("head"):
        w2 = tf.get_variable("w2", [4, 2], initializer=tf.random_normal_initializer(seed=2))
    step = tf.Variable(12, name="step", dtype=tf.int64, trainable=False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, path)
        W1 = sess.run(w1)
for n, s in tf.train.list_variables(path):
    print(n, s)
print(tf.train.load_variable(path, "encoder/b1").tolist(), tf.train.load_variable(d, "step"))
r = tf.train.NewCheckpointReader(path)
print(sorted(r.get_variable_to_shape_map().items()))
print(sorted((k, v.name) for k, v in r.get_variable_to_dtype_map().items()))
print(r.has_tensor("head/w2"), r.has_tensor("head/w3"), r.get_tensor("head/w2").shape)
print(r.debug_string().decode().count("\n"))
try:
    r.get_tensor("nope")
except Exception as ex:
    print(type(ex).__name__, ex)
with tf.Graph().as_default():
    with tf.variable_scope("model/enc"):
        a = tf.get_variable("w1", [3, 4])
        c = tf.get_variable("b1", [4])
    with tf.variable_scope("model/cls"):
        h = tf.get_variable("w2", [4, 2], initializer=tf.zeros_initializer())
    tf.train.init_from_checkpoint(path, {"encoder/": "model/enc/"})
    print(a.initializer.op.inputs[1].op.type, h.initializer.inputs[1].op.type)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(bool(np.array_equal(sess.run(a), W1)), sess.run(c).tolist(),
              sess.run(h).sum())
with tf.Graph().as_default():
    v = tf.get_variable("renamed", [4, 2])
    tf.train.init_from_checkpoint(path, {"head/w2": v})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(v).ravel().tolist())
with tf.Graph().as_default():
    tf.get_variable("x", [2])
    for amap in [{"encoder/w9": "x"}, {"encoder/w1": "x"}]:
        try:
            tf.train.init_from_checkpoint(path, amap)
            print("no error")
        except Exception as ex:
            print(type(ex).__name__, str(ex).replace(d, "DIR"))
with tf.Graph().as_default():
    with tf.variable_scope("encoder"):
        w1 = tf.get_variable("w1", [3, 4])
        b1 = tf.get_variable("b1", [4])
    with tf.variable_scope("head"):
        w2 = tf.get_variable("w2", [4, 2], initializer=tf.ones_initializer())
    vs = tf.contrib.framework.get_variables_to_restore(exclude=["head"])
    print([v.op.name for v in vs])
    n0 = len(tf.get_default_graph().get_operations())
    fn = tf.contrib.framework.assign_from_checkpoint_fn(path, vs)
    print(len(tf.get_default_graph().get_operations()) - n0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fn(sess)
        print(bool(np.array_equal(sess.run(w1), W1)), sess.run(b1).tolist(),
              sess.run(w2).sum())
    vs2 = tf.contrib.framework.get_variables_to_restore(include=["encoder/b1", "head"])
    print([v.op.name for v in vs2])
    op, fd = tf.contrib.framework.assign_from_checkpoint(path, vs2)
    print(op.type, len(fd))
ppath = os.path.join(d, "part.ckpt")
with tf.Graph().as_default():
    emb = tf.get_variable("emb", [6, 3], partitioner=tf.fixed_size_partitioner(3),
                          initializer=tf.random_normal_initializer(seed=5))
    r = tf.get_variable("res", [2], use_resource=True, initializer=tf.ones_initializer())
    s = tf.train.Saver(name="psaver")
    print(s.saver_def.save_tensor_name, s.saver_def.restore_op_name)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        E = sess.run(tf.convert_to_tensor(emb))
        print(os.path.basename(s.save(sess, ppath, write_meta_graph=False,
                                      latest_filename="state")))
print(sorted(f for f in os.listdir(d) if "part" in f or f == "state"))
print(os.path.basename(tf.train.latest_checkpoint(d, "state")),
      tf.train.list_variables(ppath))
print(bool(np.array_equal(tf.train.load_variable(ppath, "emb"), E)))
with tf.Graph().as_default():
    emb = tf.get_variable("emb", [6, 3], partitioner=tf.fixed_size_partitioner(2))
    r = tf.get_variable("res", [2], use_resource=True)
    s = tf.train.Saver()
    with tf.Session() as sess:
        s.restore(sess, ppath)
        print(bool(np.array_equal(sess.run(tf.convert_to_tensor(emb)), E)),
              sess.run(r).tolist(), [v.op.name for v in tf.global_variables()])
with tf.Graph().as_default():
    emb = tf.get_variable("new_emb", [6, 3], partitioner=tf.fixed_size_partitioner(3))
    tf.train.init_from_checkpoint(ppath, {"emb": "new_emb"})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(bool(np.array_equal(sess.run(tf.convert_to_tensor(emb)), E)))
