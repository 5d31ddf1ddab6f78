"""TF 1.14's tf.keras.backend in graph mode: every function's values on fixed inputs and
the op types each builds (so graph-seeded random ops later see TF's op count), K.function
with updates, feeds, fetches and the learning phase, variables and their values, seeded
random tensors, and the errors a user can cause.

    python tools/goldens.py regen keras/backend
"""
import io
import sys

import numpy as np


def _rand(*shape, seed=0):
    return np.random.RandomState(seed + len(shape)).randn(*shape).astype("float32")


def _ops_since(tf, before):
    return [op.type for op in tf.get_default_graph().get_operations()[before:]]


def _run(tf, build):
    """(values of build's outputs, op types it created) in a fresh graph and session."""
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            before = len(tf.get_default_graph().get_operations())
            out = build(tf.keras.backend)
            ops = _ops_since(tf, before)
            sess.run(tf.global_variables_initializer())
            vals = sess.run(out)
    return {"values": vals, "ops": ops}


def _math(K):
    x = K.constant(_rand(3, 4))
    p = K.constant(np.abs(_rand(3, 4)) + 0.1)
    b = K.constant(_rand(3, 4, seed=3) > 0, dtype="bool")
    return [K.sum(x), K.sum(x, 1, True), K.mean(x, 0), K.mean(b), K.max(x, 1), K.min(x),
            K.prod(x, 0), K.cumsum(x, 1), K.cumprod(x), K.var(x, 1), K.std(x, 0, True),
            K.argmax(x), K.argmin(x, 0), K.square(x), K.abs(x), K.sqrt(x), K.exp(x),
            K.log(p), K.round(x * 3), K.sign(x), K.pow(p, 1.5), K.clip(x, -0.5, 0.5),
            K.clip(x, 0.5, 0.2), K.clip(x, 0., None), K.equal(x, x), K.not_equal(x, 0.),
            K.greater(x, 0.), K.greater_equal(x, 0.), K.less(x, 0.), K.less_equal(x, 0.),
            K.maximum(x, 0.), K.minimum(x, 0.), K.sin(x), K.cos(x), K.softplus(x),
            K.softsign(x), K.sigmoid(x), K.hard_sigmoid(x), K.tanh(x), K.relu(x, 0.1, 0.5),
            K.elu(x, 0.5), K.softmax(x), K.l2_normalize(x, 1), K.any(x > 1.), K.all(b, 1),
            K.transpose(x), K.cast(x, "int32")]


def _shapes(K):
    x = K.constant(_rand(2, 3, 4))
    m = K.constant(_rand(3, 4))
    return [K.reshape(x, (6, 4)), K.permute_dimensions(x, (2, 0, 1)), K.expand_dims(x, 1),
            K.squeeze(K.expand_dims(m, 0), 0), K.stack([m, m], 1), K.concatenate([x, x], -1),
            K.concatenate([x, x], 1), K.flatten(m), K.batch_flatten(x), K.tile(m, (2, 1)),
            K.tile(m[0], 2), K.repeat(m, 3), K.repeat_elements(x, 2, 1), K.reverse(x, 1),
            K.reverse(x, [0, 2]), K.gather(m, [2, 0]), K.one_hot(K.constant([0, 2, 1],
                                                                            dtype="int32"), 3),
            K.arange(5), K.arange(1, 7, 2, dtype="float32"), K.arange(-3),
            K.temporal_padding(x, (1, 2)), K.shape(x), K.zeros_like(m), K.ones_like(m, "int32"),
            K.dot(m, K.transpose(m)), K.dot(x, K.constant(_rand(4, 5))),
            K.dot(x, K.constant(_rand(3, 4, 2))), K.batch_dot(x, x, (2, 2)),
            K.batch_dot(x, K.permute_dimensions(x, (0, 2, 1))), K.batch_dot(m, m, 1),
            K.switch(m > 0, m, -m * 2)]


def _images(K):
    img = K.constant(_rand(2, 3, 4, 2))
    vol = K.constant(_rand(1, 2, 2, 2, 3))
    return [K.spatial_2d_padding(img), K.spatial_2d_padding(img, ((0, 1), (2, 0)),
                                                            "channels_first"),
            K.spatial_3d_padding(vol), K.resize_images(img, 2, 3, "channels_last"),
            K.resize_images(img, 2, 2, "channels_first", "bilinear"),
            K.resize_volumes(vol, 2, 1, 2, "channels_last"),
            K.resize_volumes(vol, 1, 2, 1, "channels_first")]


