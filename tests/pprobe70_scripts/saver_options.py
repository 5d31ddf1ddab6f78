"""tf.train.Saver as TF1 projects configure it: var_list as a dict and as a list,
max_to_keep rotation, sharded=True, save_relative_paths, keep_checkpoint_every_n_hours;
get_checkpoint_state / latest_checkpoint / checkpoint_exists and the checkpoint file's
contents; training continued after a restore."""
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(1)
X = np.random.RandomState(5).randn(16, 4).astype(np.float32)
Y = X[:, 0:1] - X[:, 1:2] + np.float32(0.5) * X[:, 2:3] + np.float32(2.0) * X[:, 3:4]
x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
with tf.variable_scope("net"):
    w = tf.get_variable("w", [4, 1], initializer=tf.truncated_normal_initializer(seed=2))
    b = tf.get_variable("b", [1], initializer=tf.constant_initializer(0.1))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
gs = tf.train.get_or_create_global_step()
train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs)
n0 = len(tf.get_default_graph().get_operations())
d = tempfile.mkdtemp()
saver = tf.train.Saver(max_to_keep=2, save_relative_paths=True)
dsaver = tf.train.Saver({"weights": w, "bias": b})
lsaver = tf.train.Saver([w, b], sharded=True, keep_checkpoint_every_n_hours=1.0)
print(len(tf.get_default_graph().get_operations()) - n0)
print(saver.saver_def.filename_tensor_name, saver.saver_def.save_tensor_name,
      saver.saver_def.restore_op_name, saver.saver_def.max_to_keep, saver.saver_def.sharded)
print(lsaver.saver_def.sharded, lsaver.saver_def.keep_checkpoint_every_n_hours,
      dsaver.saver_def.save_tensor_name)
print(tf.train.latest_checkpoint(d), tf.train.get_checkpoint_state(d))
fd = {x: X, y: Y}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        _, lv = sess.run([train, loss], fd)
        print(i, repr(float(lv)))
        p = saver.save(sess, os.path.join(d, "model.ckpt"), global_step=gs)
        print(os.path.basename(p), [os.path.basename(c) for c in saver.last_checkpoints])
    dp = dsaver.save(sess, os.path.join(d, "dict.ckpt"))
    sp = lsaver.save(sess, os.path.join(d, "shard.ckpt"), global_step=7)
    print(os.path.basename(dp), os.path.basename(sp))
    w_end = sess.run(w)
st = tf.train.get_checkpoint_state(d)
print(os.path.basename(st.model_checkpoint_path),
      [os.path.basename(p) for p in st.all_model_checkpoint_paths])
print(os.path.basename(tf.train.latest_checkpoint(d)))
print(sorted(f for f in os.listdir(d) if not f.startswith("checkpoint")))
with open(os.path.join(d, "checkpoint")) as f:
    print(f.read().replace(d, "DIR"))
print(tf.train.checkpoint_exists(os.path.join(d, "model.ckpt-6")),
      tf.train.checkpoint_exists(os.path.join(d, "model.ckpt-1")),
      tf.train.checkpoint_exists(os.path.join(d, "shard.ckpt-7")))
print(sorted(n for n, _ in tf.train.list_variables(os.path.join(d, "dict.ckpt"))))
print(sorted(tf.train.list_variables(os.path.join(d, "shard.ckpt-7"))))
with tf.Session() as sess:
    dsaver.restore(sess, os.path.join(d, "dict.ckpt"))
    print(bool(np.array_equal(sess.run(w), w_end)))
    lsaver.restore(sess, os.path.join(d, "shard.ckpt-7"))
    sess.run(tf.variables_initializer([v for v in tf.global_variables()
                                       if v not in (w, b)]))
    for i in range(3):
        _, lv = sess.run([train, loss], fd)
        print("cont", i, repr(float(lv)), sess.run(gs))
s2 = tf.train.Saver(max_to_keep=3)
s2.recover_last_checkpoints([os.path.join(d, "model.ckpt-%d" % i) for i in (4, 5, 6)])
print([os.path.basename(p) for p in s2.last_checkpoints])
tf.train.update_checkpoint_state(d, os.path.join(d, "model.ckpt-6"),
                                 [os.path.join(d, "model.ckpt-5")])
with open(os.path.join(d, "checkpoint")) as f:
    print(f.read().replace(d, "DIR"))
print(os.path.basename(tf.train.latest_checkpoint(d)),
      tf.train.get_checkpoint_state(d).all_model_checkpoint_paths[:] ==
      [os.path.join(d, "model.ckpt-5"), os.path.join(d, "model.ckpt-6")])
print(saver.to_proto())
print(tf.train.Saver.from_proto(lsaver.to_proto()).saver_def.restore_op_name)
with tf.Graph().as_default() as g:
    with tf.device("/cpu:0"):
        p0 = tf.Variable(tf.range(4.0), name="p0")
    with tf.device("/cpu:1"):
        p1 = tf.Variable(tf.ones([2, 2]), name="p1")
    p2 = tf.Variable(3, name="p2")
    n0 = len(g.get_operations())
    sh = tf.train.Saver(sharded=True, max_to_keep=None)
    ops = g.get_operations()[n0:]
    print(len(ops), sorted(set(o.type for o in ops)))
    print(sh.saver_def.save_tensor_name, sh.saver_def.restore_op_name, sh.saver_def.max_to_keep)
    print(sorted(o.name for o in ops if o.type in ("SaveV2", "RestoreV2", "MergeV2Checkpoints",
                                                     "ShardedFilename")))
    cfg = tf.ConfigProto(device_count={"CPU": 2})
    with tf.Session(config=cfg) as sess:
        sess.run(tf.global_variables_initializer())
        sp = sh.save(sess, os.path.join(d, "multi"), global_step=1)
        sess.run([tf.assign(p0, tf.zeros([4])), tf.assign(p2, 0)])
        sh.restore(sess, sp)
        print(sess.run(p0).tolist(), sess.run(p2), sh.last_checkpoints == [])
    print(sorted(f for f in os.listdir(d) if f.startswith("multi")))
    print(sorted(tf.train.list_variables(sp)))
with tf.Graph().as_default():
    v = tf.Variable([1.0, 2.0], name="v")
    s = tf.train.Saver(pad_step_number=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(os.path.basename(s.save(sess, os.path.join(d, "pad"), global_step=7)))
        print(os.path.basename(s.save(sess, os.path.join(d, "a-b"), global_step=tf.constant(3))))
    print(tf.contrib.framework.list_variables(os.path.join(d, "pad-00000007")))
print(str(tf.train.generate_checkpoint_state_proto(
    d, os.path.join(d, "x-1"), [os.path.join(d, "x-0")])).replace(d, "DIR"))
print(tf.train.generate_checkpoint_state_proto(d, "x-1"))
