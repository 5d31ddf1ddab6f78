"""A MonitoredTrainingSession loop with a seeded model and Adam: StopAtStepHook,
LoggingTensorHook with a formatter, NanTensorHook, a chief-only CheckpointSaverHook of its
own next to the session's, and what they log and write (a flowgrad run tutorial)."""
import logging
import os
import shutil
import tempfile

import tensorflow as tf

d = tempfile.mkdtemp()


class Print(logging.Handler):
    def emit(self, record):
        print(record.getMessage().replace(d, "DIR"))


tf.logging.set_verbosity(tf.logging.INFO)
log = logging.getLogger("tensorflow")
log.propagate = False
for h in list(log.handlers):
    log.removeHandler(h)
handler = Print()
handler.setLevel(logging.INFO)
handler.addFilter(lambda r: r.levelno == logging.INFO)
log.addHandler(handler)

tf.set_random_seed(1)
x = tf.random_normal([8, 3])
w = tf.get_variable("w", [3, 1])
y = tf.reduce_sum(x, 1, keepdims=True)
loss = tf.losses.mean_squared_error(y, tf.matmul(x, w))
gs = tf.train.get_or_create_global_step()
with tf.control_dependencies([tf.identity(gs)]):
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=gs)
tf.summary.scalar("loss", loss)
hooks = [tf.train.StopAtStepHook(last_step=12),
         tf.train.LoggingTensorHook({"loss": loss}, every_n_iter=5,
                                    formatter=lambda v: "L=%.4f" % v["loss"]),
         tf.train.NanTensorHook(loss)]
chief = [tf.train.CheckpointSaverHook(d + "/b", save_steps=6, checkpoint_basename="b.ckpt")]
with tf.train.MonitoredTrainingSession(checkpoint_dir=d, hooks=hooks, save_checkpoint_steps=5,
                                       save_summaries_steps=4, log_step_count_steps=None,
                                       chief_only_hooks=chief) as s:
    while not s.should_stop():
        _, value = s.run([train, loss])
print("loss %.5f" % value)
print(sorted(f for f in os.listdir(d) if not f.startswith("events")))
print(sorted(f for f in os.listdir(d + "/b") if not f.startswith("events")))
print(tf.train.latest_checkpoint(d).replace(d, "DIR"))
shutil.rmtree(d)
