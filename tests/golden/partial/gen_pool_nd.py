"""TF 1.14's tf.nn.pool over 1-D, 2-D and 3-D windows, with dilation_rate (through
SpaceToBatchND / BatchToSpaceND), and tf.nn.max_pool_v2 / avg_pool_v2 on rank-5 inputs
(MaxPool3D / AvgPool3D): values, static shapes, the op types built, gradients, errors."""
import numpy as np


def _x(shape, seed=0):
    return np.random.RandomState(seed).uniform(-1, 1, shape).astype("float32")


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0]


POOLS = [  # (input shape, window, kwargs)
    ([2, 9, 3], [3], {}), ([2, 9, 3], [2], {"strides": [2], "padding": "SAME"}),
    ([2, 3, 9], [3], {"data_format": "NCW"}), ([2, 11, 3], [3], {"dilation_rate": [2]}),
    ([1, 9, 8, 2], [3, 2], {"dilation_rate": [2, 3]}), ([1, 7, 8, 2], [2, 2], {"strides": [2, 1]}),
    ([1, 6, 7, 8, 2], [2, 3, 2], {}), ([1, 6, 7, 8, 2], [2, 2, 2], {"strides": [2, 2, 1],
                                                                     "padding": "SAME"}),
    ([1, 7, 7, 9, 1], [2, 2, 3], {"dilation_rate": [1, 2, 3]}),
    ([1, 2, 6, 7, 8], [2, 2, 2], {"data_format": "NCDHW"}),
]


def pools(tf):
    out = []
    for i, (shape, window, kw) in enumerate(POOLS):
        for ptype in ("MAX", "AVG"):
            kw = dict(kw)
            padding = kw.pop("padding", "VALID")
            # TF 1.14's CPU kernels pool channels-last only
            run = not kw.get("data_format", "N").startswith("NC")
            with tf.Graph().as_default() as g:
                x = tf.constant(_x(shape, i))
                y = tf.nn.pool(x, window, ptype, padding, **kw)
                w = tf.constant(_x(y.shape.as_list(), 100 + i))
                gx = tf.gradients(y * w, x)[0]
                types = [op.type for op in g.get_operations()]
                row = [y.name, y.shape.as_list(), types]
                if run:
                    with tf.Session() as s:
                        row += s.run([y, gx])
                out.append(row)
    return out


def pool_v2(tf):
    out = []
    x5 = _x([2, 5, 6, 7, 3], 7)
    for fn in ("max_pool_v2", "avg_pool_v2"):
        for args in ((2, 2, "VALID"), ([2, 3, 2], [1, 2, 2], "SAME"), (3, [1, 1, 2, 2, 1],
                                                                        "VALID")):
            with tf.Graph().as_default() as g:
                x = tf.constant(x5)
                y = getattr(tf.nn, fn)(x, *args)
                gx = tf.gradients(y * y, x)[0]
                row = [y.name, y.shape.as_list(), [op.type for op in g.get_operations()]]
                with tf.Session() as s:
                    out.append(row + s.run([y, gx]))
    return out


def errors(tf):
    cases = [
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "SAME", dilation_rate=[2, 2]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", strides=[3, 1]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", dilation_rate=[2]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", strides=[1]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", strides=[2, 2],
                           dilation_rate=[2, 2]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", dilation_rate=[0, 1]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MAX", "VALID", strides=[0, 1]),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 9, 9, 1]), [2, 2, 2, 2], "MAX", "VALID"),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2, 2], "MIN", "VALID"),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [2], "MAX", "VALID"),
        lambda: tf.nn.pool(tf.zeros([1, 9, 1]), [2], "MAX", "VALID", data_format="NHWC"),
        lambda: tf.nn.pool(tf.zeros([1, 9, 9, 1]), [], "MAX", "VALID"),
        lambda: tf.nn.max_pool_v2(tf.zeros([1, 2, 4, 4, 4, 1]), 2, 2, "VALID"),
        lambda: tf.nn.avg_pool_v2(tf.zeros([1, 4]), 2, 2, "VALID"),
        lambda: tf.nn.max_pool_v2(tf.zeros([1, 4, 4, 4, 1]), [2, 2], 2, "VALID"),
        lambda: tf.nn.avg_pool_v2(tf.zeros([1, 4, 4, 4, 1], tf.int32), 2, 2, "VALID"),
    ]
    out = []
    for c in cases:
        with tf.Graph().as_default():
            try:
                out.append(c().shape.as_list())
            except (ValueError, TypeError) as e:
                out.append(_err(e))
    return out


def cases(tf):
    return {"pools": pools(tf), "pool_v2": pool_v2(tf), "errors": errors(tf)}
