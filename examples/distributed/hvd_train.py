"""Horovod data parallelism, written as Horovod's TF1 examples are: every rank trains
the same model on its own shard of the data; DistributedOptimizer averages the
gradients over the ranks with an all-reduce; rank 0's initial weights are broadcast.

    flowgrad launch -np 2 hvd_train.py               # two ranks on this machine
    RAY_ADDRESS=HEAD:6379 flowgrad launch -np 8 hvd_train.py   # on a Ray cluster

(`flowgrad run hvd_train.py` is one rank.) Only rank 0 writes checkpoints.
"""
import numpy as np
import tensorflow as tf
import horovod.tensorflow as hvd

flags = tf.app.flags
flags.DEFINE_integer("steps", 200, "steps to train for (the same on every rank)")
flags.DEFINE_string("checkpoint_dir", "", "where rank 0 writes checkpoints ('': none)")
FLAGS = flags.FLAGS


def shard(rank, size):
    """This rank's share of a synthetic two-class problem (1024 points in 10-d)."""
    rng = np.random.RandomState(0)
    xs = rng.randn(1024, 10).astype(np.float32)
    ys = (xs[:, :5].sum(axis=1) > xs[:, 5:].sum(axis=1)).astype(np.int64)
    return xs[rank::size], ys[rank::size]


def main(_):
    hvd.init()
    xs, ys = shard(hvd.rank(), hvd.size())
    x = tf.placeholder(tf.float32, [None, 10])
    y = tf.placeholder(tf.int64, [None])
    h = tf.layers.dense(x, 32, activation=tf.nn.relu)
    logits = tf.layers.dense(h, 2)
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    # the learning rate scales with the number of ranks, as Horovod's examples do
    opt = hvd.DistributedOptimizer(tf.train.MomentumOptimizer(0.01 * hvd.size(), 0.9))
    train_op = opt.minimize(loss, global_step=global_step)
    hooks = [hvd.BroadcastGlobalVariablesHook(0),
             tf.train.StopAtStepHook(last_step=FLAGS.steps)]
    checkpoint_dir = FLAGS.checkpoint_dir if hvd.rank() == 0 and FLAGS.checkpoint_dir else None
    rng = np.random.RandomState(hvd.rank())
    with tf.train.MonitoredTrainingSession(checkpoint_dir=checkpoint_dir, hooks=hooks) as sess:
        while not sess.should_stop():
            idx = rng.randint(0, len(xs), 32)
            step, l, acc, _ = sess.run([global_step, loss, accuracy, train_op],
                                       {x: xs[idx], y: ys[idx]})
            if step % 50 == 0 and hvd.rank() == 0:
                print("step %d: loss %.4f, accuracy %.3f (rank 0's batch)" % (step, l, acc))
    print("rank %d of %d done" % (hvd.rank(), hvd.size()))


if __name__ == "__main__":
    tf.app.run()