def _conv(K):
    x = K.constant(_rand(2, 6, 6, 3))
    x1 = K.constant(_rand(2, 7, 3))
    k = K.constant(_rand(3, 3, 3, 4, seed=1))
    k1 = K.constant(_rand(2, 3, 5, seed=2))
    x3 = K.constant(_rand(1, 4, 4, 4, 2))
    k3 = K.constant(_rand(2, 2, 2, 2, 3, seed=3))
    dk = K.constant(_rand(3, 3, 3, 2, seed=4))
    pk = K.constant(_rand(1, 1, 6, 4, seed=5))
    tk = K.constant(_rand(3, 3, 5, 4, seed=6))
    return [K.conv2d(x, k), K.conv2d(x, k, (2, 2), "same"),
            K.conv2d(K.permute_dimensions(x, (0, 3, 1, 2)), k, data_format="channels_first"),
            K.conv1d(x1, k1), K.conv1d(x1, k1, padding="causal"),
            K.conv1d(x1, k1, 2, "same"), K.conv3d(x3, k3), K.conv3d(x3, k3, (2, 2, 2), "same"),
            K.separable_conv2d(x, dk, pk, padding="same"),
            K.conv2d_transpose(K.conv2d(x, k), tk, (2, 6, 6, 5)),
            K.conv2d_transpose(K.conv2d(x, k), tk, (None, 8, 8, 5), (2, 2), "same"),
            K.pool2d(x, (2, 2)), K.pool2d(x, (3, 3), (2, 2), "same", pool_mode="avg"),
            K.pool2d(K.permute_dimensions(x, (0, 3, 1, 2)), (2, 2), (2, 2),
                     data_format="channels_first"),
            K.pool3d(x3, (2, 2, 2), (2, 2, 2)), K.pool3d(x3, (2, 2, 2), pool_mode="avg"),
            K.bias_add(x, K.constant([1., 2., 3.])), K.bias_add(x1, K.constant([1., 2., 3.])),
            K.bias_add(x1, K.constant(_rand(7, 3)), "channels_last"),
            K.bias_add(K.permute_dimensions(x1, (0, 2, 1)), K.constant([1., 2., 3.]),
                       "channels_first"),
            K.bias_add(x3, K.constant([1., 2.])),
            K.local_conv1d(x1, K.constant(_rand(3, 6, 4, seed=7)), (2,), (2,)),
            K.local_conv2d(x, K.constant(_rand(4, 12, 2, seed=8)), (2, 2), (3, 3), (2, 2))]


def _dilated(K):
    x = K.constant(_rand(2, 6, 6, 3))
    x1 = K.constant(_rand(2, 7, 3))
    return [K.conv2d(x, K.constant(_rand(3, 3, 3, 4, seed=1)), dilation_rate=(2, 2)),
            K.conv1d(x1, K.constant(_rand(2, 3, 5, seed=2)), padding="causal", dilation_rate=2)]


def _losses(K):
    t = K.constant(np.eye(4, dtype="float32")[[0, 2, 3]])
    o = K.constant(np.abs(_rand(3, 4)) + 0.05)
    logits = K.constant(_rand(3, 4, seed=1))
    b = K.constant((_rand(3, 4, seed=2) > 0).astype("float32"))
    seq = K.constant(_rand(2, 3, 4, seed=3))
    return [K.categorical_crossentropy(t, o), K.categorical_crossentropy(t, K.softmax(logits)),
            K.categorical_crossentropy(t, logits, True),
            K.categorical_crossentropy(K.transpose(t), K.transpose(o), axis=0),
            K.sparse_categorical_crossentropy(K.constant([0., 2., 3.]), o / 5.),
            K.sparse_categorical_crossentropy(K.constant([0, 2, 3]), K.softmax(logits)),
            K.sparse_categorical_crossentropy(K.constant([[0, 1, 3], [2, 2, 1]]), seq, True),
            K.binary_crossentropy(b, K.sigmoid(logits)),
            K.binary_crossentropy(b, K.clip(o, 0., 1.)),
            K.binary_crossentropy(b, logits, from_logits=True),
            K.in_top_k(logits, K.constant([0, 1, 2], dtype="int32"), 2)]


