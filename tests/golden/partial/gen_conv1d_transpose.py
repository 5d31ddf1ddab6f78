"""TF 1.14's tf.nn.conv1d_transpose with a static (list) and a dynamic (tensor) output_shape:
the ops built (ExpandDims, ConcatV2 of the output shape, Conv2DBackpropInput, Squeeze),
static shapes, values and gradients (NWC; NCW has no CPU kernel in TF 1.14), and errors."""
import numpy as np


def _x(shape, seed=0):
    return np.random.RandomState(seed).uniform(-1, 1, shape).astype("float32")


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0]


FORMS = [  # (input shape, filter shape, output_shape, strides, kwargs, how output_shape is given)
    ([2, 4, 3], [3, 5, 3], [2, 8, 5], 2, {}, "list"),
    ([2, 4, 3], [3, 5, 3], [2, 8, 5], 2, {}, "const"),
    ([2, 4, 3], [3, 5, 3], [2, 9, 5], [2], {"padding": "VALID"}, "placeholder"),
    ([2, 5, 3], [2, 4, 3], [2, 10, 4], [1, 2, 1], {"padding": "SAME"}, "shape_of"),
    ([1, 6, 2], [3, 2, 2], [1, 6, 2], 1, {"data_format": None}, "list"),
    ([1, 2, 6], [3, 2, 2], [1, 2, 6], 1, {"data_format": "NCW"}, "const"),
]


def forms(tf):
    out = []
    for i, (xs, fs, os_, st, kw, how) in enumerate(FORMS):
        with tf.Graph().as_default() as g:
            x = tf.constant(_x(xs, i))
            f = tf.constant(_x(fs, 10 + i))
            feed = {}
            if how == "list":
                osv = os_
            elif how == "const":
                osv = tf.constant(os_)
            elif how == "placeholder":
                osv = tf.placeholder(tf.int32, [3])
                feed = {osv: os_}
            else:
                osv = tf.shape(tf.zeros(os_))
            y = tf.nn.conv1d_transpose(x, f, osv, st, **kw)
            row = [y.name, y.shape.as_list() if y.shape.ndims is not None else None,
                   [op.type for op in g.get_operations()]]
            if kw.get("data_format") != "NCW":
                gx, gf = tf.gradients(y * y, [x, f])
                with tf.Session() as s:
                    try:
                        row += s.run([y, gx, gf], feed)
                    except tf.errors.OpError as e:
                        row.append(_err(e))
            out.append(row)
    return out


def errors(tf):
    cases = [
        lambda: tf.nn.conv1d_transpose(tf.zeros([1, 4, 2]), tf.zeros([3, 2, 2]), [1, 8, 2], 2,
                                       data_format="NHWC"),
        lambda: tf.nn.conv1d_transpose(tf.zeros([1, 4, 2]), tf.zeros([3, 2, 2]), [1, 8, 2],
                                       [1, 2]),
        lambda: tf.nn.conv1d_transpose(tf.zeros([1, 4, 2]), tf.zeros([3, 2, 2]), [1, 8, 2, 1], 2),
        lambda: tf.nn.conv1d_transpose(tf.zeros([1, 4, 2]), tf.zeros([3, 2, 2]),
                                       tf.constant([1, 8, 2, 1]), 2),
        lambda: tf.nn.conv1d_transpose(tf.zeros([1, 4, 2]), tf.zeros([3, 2, 3]), [1, 8, 2], 2),
    ]
    out = []
    for c in cases:
        with tf.Graph().as_default():
            try:
                y = c()
                with tf.Session() as s:
                    out.append(s.run(y).shape)
            except (ValueError, TypeError) as e:
                out.append(_err(e))
            except tf.errors.OpError as e:
                out.append(_err(e))
    return out


def cases(tf):
    return {"forms": forms(tf), "errors": errors(tf)}
