"""TF 1.14 converting a TensorShape (fully known: an int32 'shape_as_tensor', int64 as
asked; partially known: ValueError) and lists holding None (TypeError, with or without a
dtype), also through tf.zeros / tf.ones (tests/test_pe_convert.py runs cases() on
flowgrad)."""


def _try(f):
    try:
        t = f()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return e
    return [t.op.name, t.op.type, t.dtype.name, t.shape.as_list()]


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        shapes = {"known": tf.TensorShape([3, 2]), "partial": tf.TensorShape([None, 2]),
                  "unknown": tf.TensorShape(None), "vector": tf.TensorShape([None]),
                  "scalar": tf.TensorShape([])}
        for k, s in sorted(shapes.items()):
            out["convert/" + k] = _try(lambda: tf.convert_to_tensor(s))
            out["zeros/" + k] = _try(lambda: tf.zeros(s))
            out["ones/" + k] = _try(lambda: tf.ones(s, tf.int32))
        known = shapes["known"]
        out["convert/int64"] = _try(lambda: tf.convert_to_tensor(known, tf.int64))
        out["convert/float"] = _try(lambda: tf.convert_to_tensor(known, tf.float32))
        out["convert/named"] = _try(lambda: tf.convert_to_tensor(known, name="dims"))
        out["convert/big_int32"] = _try(
            lambda: tf.convert_to_tensor(tf.TensorShape([2**31, 2]), tf.int32))
        out["convert/big"] = _try(lambda: tf.convert_to_tensor(tf.TensorShape([2**31, 2])))
        x = tf.placeholder(tf.float32, [3, 2])
        out["reshape_to_shape"] = _try(lambda: tf.reshape(tf.zeros([6]), x.shape))
        out["ones_like_shape"] = _try(lambda: tf.ones(x.get_shape()))
        for v in ([None], [None, 2], [[None]], [1.0, None], (None, 2)):
            for dt in (None, tf.int32, tf.float32):
                key = "%r/%s" % (v, dt.name if dt else None)
                out["constant/" + key] = _try(lambda: tf.constant(v, dtype=dt))
            out["convert/" + repr(v)] = _try(lambda: tf.convert_to_tensor(v))
        out["zeros/[None, 2]"] = _try(lambda: tf.zeros([None, 2]))
        out["ones/(2, None)"] = _try(lambda: tf.ones((2, None)))
        out["reshape/[None, 2]"] = _try(lambda: tf.reshape(tf.zeros([6]), [None, 2]))
    return out
