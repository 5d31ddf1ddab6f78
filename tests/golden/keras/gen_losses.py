"""TF 1.14's tf.keras.losses: the Loss classes with each reduction and with sample
weights (values and result names), the functions (0/1 hinge labels, label smoothing,
cosine's sign, huber, categorical hinge, sparse crossentropy on an axis), configs and
(de)serialization, errors, and Loss objects in compile / fit.

    python tools/goldens.py regen keras/losses
"""
import numpy as np

Y_TRUE = np.array([[0., 1.], [1., 0.], [1., 1.]], "float32")
Y_PRED = np.array([[0.6, 0.4], [0.3, 0.7], [0.8, 0.9]], "float32")
WEIGHTS = np.array([1., 0.5, 2.], "float32")
CLASSES = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
           "MeanSquaredLogarithmicError", "BinaryCrossentropy", "CategoricalCrossentropy",
           "Hinge", "SquaredHinge", "CategoricalHinge", "Poisson", "LogCosh", "KLDivergence",
           "Huber", "CosineSimilarity"]


def _err(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e)]
    return None


def _run(tf, tensors):
    """{key: (value, tensor name)} in a session of the current graph."""
    keys = sorted(tensors)
    with tf.Session() as sess:
        values = sess.run([tensors[k] for k in keys])
    return {k: [np.asarray(v), tensors[k].name] for k, v in zip(keys, values)}


