"""Linear regression trained with tf.train.MonitoredTrainingSession: StopAtStepHook, a
LoggingTensorHook, checkpoints every 4 steps, then a restart that resumes from the latest
checkpoint (a flowgrad run tutorial)."""
import logging
import os
import shutil
import sys
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.INFO)
to_stdout = logging.StreamHandler(sys.stdout)
to_stdout.setFormatter(logging.Formatter("log: %(message)s"))
to_stdout.addFilter(lambda r: r.getMessage().startswith("loss"))
tf.get_logger().addHandler(to_stdout)

rng = np.random.RandomState(0)
features = rng.rand(32, 3).astype(np.float32)
targets = features.dot([[1.5], [-2.0], [0.5]]).astype(np.float32) + 0.25
ckpt_dir = tempfile.mkdtemp()


def build():
    dataset = tf.data.Dataset.from_tensor_slices((features, targets)).repeat().batch(8)
    x, y = dataset.make_one_shot_iterator().get_next()
    w = tf.get_variable("w", initializer=tf.constant([[0.1], [0.2], [0.3]]))
    b = tf.get_variable("b", initializer=tf.constant([0.0]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y), name="loss")
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
    return step, loss, train, w, b


for last_step in (10, 16):
    tf.reset_default_graph()
    step, loss, train, w, b = build()
    hooks = [tf.train.StopAtStepHook(last_step=last_step),
             tf.train.LoggingTensorHook(
                 {"loss": loss, "step": step}, every_n_iter=5,
                 formatter=lambda v: "loss %.5f before step %d" % (v["loss"], v["step"]))]
    with tf.train.MonitoredTrainingSession(checkpoint_dir=ckpt_dir, hooks=hooks,
                                           save_checkpoint_steps=4,
                                           save_summaries_steps=None) as sess:
        print("starting at step", sess.run(step))
        while not sess.should_stop():
            _, loss_value = sess.run([train, loss])
        print("last loss %.5f" % loss_value)
    print("latest", os.path.basename(tf.train.latest_checkpoint(ckpt_dir)))

reader = tf.train.NewCheckpointReader(tf.train.latest_checkpoint(ckpt_dir))
print("w", np.round(reader.get_tensor("w").ravel(), 5))
print("b", np.round(reader.get_tensor("b"), 5))
print(sorted(f for f in os.listdir(ckpt_dir) if f.startswith("model.ckpt") and
             f.endswith(".index")))
shutil.rmtree(ckpt_dir)
