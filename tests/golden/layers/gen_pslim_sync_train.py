"""TF 1.14's slim.learning.train with a sync_optimizer (a SyncReplicasOptimizer of one
replica, in one process): the chief's local init (the optimizer's chief_init_op after the
local variables and tables), its token queue runner and init tokens, the steps' losses,
the ops train() makes, and the ValueError with startup_delay_steps.
tests/test_pslim_sync_train.py runs the same cases with flowgrad."""
import shutil
import tempfile

import numpy as np


def sync_train(tf):
    """(The chief's token queue runner stays blocked in TakeGrad after the last step, so
    train()'s Supervisor waits its stop_grace_secs, 120 s, for it: 1 s here, both sides.)"""
    logdir = tempfile.mkdtemp()
    sup = tf.train.Supervisor
    init = sup.__init__

    def short_grace(self, *args, **kwargs):
        kwargs.setdefault("stop_grace_secs", 1)
        init(self, *args, **kwargs)
    sup.__init__ = short_grace
    try:
        with tf.Graph().as_default() as g:
            tf.set_random_seed(1)
            x = tf.constant(np.random.RandomState(0).rand(8, 3).astype(np.float32))
            pred = tf.contrib.slim.fully_connected(x, 1, activation_fn=None)
            loss = tf.reduce_mean(tf.square(pred - 1.0))
            opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                 replicas_to_aggregate=1, total_num_replicas=1)
            train_op = tf.contrib.slim.learning.create_train_op(loss, opt)
            n, v = len(g.get_operations()), g.version
            final = tf.contrib.slim.learning.train(
                train_op, logdir, number_of_steps=4, sync_optimizer=opt,
                save_summaries_secs=10000, save_interval_secs=10000, log_every_n_steps=0,
                ignore_live_threads=True)
            made = [[o.name, o.type] for o in g.get_operations()[n:]
                    if not o.name.startswith(("save/", "report_uninitialized"))]
            return {"final": float(final), "version": g.version - v, "ops": made}
    finally:
        sup.__init__ = init
        shutil.rmtree(logdir, ignore_errors=True)


def startup_delay(tf):
    with tf.Graph().as_default():
        opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1), 1)
        try:
            tf.contrib.slim.learning.train(tf.constant(1.0), "/tmp/unused", sync_optimizer=opt,
                                           startup_delay_steps=2)
        except ValueError as e:
            return str(e)
    return None


def not_sync(tf):
    """sync_optimizer of another kind: alone, TF iterates over it (TypeError); in a list,
    its ValueError."""
    out = []
    for given in (tf.train.GradientDescentOptimizer(0.1), [tf.train.AdamOptimizer(0.1)]):
        with tf.Graph().as_default():
            try:
                tf.contrib.slim.learning.train(tf.constant(1.0), None, sync_optimizer=given,
                                               save_summaries_secs=0, save_interval_secs=0)
                out.append(None)
            except (TypeError, ValueError) as e:
                out.append([type(e).__name__, str(e)])
    return out


def cases(tf):
    return {"sync_train": sync_train(tf), "startup_delay": startup_delay(tf),
            "not_sync": not_sync(tf)}