def _normalization(K):
    x = K.constant(_rand(4, 3, 3, 2))
    x2 = K.constant(_rand(5, 3))
    g, b = K.constant([1.5, 0.5]), K.constant([0.1, -0.2])
    normed, mean, var = K.normalize_batch_in_training(x, g, b, [0, 1, 2])
    normed2, mean2, var2 = K.normalize_batch_in_training(x2, None, None, [0])
    normed3, _, _ = K.normalize_batch_in_training(K.constant(_rand(4, 3, 2)),
                                                  K.constant([1.5, .5, 1.]), None, [0, 2])
    return [normed, mean, var, normed2, mean2, var2, normed3,
            K.batch_normalization(x, mean, var, b, g, epsilon=0.01),
            K.batch_normalization(x2, mean2, var2, None, None)]


def _random(K):
    return [K.random_normal((2, 3), seed=1), K.random_uniform((3,), -1., 2., seed=2),
            K.truncated_normal((2, 2), 1., 0.5, seed=3), K.random_binomial((4,), 0.5, seed=4),
            K.dropout(K.ones((3, 4)), 0.5, seed=5), K.dropout(K.ones((3, 4)), 0.3, (3, 1), 6),
            K.random_uniform_variable((2, 2), 0., 1., seed=7),
            K.random_normal_variable((2,), 0., 1., seed=8)]


def _ctc(K):
    y_pred = K.softmax(K.constant(_rand(2, 6, 5)))
    labels = K.constant([[1, 2, 3], [2, 2, 0]])
    sparse = K.ctc_label_dense_to_sparse(labels, K.constant([3, 2], dtype="int32"))
    greedy, logp = K.ctc_decode(y_pred, K.constant([6, 5]))
    beam, blogp = K.ctc_decode(y_pred, K.constant([6, 6]), greedy=False, beam_width=4,
                               top_paths=2)
    return [sparse.indices, sparse.values, sparse.dense_shape,
            K.ctc_batch_cost(labels, y_pred, K.constant([[6], [5]]), K.constant([[3], [2]])),
            greedy[0], logp, beam[0], beam[1], blogp]


def _functional(K):
    elems = K.constant([1., 2., 3.])
    return [K.map_fn(lambda e: e * 2, elems), K.foldl(lambda a, e: a + e, elems),
            K.foldr(lambda a, e: a * 2 + e, elems, K.constant(0.)),
            K.map_fn(lambda e: K.cast(e, "int32"), elems, dtype="int32")]


def _rnn(K):
    x = K.constant(_rand(2, 4, 3))
    w = K.constant(_rand(3, 2, seed=1))

    def step(inp, states):
        out = K.tanh(K.dot(inp, w) + states[0])
        return out, [out]
    init = [K.zeros_like(K.dot(x[:, 0], w))]
    last, outs, st = K.rnn(step, x, init)
    last2, outs2, _ = K.rnn(step, x, init, go_backwards=True, unroll=True)
    mask = K.constant(np.array([[1, 1, 0, 0], [1, 1, 1, 1]], bool), dtype="bool")
    last3, outs3, _ = K.rnn(step, x, init, mask=mask)
    return [last, outs, st[0], last2, outs2, last3, outs3,
            K.switch(K.constant(True, dtype="bool"), w, -w)]


