"""tf.constant's `shape` as TF 1.14's make_tensor_proto reads it for a Python value:
np.prod(shape, dtype=np.int64) first, so a Tensor in the shape (or the shape a Tensor) is
NumPy's ValueError, a string its TypeError, before the value is looked at; a shape of no
elements makes np.empty and ignores the value (float32 when no dtype is given). A NumPy
value is converted first and the shape's dims taken by int() (not recorded here: the
message is Python's own). The remap initializer of a VocabInfo warm start hits the same
path with a constant_initializer backup (tests/pprobe66_scripts/wide_deep_warm_start.py)."""


def _outcome(tf, f):
    try:
        t = f()
    except Exception as ex:   # noqa: BLE001 - the error is the case
        return {"error": type(ex).__name__, "message": str(ex)}
    with tf.Session() as sess:
        v = sess.run(t)
    return {"dtype": t.dtype.name, "shape": list(v.shape), "value": v.tolist(), "op": t.op.type}


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        t = tf.constant(3)
        p = tf.placeholder(tf.int32, [2])
        calls = {
            "tensor_dim": lambda: tf.constant(1.0, shape=[t]),
            "tensor_dim_expr": lambda: tf.constant(1.0, shape=[t - 1, 2]),
            "tensor_shape": lambda: tf.constant(1.0, shape=t),
            "placeholder_shape": lambda: tf.constant(1.0, shape=p),
            "list_value_tensor_dim": lambda: tf.constant([1.0, 2.0], shape=[t]),
            "string_value_tensor_dim": lambda: tf.constant("ab", shape=[t]),
            "tensor_value_tensor_dim": lambda: tf.constant([t], shape=[t]),
            "none_value_tensor_dim": lambda: tf.constant(None, shape=[t]),
            "constant_initializer_tensor_dim": lambda: tf.constant_initializer(2.0)([2, t]),
            "string_dim": lambda: tf.constant(1.0, shape=["a"]),
            "float_dim": lambda: tf.constant(1.0, shape=[2.5]),
            "empty_ignores_list": lambda: tf.constant([1.0, 2.0], shape=[0]),
            "empty_int_value": lambda: tf.constant(5, shape=[2, 0]),
            "empty_with_dtype": lambda: tf.constant([1, 2, 3], dtype=tf.int64, shape=[0, 3]),
            "shape_array": lambda: tf.constant(1.0, shape=[2, 1]),
            "zeros_initializer_tensor_dim": lambda: tf.zeros_initializer()([t]),
        }
        for name, f in sorted(calls.items()):
            out[name] = _outcome(tf, f)
    return out
