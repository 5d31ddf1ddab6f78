"""Resuming from a MetaGraph as tutorials do: save with the train op in a collection,
tf.train.import_meta_graph into a new graph (clear_devices), restore, find tensors by name,
keep training; Saver options (save_relative_paths, pad_step_number, write_meta_graph=False,
keep_checkpoint_every_n_hours), tf.train.update_checkpoint_state and
generate_checkpoint_state_proto, checkpoint_exists."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
rs = np.random.RandomState(151)
X = rs.randn(10, 4).astype(np.float32)
Y = rs.randint(0, 3, 10).astype(np.int32)
tf.set_random_seed(152)
x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.int32, [None], name="y")
with tf.device("/cpu:0"):
    logits = tf.layers.dense(x, 3, name="out",
                             kernel_initializer=tf.random_normal_initializer(seed=2))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
gs = tf.train.get_or_create_global_step()
train = tf.train.MomentumOptimizer(0.5, 0.9).minimize(loss, global_step=gs, name="train_step")
tf.add_to_collection("train_op", train)
tf.add_to_collection("loss", loss)
saver = tf.train.Saver(save_relative_paths=True, pad_step_number=True, max_to_keep=3,
                       keep_checkpoint_every_n_hours=1.0)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        s.run(train, {x: X, y: Y})
    p = saver.save(s, os.path.join(d, "model"), global_step=gs)
    p2 = saver.save(s, os.path.join(d, "extra"), global_step=7, write_meta_graph=False,
                    latest_filename="other_ckpt")
    ref = s.run(loss, {x: X, y: Y})
print(os.path.basename(p), os.path.basename(p2), repr(float(ref)))
print(sorted(os.listdir(d)))
with open(os.path.join(d, "checkpoint")) as f:
    print(f.read())
print(tf.train.checkpoint_exists(p), tf.train.checkpoint_exists(os.path.join(d, "nope")))

tf.reset_default_graph()
restorer = tf.train.import_meta_graph(p + ".meta", clear_devices=True)
g = tf.get_default_graph()
print(len(g.get_operations()), g.get_tensor_by_name("out/BiasAdd:0").device == "")
train2 = tf.get_collection("train_op")[0]
loss2 = tf.get_collection("loss")[0]
print(train2.name, loss2.name, restorer.saver_def.max_to_keep)
with tf.Session() as s:
    restorer.restore(s, tf.train.latest_checkpoint(d))
    print(repr(float(s.run(loss2, {"x:0": X, "y:0": Y}))))
    for i in range(2):
        s.run(train2, {"x:0": X, "y:0": Y})
    print(repr(float(s.run(loss2, {"x:0": X, "y:0": Y}))),
          s.run(tf.train.get_global_step()))
    p3 = restorer.save(s, os.path.join(d, "model"), global_step=tf.train.get_global_step())
print(os.path.basename(p3))
st = tf.train.generate_checkpoint_state_proto(d, os.path.join(d, "a"),
                                              all_model_checkpoint_paths=[os.path.join(d, "b")])
print(str(st).replace(d + "/", "").replace(d, "D"))
tf.train.update_checkpoint_state(d, "rel-5", all_model_checkpoint_paths=["rel-4", "rel-5"],
                                 latest_filename="mine")
with open(os.path.join(d, "mine")) as f:
    print(f.read())
print(os.path.basename(tf.train.latest_checkpoint(d)),
      tf.train.latest_checkpoint(d, latest_filename="mine"))
shutil.rmtree(d)