def variables(tf):
    """K.variable/constant/zeros/ones/eye, get/set values, updates, count_params."""
    K = tf.keras.backend
    out = {}
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            K.set_session(sess)
            g = tf.get_default_graph()
            v = K.variable(np.arange(6, dtype="float64").reshape(2, 3), name="v")
            w = K.variable([1, 2], dtype="int32")
            c = K.constant(2, shape=(2, 2), name="c")
            z, o, e = K.zeros((2, 2)), K.ones((3,), dtype="int32"), K.eye(3, name="e")
            zd = K.zeros((K.constant(2, dtype="int32"),))
            out["names"] = [v.name, w.name, c.name, z.name, o.name, e.name]
            out["dtypes"] = [K.dtype(v), K.dtype(w), K.dtype(c), K.dtype(o), K.dtype(zd)]
            out["shapes"] = [list(K.int_shape(v)), list(K.int_shape(c)),
                             list(K.int_shape(K.placeholder(ndim=3))),
                             K.ndim(v), int(K.count_params(v)), K.is_sparse(v)]
            out["get"] = [K.get_value(v), K.eval(w), K.eval(c), K.get_value(z), K.eval(o),
                          K.eval(e), K.batch_get_value([v, w]), K.batch_get_value([]),
                          K.get_value(3.5)]
            K.set_value(v, [[1, 1, 1], [2, 2, 2]])
            K.batch_set_value([(w, [5, 6]), (z, np.ones((2, 2)))])
            K.set_value(v, np.zeros((2, 3)))
            K.set_value(v, np.full((2, 3), 4))
            out["set"] = K.batch_get_value([v, w, z])
            upd = [K.update(z, K.constant([[3., 3.], [3., 3.]])), K.update_add(w, [1, 1]),
                   K.update_sub(v, K.constant(np.ones((2, 3))))]
            sess.run(upd)
            out["update"] = K.batch_get_value([z, w, v])
            m = K.variable([0., 0.])
            ma = K.moving_average_update(m, K.constant([1., 2.]), 0.9)
            sess.run(tf.variables_initializer(tf.global_variables()[-2:]))
            out["moving_average"] = [sess.run(ma), sess.run(ma)]
            out["op_types"] = [op.type for op in g.get_operations()]
            out["op_count"] = len(g.get_operations())
            out["floatx"] = [K.floatx(), K.epsilon(), K.image_data_format(), K.backend()]
    return out


def function(tf):
    """K.function: list/dict outputs, updates as ops and (var, value) pairs, feed_dict and
    fetches keyword arguments, the learning phase as an input, and its errors."""
    K = tf.keras.backend
    out = {}
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            K.set_session(sess)
            x = K.placeholder((None, 2), name="x")
            y = K.placeholder(shape=(None,), dtype="int32", name="y")
            v = K.variable([0., 0.], name="acc")
            n = K.variable(0, dtype="int32", name="n")
            extra = K.placeholder(shape=(), name="extra")
            t = tf.Variable(1.0)
            sess.run(tf.global_variables_initializer())
            f = K.function([x, y, K.learning_phase()],
                           [K.sum(x, 0) * extra, K.in_train_phase(K.cast(y, "float32") * 2.,
                                                                  K.cast(y, "float32"))],
                           updates=[(v, v + K.sum(x, 0)), K.update_add(n, 1)],
                           feed_dict={extra: 3.0}, fetches=[t * 2])
            got = []
            got.append(f([np.ones((2, 2)), np.array([1, 2]), 1]))
            got.append(f([np.full((1, 2), 2.), np.array([3]), 0]))
            out["calls"] = got
            out["state"] = K.batch_get_value([v, n])
            g = K.function([x], {"s": K.sum(x), "m": K.mean(x)})
            out["dict_outputs"] = g([np.arange(4.).reshape(2, 2)])
            h = K.function([x], [x * 2])
            out["single"] = h([np.array([[1., 2.]])])
            errs = []
            for call in (lambda: K.function([x], [x], updates=K.update_add(n, 1)),
                         lambda: K.function([x], [x], bogus=1),
                         lambda: K.function([x], [x], name="ok", options=None, foo=2)):
                try:
                    call()
                    errs.append(None)
                except (TypeError, ValueError) as e:
                    errs.append([type(e).__name__, str(e)])
            out["errors"] = errs
    return out


