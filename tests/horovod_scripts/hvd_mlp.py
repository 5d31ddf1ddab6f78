"""A Horovod data-parallel MLP, as Horovod's TF1 examples are written. Each rank trains
on its 1/size share of a fixed batch (--full-batch: the whole batch, for comparison)."""
import argparse
import os
import signal

import numpy as np
import tensorflow as tf
import horovod.tensorflow as hvd

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, default=5)
parser.add_argument("--full-batch", action="store_true")
parser.add_argument("--kill-rank", type=int, default=-1)
parser.add_argument("--kill-step", type=int, default=-1)
args = parser.parse_args()

hvd.init()
print("rank %d of %d" % (hvd.rank(), hvd.size()))
print("rank %d: local rank %d of %d, node %s" % (hvd.rank(), hvd.local_rank(), hvd.local_size(),
                                                 os.environ.get("FLOWGRAD_RAY_NODE_IP", "-")))
rng = np.random.RandomState(0)
xs = rng.randn(16, 5).astype(np.float32)
ys = (xs.sum(axis=1, keepdims=True) > 0).astype(np.float32)
if not args.full_batch:
    per = len(xs) // hvd.size()
    part = slice(hvd.rank() * per, (hvd.rank() + 1) * per)
    xs, ys = xs[part], ys[part]

tf.set_random_seed(1234 + hvd.rank())    # different initial weights: the broadcast fixes them
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
h = tf.layers.dense(x, 8, activation=tf.nn.tanh)
logits = tf.layers.dense(h, 1)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
opt = hvd.DistributedOptimizer(tf.train.AdamOptimizer(0.05))
global_step = tf.train.get_or_create_global_step()
train = opt.minimize(loss, global_step=global_step)
hooks = [hvd.BroadcastGlobalVariablesHook(0)]
with tf.train.MonitoredTrainingSession(hooks=hooks) as sess:
    for step in range(args.steps):
        if hvd.rank() == args.kill_rank and step == args.kill_step:
            os.kill(os.getpid(), signal.SIGKILL)
        _, loss_value = sess.run([train, loss], {x: xs, y: ys})
    w = sess.run(tf.trainable_variables()[0])
print("final loss %.6f" % loss_value)
print("final w " + " ".join("%.7g" % v for v in w.ravel()[:8]))
