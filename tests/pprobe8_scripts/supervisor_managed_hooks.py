"""tf.train.Supervisor without timer threads (save_model_secs=0, save_summaries_secs=0):
managed_session, summary_computed, a final saver.save, then a second Supervisor that restores
from the logdir and stops through request_stop; then a MonitoredSession with FeedFnHook and
GlobalStepWaiterHook, and tf.train.basic_train_loop."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
rs = np.random.RandomState(141)
X = rs.randn(4, 6, 3).astype(np.float32)
Y = rs.randn(4, 6, 1).astype(np.float32)


def build():
    tf.set_random_seed(142)
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    w = tf.get_variable("w", [3, 1], initializer=tf.random_uniform_initializer(-1, 1, seed=3))
    loss = tf.reduce_mean(tf.abs(tf.matmul(x, w) - y))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.MomentumOptimizer(0.1, 0.5).minimize(loss, global_step=gs)
    summ = tf.summary.scalar("loss", loss)
    return x, y, w, loss, gs, train, summ


for phase in (1, 2):
    tf.reset_default_graph()
    x, y, w, loss, gs, train, summ = build()
    sv = tf.train.Supervisor(logdir=d, save_model_secs=0, save_summaries_secs=0,
                             summary_op=None, global_step=gs)
    with sv.managed_session() as s:
        print("phase", phase, "start", s.run(gs), sv.is_chief, sv.save_path.replace(d, "D"))
        i = 0
        while not sv.should_stop():
            _, lv, sm = s.run([train, loss, summ], {x: X[i % 4], y: Y[i % 4]})
            sv.summary_computed(s, sm)
            i += 1
            if s.run(gs) >= 3 * phase:
                sv.request_stop()
        print("loss", repr(float(lv)), s.run(gs))
        sv.saver.save(s, sv.save_path, global_step=gs)
print(sorted(f for f in os.listdir(d) if not f.startswith("events")))
shutil.rmtree(d)

tf.reset_default_graph()
x, y, w, loss, gs, train, summ = build()
feeds = iter(range(100))


def feed_fn():
    i = next(feeds)
    return {x: X[i % 4], y: Y[i % 4]}


hooks = [tf.train.FeedFnHook(feed_fn), tf.train.GlobalStepWaiterHook(0),
         tf.train.StopAtStepHook(num_steps=5)]
with tf.train.MonitoredSession(hooks=hooks) as s:
    n = 0
    while not s.should_stop():
        _, lv = s.run([train, loss])
        n += 1
print("monitored", n, repr(float(lv)), next(feeds))

tf.reset_default_graph()
x, y, w, loss, gs, train, summ = build()
sv = tf.train.Supervisor(logdir=None, summary_op=None, global_step=gs)
calls = []


def step_fn(sess, *args):
    calls.append(args)
    i = len(calls)
    sess.run(train, {x: X[i % 4], y: Y[i % 4]})
    if i == 4:
        sv.request_stop()


tf.train.basic_train_loop(sv, step_fn, args=("a", 1))
with sv.managed_session() as s2:
    print("basic", len(calls), calls[0], s2.run(gs))