def phases(tf):
    """learning_phase / set_learning_phase / learning_phase_scope, in_train_phase with
    Python and tensor phases, clear_session and manual_variable_initialization."""
    K = tf.keras.backend
    out = {}
    with tf.Graph().as_default():
        lp = K.learning_phase()
        out["phase"] = [lp.name, lp.dtype.name, lp.op.type]
        with K.learning_phase_scope(1):
            out["scope"] = [K.learning_phase(),
                            K.get_session().run(K.in_train_phase(K.constant(1.),
                                                                 K.constant(2.)))]
        out["after"] = K.learning_phase().name
        K.set_learning_phase(0)
        out["set"] = K.learning_phase()
        try:
            with K.learning_phase_scope(2):
                pass
        except ValueError as e:
            out["scope_error"] = str(e)
        out["train_phase"] = [K.in_train_phase(1, 2, training=1),
                              K.in_test_phase(1, 2, training=1),
                              K.in_train_phase(lambda: 3, 4, training=True)]
    K.clear_session()  # outside any graph block: TF refuses to reset a nested graph
    if True:
        g = tf.get_default_graph()
        out["cleared_ops"] = [op.name for op in g.get_operations()]
        K.manual_variable_initialization(True)
        try:
            v = K.variable([1.0])
            sess = K.get_session()
            try:
                sess.run(v)
                out["manual"] = "initialized"
            except tf.errors.FailedPreconditionError:
                out["manual"] = "uninitialized"
        finally:
            K.manual_variable_initialization(False)
        out["auto"] = K.get_session().run(v).tolist()
    K.clear_session()
    return out


def errors(tf):
    """The errors a user can cause in keras.backend."""
    K = tf.keras.backend
    out = {}
    with tf.Graph().as_default():
        x = K.constant(_rand(1, 4, 4, 2))
        k = K.constant(_rand(2, 2, 2, 1))
        calls = {
            "padding": lambda: K.conv2d(x, k, padding="full"),
            "format": lambda: K.conv2d(x, k, data_format="nhwc"),
            "pool_mode": lambda: K.pool2d(x, (2, 2), pool_mode="sum"),
            "pool_size": lambda: K.pool2d(x, (2, 2, 2)),
            "pool_strides": lambda: K.pool2d(x, (2, 2), (1,)),
            "separable_strides": lambda: K.separable_conv2d(x, k, k, (1,)),
            "resize_format": lambda: K.resize_images(x, 2, 2, "nhwc"),
            "resize_interp": lambda: K.resize_images(x, 2, 2, "channels_last", "cubic"),
            "volumes_format": lambda: K.resize_volumes(x, 2, 2, 2, "x"),
            "bias_dims": lambda: K.bias_add(x, K.constant(np.ones((2, 2)))),
            "set_floatx": lambda: K.set_floatx("int8"),
            "set_format": lambda: K.set_image_data_format("nchw"),
            "learning_phase": lambda: K.set_learning_phase(3),
            "switch_rank": lambda: K.switch(K.constant(np.ones((2, 2)) > 0),
                                            K.constant([1.]), K.constant([2.])),
            "padding_3d": lambda: K.spatial_2d_padding(x, ((1, 1),)),
        }
        for name, call in sorted(calls.items()):
            try:
                call()
                out[name] = None
            except (ValueError, AssertionError) as e:
                out[name] = [type(e).__name__, str(e)]
    return out


def print_tensor(tf):
    """print_tensor prints `message` and the value to stdout when the Identity runs."""
    K = tf.keras.backend
    with tf.Graph().as_default():
        with tf.Session() as sess:
            y = K.print_tensor(K.constant([1., 2.]), message="value: ")
            buf = io.StringIO()
            old, sys.stdout = sys.stdout, buf
            try:
                v = sess.run(y)
            finally:
                sys.stdout = old
            ops = [op.type for op in tf.get_default_graph().get_operations()]
    # TF's PrintV2 writes to the process's stdout, not Python's sys.stdout: nothing is
    # captured under TF; flowgrad's tests check the printed text themselves
    return {"value": v, "ops": ops}


# cases whose values only are compared: while loops and conds (flowgrad builds While/Cond
# ops where TF has Switch/Merge/Enter/Exit) and dilated convolutions (flowgrad's
# nn.convolution passes `dilations` to Conv2D where TF wraps it in SpaceToBatchND)
VALUES_ONLY = ("ctc", "dilated", "functional", "rnn")
BUILDS = {"math": _math, "shapes": _shapes, "images": _images, "conv": _conv, "dilated": _dilated,
          "losses": _losses, "normalization": _normalization, "random": _random,
          "ctc": _ctc, "functional": _functional, "rnn": _rnn}


def cases(tf):
    out = {name: _run(tf, fn) for name, fn in sorted(BUILDS.items())}
    for fn in (variables, function, phases, errors, print_tensor):
        out[fn.__name__] = fn(tf)
    return out
