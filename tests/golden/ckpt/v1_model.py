"""The model of the V1-checkpoint goldens (gen_v1_checkpoints.py, make_flowgrad_v1.py,
tests/test_ckpt_v1.py): a linear regression trained with gradient descent and a global
step, one variable of every dtype a V1 checkpoint holds (run_model.DTYPES), and a
tf.train.Saver(write_version=V1). Importable under Python 3.7; takes the tf module."""
import numpy as np

import run_model

RS = np.random.RandomState(41)
X = RS.randn(5, 3).astype(np.float32)
Y = RS.randn(5, 2).astype(np.float32)
W0 = RS.randn(3, 2).astype(np.float32)


def build(tf, max_to_keep=2):
    """(train_op, saver, {name: variable}) in the default graph."""
    w = tf.Variable(W0, name="w")
    gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) - tf.constant(Y)))
    train = tf.train.GradientDescentOptimizer(0.2).minimize(loss, global_step=gs)
    for name, value in sorted(run_model.DTYPES.items()):
        tf.Variable(value, name=name, dtype=tf.string if value.dtype == object else None)
    saver = tf.train.Saver(write_version=1, max_to_keep=max_to_keep)
    variables = {v.op.name: v for v in tf.global_variables()}
    return train, saver, variables


values = run_model.values
