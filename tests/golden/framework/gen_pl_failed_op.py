"""TF 1.14: an op its shape function refuses still took its name and its id (a later op
with that name is `name_1`; random ops made later get seeds counting it), and AddN's
shape error names the input that did not merge, last input first; a type error raised in
the op wrapper takes the name only; its list of allowed types is the op def's."""
import numpy as np


def _error(tf, fn):
    try:
        fn()
    except ValueError as e:
        return str(e).splitlines()[0:2]
    return None


def failed_op_names_and_seeds(tf):
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        y = tf.placeholder(tf.float32, [4], name="y")
        errs = [_error(tf, lambda: tf.add(x, y, name="bad")),
                _error(tf, lambda: tf.matmul(x, x)),
                _error(tf, lambda: g.create_op("Add", [x, y], [tf.float32], name="raw"))]
        names = [tf.identity(x, name="bad").name, tf.matmul(x, tf.ones([3, 3])).name,
                 tf.identity(x, name="raw").name]
        r = tf.random_normal([3])
        with tf.Session() as sess:
            return {"errors": errs, "names": names, "random": sess.run(r)}


def addn_errors(tf):
    out = []
    with tf.Graph().as_default():
        a, b = tf.ones([6, 4]), tf.ones([6, 1])
        for ins in ([a, a, b], [a, b, a, a], [a, tf.ones([6]), tf.ones([])],
                    [tf.ones([2, 2]), tf.placeholder(tf.float32, None), tf.ones([3, 2])]):
            out.append(_error(tf, lambda: tf.add_n(ins)))
        return out


def total_loss_of_mixed_shapes(tf):
    with tf.Graph().as_default():
        lab = np.ones((3, 2), np.float32)
        tf.losses.mean_squared_error(lab, lab * 2, reduction=tf.losses.Reduction.NONE)
        tf.losses.absolute_difference(lab, lab)
        return _error(tf, lambda: tf.losses.get_total_loss())


def type_errors_take_names(tf):
    """Type errors raised by op wrappers inside the op's name scope: the name is taken, no
    id (a random op made after them has the seed of the ops made)."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        i = tf.placeholder(tf.int32, [2, 3], name="i")
        errs = []
        for fn in (lambda: tf.add(x, i), lambda: tf.matmul(x, i),
                   lambda: tf.multiply(x, i, name="m"), lambda: x + i,
                   lambda: tf.concat([x, i], 0), lambda: tf.add_n([x, i]),
                   lambda: tf.maximum(x, i), lambda: tf.nn.relu(i > 0)):
            try:
                fn()
            except TypeError as e:
                errs.append(str(e))
        names = [tf.add(x, x).name, tf.multiply(x, x, name="m").name, (x + x).name,
                 tf.concat([x, x], 0).name, tf.add_n([x, x]).name, tf.maximum(x, x).name,
                 tf.nn.relu(x).name]
        r = tf.random_uniform([3])
        with tf.Session() as sess:
            return {"errors": errs, "names": names, "ops": [op.name for op in g.get_operations()],
                    "random": sess.run(r)}


def allowed_types_messages(tf):
    """TypeErrors listing an op's allowed types, in TF's op-def order."""
    out = []
    with tf.Graph().as_default():
        b = tf.constant([True, False])
        i = tf.constant([1, 2])
        st = tf.constant(["a"])
        for fn in (lambda: tf.nn.relu(b), lambda: tf.sigmoid(i), lambda: tf.exp(i),
                   lambda: tf.sqrt(i), lambda: tf.nn.softmax(i), lambda: tf.tanh(b),
                   lambda: tf.nn.elu(i), lambda: tf.math.log(i), lambda: tf.add(st, b),
                   lambda: tf.maximum(b, b), lambda: tf.nn.relu6(st), lambda: tf.abs(b),
                   lambda: tf.matmul(b, b), lambda: tf.nn.bias_add(b, b),
                   lambda: tf.reduce_sum(st), lambda: tf.square(b), lambda: tf.negative(b)):
            try:
                fn()
                out.append(None)
            except (TypeError, ValueError) as e:
                out.append([type(e).__name__, str(e).splitlines()[0]])
    return out


def cases(tf):
    return {"failed_op_names_and_seeds": failed_op_names_and_seeds(tf),
            "addn_errors": addn_errors(tf),
            "total_loss_of_mixed_shapes": total_loss_of_mixed_shapes(tf),
            "type_errors_take_names": type_errors_take_names(tf),
            "allowed_types_messages": allowed_types_messages(tf)}
