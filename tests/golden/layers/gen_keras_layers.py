"""TF 1.14's weight-free tf.keras.layers in graph mode: Input/InputLayer, the merge
layers, the activation layers, noise/spatial dropout, Masking: ops built, values,
gradients, error messages."""
import numpy as np


def _ops(g):
    return [[op.name, op.type] for op in g.get_operations()]


def _feeds(xs):
    rs = np.random.RandomState(0)
    return {x: rs.randn(*[2 if d is None else d for d in x.shape.as_list()]).astype(
        x.dtype.as_numpy_dtype) for x in xs}


def _run(tf, build, graph=None):
    """Builds under graph seed 1; returns the ops, output shapes, values and gradients."""
    g = graph or tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        xs, outs = build(tf)
        out = {"ops": _ops(g), "shapes": [o.shape.as_list() for o in outs],
               "names": [o.name for o in outs]}
        loss = tf.add_n([tf.reduce_sum(o * o) for o in outs])
        grads = [gr for gr in tf.gradients(loss, xs) if gr is not None]
        with tf.Session() as sess:
            out["values"] = sess.run(outs + grads, _feeds(xs))
    return out


def _merge(tf):
    L = tf.keras.layers
    a = L.Input(shape=(3,))
    b = L.Input(shape=(3,))
    c = L.Input(shape=(2, 3), name="seq")
    outs = [L.Add()([a, b]), L.Subtract()([a, b]), L.Multiply()([a, b]),
            L.Average()([a, b, a]), L.Maximum()([a, b]), L.Minimum()([a, b]),
            L.Concatenate()([a, b]), L.Concatenate(axis=1)([c, c]),
            L.Dot(axes=1)([a, b]), L.Dot(axes=-1, normalize=True)([a, b]),
            L.Dot(axes=(2, 2))([c, c]), L.Add()([c, a]),
            L.add([a, b]), L.subtract([a, b]), L.multiply([a, b]), L.average([a, b]),
            L.maximum([a, b]), L.minimum([a, b]), L.concatenate([a, b], axis=-1),
            L.dot([c, a], axes=(2, 1))]
    return [a, b, c], outs


def _activations(tf):
    L = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 3, 4])
    outs = [L.LeakyReLU()(x), L.LeakyReLU(alpha=0.1)(x), L.ELU()(x), L.ELU(alpha=0.5)(x),
            L.ReLU()(x), L.ReLU(max_value=6.)(x), L.ReLU(max_value=1.)(x),
            L.ReLU(negative_slope=0.2)(x), L.ReLU(threshold=0.5)(x),
            L.ReLU(max_value=2., negative_slope=0.1, threshold=0.3)(x),
            L.ThresholdedReLU(theta=0.5)(x), L.Softmax()(x), L.Softmax(axis=2)(x)]
    return [x], outs


def _noise(tf):
    L = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 3, 4])
    x4 = tf.placeholder(tf.float32, [2, 3, 3, 4])
    outs = [L.GaussianNoise(0.5)(x, training=False), L.GaussianDropout(0.3)(x, training=False),
            L.AlphaDropout(0.3)(x, training=False),
            L.SpatialDropout1D(0.5, seed=2)(x, training=True),
            L.SpatialDropout2D(0.5, seed=3)(x4, training=True),
            L.SpatialDropout2D(0.5, data_format="channels_first", seed=4)(x4, training=True),
            L.Masking()(x * tf.constant([[[1.], [0.], [1.]], [[0.], [1.], [1.]]])),
            L.Dropout(0.5, noise_shape=[None, 1, 4], seed=5)(x, training=True)]
    return [x, x4], outs


def _learning_phase(tf):
    # flowgrad's cond is one op where TF 1.14 builds Switch/Merge: values only
    L = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 3, 4])
    outs = [L.Dropout(0.4)(x), L.GaussianNoise(0.5)(x), L.AlphaDropout(0.2)(x)]
    out = _run(tf, lambda tf_: ([x], outs), graph=tf.get_default_graph())
    out["phase"] = [tf.keras.backend.learning_phase().name,
                    tf.keras.backend.learning_phase().op.inputs[0].name]
    del out["ops"], out["names"]
    return out


