"""tf.train.MonitoredSession with a ChiefSessionCreator and a Scaffold (init_fn, saver), a
custom SessionRunHook that logs begin/after_create_session/before_run/after_run/end and feeds
the batch through SessionRunArgs, a FinalOpsHook, a SummarySaverHook writing every 2 steps,
and the events read back with tf.train.summary_iterator."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


d = tempfile.mkdtemp()
tf.set_random_seed(11)
rs = np.random.RandomState(12)
X = rs.randn(6, 16, 4).astype(np.float32)
Y = (X.sum(axis=2, keepdims=True) > 0).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
h = tf.layers.dense(x, 6, tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
logit = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
loss = tf.losses.sigmoid_cross_entropy(y, logit)
gs = tf.train.get_or_create_global_step()
train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss, global_step=gs)
tf.summary.scalar("loss", loss)
tf.summary.histogram("logit", logit)
merged = tf.summary.merge_all()
total = tf.Variable(0.0, trainable=False, name="total")
acc = tf.assign_add(total, loss)


class Feeder(tf.train.SessionRunHook):
    def begin(self):
        self.i = 0
        print("begin", len(tf.get_default_graph().get_operations()))

    def after_create_session(self, session, coord):
        print("created", session.run(gs), coord.should_stop())

    def before_run(self, run_context):
        b = self.i % len(X)
        return tf.train.SessionRunArgs({"step": gs, "total": acc}, feed_dict={x: X[b], y: Y[b]})

    def after_run(self, run_context, run_values):
        self.i += 1
        r = run_values.results
        print("after_run", r["step"], repr(float(r["total"])))
        if r["step"] >= 6:
            run_context.request_stop()

    def end(self, session):
        print("end", session.run(gs))


set_total = tf.assign(total, 0.5)


def init_fn(scaffold, sess):
    print("init_fn", type(scaffold).__name__)
    sess.run(set_total)


final = tf.train.FinalOpsHook({"w": tf.trainable_variables()[0], "gs": gs})
saver_hook = tf.train.SummarySaverHook(save_steps=2, output_dir=d, summary_op=merged)
scaffold = tf.train.Scaffold(init_fn=init_fn, saver=tf.train.Saver(max_to_keep=1))
creator = tf.train.ChiefSessionCreator(scaffold=scaffold)
with tf.train.MonitoredSession(session_creator=creator,
                               hooks=[Feeder(), final, saver_hook]) as s:
    while not s.should_stop():
        s.run(train)
print(H(final.final_ops_values["w"]), final.final_ops_values["gs"])
events = [f for f in os.listdir(d) if f.startswith("events.out.tfevents")]
print(len(events))
for e in tf.train.summary_iterator(os.path.join(d, events[0])):
    kinds = [e.WhichOneof("what")]
    if e.HasField("summary"):
        for v in e.summary.value:
            if v.HasField("histo"):
                kinds.append((v.tag, repr(v.histo.min), repr(v.histo.max), v.histo.num,
                              repr(v.histo.sum), len(v.histo.bucket)))
            else:
                kinds.append((v.tag, repr(v.simple_value)))
    elif e.HasField("session_log"):
        kinds.append(e.session_log.status)
    elif e.HasField("file_version"):
        kinds.append(e.file_version)
    print(e.step, kinds)
shutil.rmtree(d)
