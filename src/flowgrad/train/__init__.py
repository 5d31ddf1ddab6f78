"""tf.train: optimizers, schedules, Saver, global step."""
