"""MonitoredTrainingSession with a CheckpointSaverHook carrying CheckpointSaverListeners
(begin/before_save/after_save/end), a Scaffold saver with max_to_keep=2, then a restart that
resumes from the checkpoint; tf.train.get_checkpoint_state and the files kept."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
rs = np.random.RandomState(21)
X = rs.randn(10, 3).astype(np.float32)
Y = X.dot([[0.5], [-1.0], [2.0]]).astype(np.float32)


class Listener(tf.train.CheckpointSaverListener):
    def begin(self):
        print("L begin")

    def before_save(self, session, global_step_value):
        print("L before_save", global_step_value)

    def after_save(self, session, global_step_value):
        print("L after_save", global_step_value,
              sorted(f for f in os.listdir(d) if f.startswith("model")))
        return global_step_value >= 8

    def end(self, session, global_step_value):
        print("L end", global_step_value)


def run(last, with_listener):
    tf.reset_default_graph()
    tf.set_random_seed(22)
    w = tf.get_variable("w", [3, 1], initializer=tf.truncated_normal_initializer(seed=1))
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) - Y))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, global_step=gs)
    scaffold = tf.train.Scaffold(saver=tf.train.Saver(max_to_keep=2))
    hooks = [tf.train.StopAtStepHook(last_step=last)]
    chief = []
    if with_listener:
        chief = [tf.train.CheckpointSaverHook(d, save_steps=3, scaffold=scaffold,
                                              listeners=[Listener()])]
    with tf.train.MonitoredTrainingSession(checkpoint_dir=d, scaffold=scaffold, hooks=hooks,
                                           chief_only_hooks=chief,
                                           save_checkpoint_steps=None if with_listener else 2,
                                           save_checkpoint_secs=None,
                                           save_summaries_steps=None, save_summaries_secs=None,
                                           log_step_count_steps=None) as s:
        print("start at", s.run(gs))
        while not s.should_stop():
            _, lv = s.run([train, loss])
    print("loss", repr(float(lv)))


run(10, True)
run(13, False)
st = tf.train.get_checkpoint_state(d)
print(os.path.basename(st.model_checkpoint_path),
      [os.path.basename(p) for p in st.all_model_checkpoint_paths])
print(sorted(f for f in os.listdir(d) if not f.startswith("events")))
r = tf.train.NewCheckpointReader(tf.train.latest_checkpoint(d))
print(sorted(r.get_variable_to_shape_map().items()))
print(r.get_tensor("global_step"), repr(r.get_tensor("w").ravel().tolist()))
shutil.rmtree(d)