def loss_classes(tf):
    with tf.Graph().as_default():
        out = {}
        for name in CLASSES:
            cls = getattr(tf.keras.losses, name)
            for red in ("auto", "sum", "none", "sum_over_batch_size"):
                obj = cls(reduction=red)
                out["%s/%s" % (name, red)] = obj(Y_TRUE, Y_PRED)
                out["%s/%s/sw" % (name, red)] = obj(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
            obj = cls()
            out[name + "/sw_scalar"] = obj(Y_TRUE, Y_PRED, sample_weight=2.5)
            out[name + "/sw_col"] = obj(Y_TRUE, Y_PRED, sample_weight=WEIGHTS[:, None])
        return _run(tf, out)


def loss_options(tf):
    L = tf.keras.losses
    with tf.Graph().as_default():
        logits = tf.constant([[2., -1., 0.5], [0.1, 0.2, 3.]])
        onehot = np.array([[1., 0., 0.], [0., 0., 1.]], "float32")
        out = {
            "bce_smooth": L.BinaryCrossentropy(label_smoothing=0.2)(Y_TRUE, Y_PRED),
            "bce_logits": L.BinaryCrossentropy(from_logits=True)(Y_TRUE, Y_PRED),
            "cce_smooth_logits": L.CategoricalCrossentropy(from_logits=True,
                                                           label_smoothing=0.3)(onehot, logits),
            "cce_probs": L.CategoricalCrossentropy()(onehot, tf.nn.softmax(logits)),
            "scce": L.SparseCategoricalCrossentropy()(np.array([0, 2]),
                                                      tf.nn.softmax(logits)),
            "scce_logits": L.SparseCategoricalCrossentropy(from_logits=True, name="sc")(
                np.array([[0], [2]]), logits, sample_weight=np.array([1., 3.], "float32")),
            "huber_delta": L.Huber(delta=0.25)(Y_TRUE, Y_PRED),
            "cosine_axis0": L.CosineSimilarity(axis=0)(Y_TRUE, Y_PRED),
            "hinge_pm1": L.Hinge()(2. * Y_TRUE - 1., Y_PRED),
            "hinge_other": L.Hinge()(Y_TRUE * 3., Y_PRED),
            "named": L.MeanSquaredError(name="my_loss")(Y_TRUE, Y_PRED),
            "rank3_weights": L.MeanSquaredError()(
                np.ones((2, 3, 2), "float32"), np.arange(12, dtype="float32").reshape(2, 3, 2),
                sample_weight=np.array([1., 2.], "float32")),
            "fn_bce_smooth": L.binary_crossentropy(Y_TRUE, Y_PRED, label_smoothing=0.2),
            "fn_cce_smooth": L.categorical_crossentropy(onehot, tf.nn.softmax(logits),
                                                        label_smoothing=0.1),
            "fn_scce_axis0": L.sparse_categorical_crossentropy(
                np.array([0, 2]), tf.transpose(logits), axis=0),
            "fn_cosine": L.cosine_similarity(Y_TRUE, Y_PRED),
            "fn_cosine_proximity": L.cosine_proximity(Y_TRUE, Y_PRED),
            "fn_categorical_hinge": L.categorical_hinge(Y_TRUE, Y_PRED),
            "fn_hinge": L.hinge(Y_TRUE, Y_PRED), "fn_squared_hinge": L.squared_hinge(Y_TRUE,
                                                                                    Y_PRED),
            "fn_logcosh": L.logcosh(Y_TRUE, Y_PRED), "fn_kld": L.kld(Y_TRUE, Y_PRED),
            "fn_mape": L.MAPE(Y_TRUE + 1., Y_PRED), "fn_msle": L.msle(Y_TRUE, Y_PRED),
            "fn_poisson": L.poisson(Y_TRUE, Y_PRED),
        }
        return _run(tf, out)


def loss_configs(tf):
    L = tf.keras.losses
    out = {}
    for name in CLASSES + ["SparseCategoricalCrossentropy"]:
        obj = getattr(L, name)()
        out[name] = [obj.name, obj.reduction, sorted(obj.get_config().items())]
    obj = L.get({"class_name": "Huber", "config": {"delta": 2.0, "reduction": "sum",
                                                   "name": "h"}})
    out["from_dict"] = [type(obj).__name__, sorted(obj.get_config().items())]
    out["from_name"] = type(L.get("CategoricalHinge")).__name__
    out["fn_from_name"] = [L.get("mse").__name__, L.get("cosine_similarity").__name__,
                           L.get("kld").__name__, L.get("categorical_hinge").__name__]
    out["serialize"] = [L.serialize(L.MeanSquaredError()), L.serialize(L.mae),
                        L.serialize(L.BinaryCrossentropy(label_smoothing=0.1))]
    out["deserialize"] = sorted(L.deserialize(
        L.serialize(L.CategoricalCrossentropy(from_logits=True))).get_config().items())
    out["from_config"] = sorted(L.CosineSimilarity.from_config(
        {"axis": 0, "reduction": "none", "name": "c"}).get_config().items())
    out["get_none"] = L.get(None)
    out["errors"] = [
        _err(lambda: L.MeanSquaredError(reduction="bad")),
        _err(lambda: L.Loss(reduction="mean")),
        _err(lambda: L.get("nothing")),
        _err(lambda: L.get("cosine")),
        _err(lambda: L.deserialize({"class_name": "Nothing", "config": {}})),
        _err(lambda: L.get(3))]
    base = L.Loss()
    out["base"] = [base.name, base.reduction, sorted(base.get_config().items())]
    return out


def loss_compile(tf):
    """Loss objects in compile: per-output reductions, sample weights and label
    smoothing, through fit and evaluate."""
    np.random.seed(0)
    x = np.random.rand(24, 3).astype("float32")
    y = (x.sum(1, keepdims=True) > 1.5).astype("float32")
    sw = np.linspace(0.5, 2, 24).astype("float32")
    out = {}
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(
            1, activation="sigmoid", input_shape=(3,),
            kernel_initializer=tf.keras.initializers.Constant(0.3))])
        m.compile(tf.keras.optimizers.SGD(0.5),
                  loss=tf.keras.losses.BinaryCrossentropy(label_smoothing=0.1))
        h = m.fit(x, y, batch_size=8, epochs=2, verbose=0, sample_weight=sw, shuffle=False)
        out["single"] = [h.history["loss"], m.evaluate(x, y, batch_size=8, verbose=0),
                         m.get_weights()]
    with tf.Graph().as_default():
        a = tf.keras.Input((3,), name="a")
        o1 = tf.keras.layers.Dense(2, activation="softmax", name="o1",
                                   kernel_initializer="ones")(a)
        o2 = tf.keras.layers.Dense(1, name="o2", kernel_initializer="ones")(a)
        m = tf.keras.Model(a, [o1, o2])
        m.compile(tf.keras.optimizers.SGD(0.1),
                  loss=[tf.keras.losses.SparseCategoricalCrossentropy(),
                        tf.keras.losses.Huber(reduction="sum", delta=0.5)],
                  loss_weights=[1., 0.5])
        h = m.fit(x, [y.astype("int32"), y], batch_size=8, epochs=2, verbose=0,
                  shuffle=False, sample_weight=[sw, None])
        out["multi"] = [sorted(h.history), [h.history[k] for k in sorted(h.history)],
                        m.evaluate(x, [y.astype("int32"), y], batch_size=8, verbose=0)]
    return out


def cases(tf):
    return {fn.__name__: fn(tf) for fn in (loss_classes, loss_options, loss_configs,
                                           loss_compile)}
