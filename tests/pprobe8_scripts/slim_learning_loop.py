"""tf.contrib.slim training as the slim walkthrough wrote it: a conv net with batch_norm and
weight decay, slim.learning.create_train_op with clip_gradient_norm, summarize_gradients and
a variables_to_train subset, then slim.learning.train with number_of_steps returning the final
loss (no timer threads: save_interval_secs=0, save_summaries_secs=0); the checkpoint it
writes at the end and the moving statistics it ran."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
d = tempfile.mkdtemp()
tf.set_random_seed(51)
rs = np.random.RandomState(52)
images = tf.constant(rs.rand(8, 6, 6, 1).astype(np.float32))
labels = tf.constant(rs.randint(0, 3, 8).astype(np.int64))
with slim.arg_scope([slim.conv2d, slim.fully_connected],
                    weights_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=5),
                    weights_regularizer=slim.l2_regularizer(0.001)):
    net = slim.conv2d(images, 4, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={"is_training": True, "decay": 0.9}, scope="conv1")
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = slim.flatten(net)
    logits = slim.fully_connected(net, 3, activation_fn=None, scope="fc")
slim.losses.sparse_softmax_cross_entropy(logits, labels)
total = slim.losses.get_total_loss()
opt = tf.train.MomentumOptimizer(0.05, 0.9)
train_op = slim.learning.create_train_op(
    total, opt, clip_gradient_norm=2.0, summarize_gradients=True,
    variables_to_train=tf.trainable_variables("conv1") + tf.trainable_variables("fc"))
print(train_op.name, len(tf.get_default_graph().get_operations()))
print(sorted(s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)))
final = slim.learning.train(train_op, d, number_of_steps=6, save_summaries_secs=0,
                            save_interval_secs=0, log_every_n_steps=100)
print("final loss", repr(float(final)))
print(sorted(f for f in os.listdir(d) if not f.startswith("events")))
r = tf.train.NewCheckpointReader(tf.train.latest_checkpoint(d))
print(r.get_tensor("global_step"))
print(repr(r.get_tensor("conv1/BatchNorm/moving_mean").tolist()))
print(repr(r.get_tensor("fc/biases").tolist()))
shutil.rmtree(d)
