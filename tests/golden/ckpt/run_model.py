"""The model both TF 1.14 (gen_run_dir.py) and flowgrad (make_flowgrad_run.py,
tests/test_ckpt_interop.py) train, save and continue: a linear regression with
Adam and a global step, plus one variable of every dtype a Saver writes.
Importable under Python 3.7 (the oracle) and by flowgrad; takes the tf module."""
import numpy as np

RS = np.random.RandomState(14)
X = RS.randn(8, 3).astype(np.float32)
Y = RS.randn(8, 2).astype(np.float32)
W0 = RS.randn(3, 2).astype(np.float32)

# One variable per dtype (name -> initial value); TF's Saver writes each as it is.
DTYPES = {
    "d/f16": np.array([1.5, -2.25], np.float16),
    "d/f64": np.array([[np.pi, -1e-300]], np.float64),
    "d/i8": np.array([-128, 127], np.int8),
    "d/i16": np.array([-30000], np.int16),
    "d/i32": np.array(7, np.int32),
    "d/i64": np.array([2 ** 40, -3], np.int64),
    "d/u8": np.array([0, 255], np.uint8),
    "d/u16": np.array([65535], np.uint16),
    "d/bool": np.array([True, False]),
    "d/c64": np.array([1 + 2j], np.complex64),
    "d/c128": np.array([[-0.5 + 1e-9j, 3j]], np.complex128),
    "d/str": np.array([b"hello", b"", b"\x00\xffbytes"], dtype=object),
}


def build(tf):
    """(train_op, saver, {name: variable}) in the default graph."""
    w = tf.Variable(W0, name="w")
    b = tf.Variable(np.zeros(2, np.float32), name="b")
    gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) + b - tf.constant(Y)))
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=gs)
    for name, value in sorted(DTYPES.items()):
        tf.Variable(value, name=name, dtype=tf.string if value.dtype == object else None)
    saver = tf.train.Saver(max_to_keep=2)
    variables = {v.op.name: v for v in tf.global_variables()}
    return train, saver, variables


def values(sess, variables):
    out = {}
    for name, v in sorted(variables.items()):
        x = sess.run(v)
        out[name] = np.array(x, dtype=object) if isinstance(x, bytes) else np.asarray(x)
    return out
