"""tf.logging around a seeded TF1 training loop, its output captured from file descriptor 2
and printed as written: set_verbosity / get_verbosity at DEBUG, INFO, WARN, ERROR, info /
warning / error / debug with %-arguments, log, log_every_n and log_first_n inside the loop,
log_if, vlog, the level constants; the loss values at full precision and op counts."""

import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(4541)
rs = np.random.RandomState(4542)


class Stderr(object):
    """Captures what is written to file descriptor 2 (TF's log handler's stream)."""

    def __enter__(self):
        sys.stderr.flush()
        self.f = tempfile.TemporaryFile()
        self.saved = os.dup(2)
        os.dup2(self.f.fileno(), 2)
        return self

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.f.seek(0)
        self.text = self.f.read().decode()
        self.f.close()


x = tf.constant(rs.randn(8, 3).astype(np.float32))
y = tf.constant(rs.randn(8, 1).astype(np.float32))
w = tf.get_variable("w", [3, 1], initializer=tf.truncated_normal_initializer(seed=2))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))
print(tf.logging.DEBUG, tf.logging.INFO, tf.logging.WARN, tf.logging.ERROR, tf.logging.FATAL)
print(tf.logging.get_verbosity())

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    with Stderr() as cap:
        for level in (tf.logging.DEBUG, tf.logging.INFO, tf.logging.WARN, tf.logging.ERROR):
            tf.logging.set_verbosity(level)
            print("verbosity", tf.logging.get_verbosity())
            tf.logging.debug("debug %d", level)
            tf.logging.info("info %s %.3f", "x", 1.0 / 3)
            tf.logging.warning("warning %r", [level])
            tf.logging.warn("warn %d%%", 50)
            tf.logging.error("error")
            tf.logging.log(tf.logging.INFO, "log at INFO %s", level)
            tf.logging.log_if(tf.logging.WARN, "log_if %d", level > 20, level)
            tf.logging.vlog(tf.logging.INFO, "vlog %s", "v")
        tf.logging.set_verbosity(tf.logging.INFO)
        for i in range(7):
            _, lv = sess.run([train, loss])
            print(i, repr(float(lv)))
            tf.logging.log_every_n(tf.logging.INFO, "step %d loss %.6f", 3, i, lv)
            tf.logging.log_first_n(tf.logging.WARN, "first %d", 2, i)
    print("stderr:")
    print(cap.text)
