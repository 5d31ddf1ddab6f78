"""tf.train.SingularMonitoredSession with run_step_fn (step_context.run_with_hooks and
request_stop), a LoggingTensorHook with at_end and a formatter, a NanTensorHook that only
logs, then one that raises NanLossDuringTrainingError; raw_session() for an untraced run."""
import logging

import numpy as np
import tensorflow as tf


class Print(logging.Handler):
    def emit(self, record):
        print("LOG", record.getMessage())


tf.logging.set_verbosity(tf.logging.INFO)
log = logging.getLogger("tensorflow")
log.propagate = False
for h in list(log.handlers):
    log.removeHandler(h)
handler = Print()
handler.addFilter(lambda r: r.levelno == logging.INFO)
log.addHandler(handler)

tf.set_random_seed(5)
rs = np.random.RandomState(6)
w = tf.get_variable("w", [3], initializer=tf.random_uniform_initializer(-1, 1, seed=2))
data = tf.constant(rs.randn(5, 3).astype(np.float32))
idx = tf.placeholder_with_default(0, [], name="idx")
scale = tf.placeholder_with_default(1.0, [], name="scale")
loss = tf.reduce_sum(tf.square(data[idx] * w - 1.0)) * scale
gs = tf.train.get_or_create_global_step()
train = tf.train.AdagradOptimizer(0.3).minimize(loss, global_step=gs)
hooks = [tf.train.LoggingTensorHook(
    {"loss": loss, "step": gs}, every_n_iter=3, at_end=True,
    formatter=lambda v: "step %d loss %.6f" % (v["step"], v["loss"])),
         tf.train.NanTensorHook(loss, fail_on_nan_loss=False)]
with tf.train.SingularMonitoredSession(hooks=hooks) as s:
    def step_fn(step_context):
        step = step_context.session.run(gs)
        if step == 5:
            step_context.request_stop()
        return step_context.run_with_hooks(train, feed_dict={idx: step % 5})

    i = 0
    while not s.should_stop():
        i += 1
        if i == 4:
            print("nan step", s.run(loss, feed_dict={scale: np.nan}), s.should_stop())
            continue
        s.run_step_fn(step_fn)
    print("raw", s.raw_session().run(gs), repr(s.raw_session().run(w).tolist()))
print("closed", s._sess is None)

try:
    with tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(loss)]) as s2:
        s2.run(train, feed_dict={scale: np.inf * 0})
except tf.train.NanLossDuringTrainingError as e:
    print(type(e).__name__, str(e))
