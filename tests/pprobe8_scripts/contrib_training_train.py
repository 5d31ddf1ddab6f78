"""tf.contrib.training.create_train_op (transform_grads clipping each gradient's norm,
summarize_gradients, check_numerics) and tf.contrib.training.train with a StopAtStepHook,
multiply_gradients and add_gradients_summaries; the loss it returns and the graph it built."""
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tr = tf.contrib.training
d = tempfile.mkdtemp()
tf.set_random_seed(61)
rs = np.random.RandomState(62)
x = tf.constant(rs.randn(12, 5).astype(np.float32))
y = tf.constant(rs.randn(12, 2).astype(np.float32))
h = tf.layers.dense(x, 4, tf.nn.softplus, kernel_initializer=tf.orthogonal_initializer(seed=1))
p = tf.layers.dense(h, 2, kernel_initializer=tf.orthogonal_initializer(seed=2))
loss = tf.losses.absolute_difference(y, p)
tv = tf.trainable_variables()


def transform(gv):
    gv = tr.clip_gradient_norms(gv, 0.5)
    gv = tr.multiply_gradients(gv, {tv[0]: 0.5, tv[2].op.name: 2.0})
    tr.add_gradients_summaries(gv)
    return gv


n0 = len(tf.get_default_graph().get_operations())
train_op = tr.create_train_op(loss, tf.train.GradientDescentOptimizer(0.2),
                              transform_grads_fn=transform, summarize_gradients=False)
print(train_op.name, len(tf.get_default_graph().get_operations()) - n0)
print(sorted(s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)))
final = tr.train(train_op, d, hooks=[tf.train.StopAtStepHook(num_steps=7)],
                 save_checkpoint_secs=3600, save_summaries_steps=None)
print("final", repr(float(final)))
r = tf.train.NewCheckpointReader(tf.train.latest_checkpoint(d))
print(r.get_tensor("global_step"), repr(r.get_tensor("dense_1/bias").tolist()))
shutil.rmtree(d)