def _inputs(tf):
    L = tf.keras.layers
    a = L.Input(shape=(3,))
    b = L.Input(shape=[2, 2], batch_size=5, dtype="int32")
    c = L.Input(batch_shape=(None, 7), name="given")
    t = tf.placeholder(tf.float64, [4, 2], name="t")
    d = L.Input(tensor=t)
    with tf.name_scope("scope"):
        e = L.Input(shape=(1,))
    layer = L.InputLayer(input_shape=(6,))
    f = L.Input(shape=(None, 3), dtype=tf.float16)
    out = {"tensors": [[x.name, x.op.type, str(x.dtype.name), x.shape.as_list()]
                       for x in (a, b, c, d, e, f)],
           "layer": [layer.name, layer.dtype, layer.is_placeholder,
                     list(layer._batch_input_shape)],
           "ops": [op.name for op in tf.get_default_graph().get_operations()]}
    errs = {}
    for name, fn in (("nothing", lambda: L.Input()),
                     ("both", lambda: L.Input(shape=(2,), batch_shape=(None, 2))),
                     ("kwarg", lambda: L.Input(shape=(2,), foo=1)),
                     ("dtype", lambda: L.Input(tensor=t, dtype="float32"))):
        try:
            fn()
            errs[name] = "no error"
        except (ValueError, TypeError) as e:
            errs[name] = [type(e).__name__, str(e)]
    out["errors"] = errs
    return out


def _merge_errors(tf):
    L = tf.keras.layers
    a = tf.placeholder(tf.float32, [None, 3])
    b = tf.placeholder(tf.float32, [None, 4])
    c = tf.placeholder(tf.float32, [5, 3])
    d = tf.placeholder(tf.float32, [6, 3])
    errs = {}
    for name, fn in (("one", lambda: L.Add()([a])),
                     ("not_list", lambda: L.Add()(a)),
                     ("broadcast", lambda: L.Add()([a, b])),
                     ("batch", lambda: L.Add()([c, d])),
                     ("sub3", lambda: L.Subtract()([a, a, a])),
                     ("concat", lambda: L.Concatenate(axis=0)([a, b])),
                     ("dot_dims", lambda: L.Dot(axes=1)([a, b])),
                     ("dot_axes", lambda: L.Dot(axes=(1, 2, 3))),
                     ("dot_type", lambda: L.Dot(axes="x")),
                     ("relu_max", lambda: L.ReLU(max_value=-1.)),
                     ("relu_slope", lambda: L.ReLU(negative_slope=-1.))):
        try:
            fn()
            errs[name] = "no error"
        except (ValueError, TypeError) as e:
            errs[name] = [type(e).__name__, str(e)]
    shapes = {
        "add": tf.TensorShape(L.Add().compute_output_shape([(None, 3), (None, 1, 3)])).as_list(),
        "concat": tf.TensorShape(L.Concatenate().compute_output_shape([(None, 3), (None, 4)])).as_list(),
        "dot": tf.TensorShape(L.Dot(axes=1).compute_output_shape([(None, 3), (None, 3)])).as_list(),
    }
    return {"errors": errs, "shapes": shapes}


def _fresh(tf, fn):
    with tf.Graph().as_default():
        return fn(tf)


def cases(tf):
    return {
        "merge": _run(tf, _merge),
        "activations": _run(tf, _activations),
        "noise": _run(tf, _noise),
        "inputs": _fresh(tf, _inputs),
        "learning_phase": _fresh(tf, _learning_phase),
        "merge_errors": _fresh(tf, _merge_errors),
        "weights": _run_weights(tf),
    }


def _weights(tf):
    L = tf.keras.layers
    ids = tf.placeholder(tf.int32, [2, 3])
    x = tf.placeholder(tf.float32, [2, 3, 4])
    emb = L.Embedding(6, 4, embeddings_initializer=tf.constant_initializer(
        np.arange(24).reshape(6, 4) / 10.0))
    e = emb(ids)
    p = L.PReLU(alpha_initializer=tf.constant_initializer(0.25), shared_axes=[1])(x + e)
    d = L.Dense(2, kernel_initializer=tf.constant_initializer(
        np.linspace(-1, 1, 8).reshape(4, 2)), bias_initializer="ones")(p)
    return [ids, x], [e, p, d]


def _run_weights(tf):
    g = tf.Graph()
    with g.as_default():
        xs, outs = _weights(tf)
        out = {"ops": _ops(g), "shapes": [o.shape.as_list() for o in outs],
               "variables": [[v.name, v.shape.as_list()] for v in tf.global_variables()],
               "trainable": [v.name for v in tf.trainable_variables()]}
        loss = tf.add_n([tf.reduce_sum(o * o) for o in outs])
        grads = tf.gradients(loss, [xs[1]] + tf.trainable_variables())
        feeds = {xs[0]: np.array([[0, 5, 2], [1, 1, 3]]),
                 xs[1]: np.random.RandomState(0).randn(2, 3, 4).astype(np.float32)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run(outs + grads, feeds)
        out["values"] = [getattr(v, "values", v) for v in vals]
    return out
