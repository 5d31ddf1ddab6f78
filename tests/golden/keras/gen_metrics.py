"""TF 1.14's tf.keras.metrics in graph mode: every metric class updated twice (with and
without sample weights), its variables' names, results and result names, reset; the ops
a Mean builds, what update_state returns, configs and (de)serialization, errors, and
Metric objects in compile / fit / evaluate / train_on_batch / test_on_batch.

    python tools/goldens.py regen keras/metrics
"""
import numpy as np

Y_TRUE = np.array([[0., 1.], [1., 0.], [1., 1.], [0., 0.]], "float32")
Y_PRED = np.array([[0.6, 0.4], [0.3, 0.7], [0.8, 0.9], [0.1, 0.2]], "float32")
WEIGHTS = np.array([1., 0.5, 2., 0.], "float32")


def _err(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e)]
    return None


def _config(m):
    config = m.get_config()
    if "thresholds" in config and config["thresholds"] is not None:
        config["thresholds"] = [float(t) for t in config["thresholds"]]
    if "normalizer" in config:
        config["normalizer"] = np.asarray(config["normalizer"])
    return sorted(config.items())


def _objects(tf):
    M = tf.keras.metrics
    return [
        M.Mean(), M.Sum(), M.Accuracy(), M.BinaryAccuracy(), M.BinaryAccuracy(threshold=0.7),
        M.CategoricalAccuracy(), M.TopKCategoricalAccuracy(k=1), M.AUC(), M.AUC(curve="PR"),
        M.AUC(num_thresholds=5, summation_method="minoring"),
        M.AUC(curve="PR", summation_method="majoring", thresholds=[0.3, 0.5]),
        M.Precision(), M.Recall(thresholds=[0.3, 0.7]), M.Precision(top_k=1),
        M.Recall(class_id=1), M.Precision(class_id=0, thresholds=[0.2, 0.5]),
        M.TruePositives(), M.FalsePositives([0.2, 0.5]), M.TrueNegatives(),
        M.FalseNegatives(), M.SensitivityAtSpecificity(0.5),
        M.SpecificityAtSensitivity(0.5, num_thresholds=3), M.CosineSimilarity(),
        M.CosineSimilarity(axis=0), M.MeanAbsoluteError(), M.MeanAbsolutePercentageError(),
        M.MeanSquaredError(), M.MeanSquaredLogarithmicError(), M.Hinge(), M.SquaredHinge(),
        M.CategoricalHinge(), M.RootMeanSquaredError(), M.LogCoshError(), M.Poisson(),
        M.KLDivergence(), M.BinaryCrossentropy(), M.BinaryCrossentropy(from_logits=True),
        M.CategoricalCrossentropy(label_smoothing=0.1),
        M.MeanRelativeError(normalizer=[[1., 2.]] * 4)]


def metric_values(tf):
    """Each class: result of a first call, of a second (weighted) call, result() after
    both, after reset_states(); variable names, result name, config."""
    M = tf.keras.metrics
    out = {}
    with tf.Graph().as_default():
        res = []
        for m in _objects(tf):
            if type(m) in (M.Mean, M.Sum):
                a = m(Y_PRED)
                b = m(Y_PRED[:, 0], sample_weight=WEIGHTS)
            else:
                a = m(Y_TRUE, Y_PRED)
                if getattr(m, "class_id", None) is not None or \
                        m.get_config().get("axis") == 0:  # weights fail in TF 1.14
                    b = m(Y_TRUE, Y_PRED[::-1])
                else:
                    b = m(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
            res.append((m, a, b))
        logits = tf.constant(Y_PRED)
        m = M.SparseCategoricalAccuracy()
        res.append((m, m(np.array([1, 0, 1, 1]), logits),
                    m(np.array([[1], [1], [0], [1]]), logits, sample_weight=WEIGHTS)))
        m = M.SparseTopKCategoricalAccuracy(k=1)
        res.append((m, m(np.array([1, 0, 1, 1]), logits), m(np.array([1, 0, 0, 1]), logits)))
        m = M.SparseCategoricalCrossentropy()
        res.append((m, m(np.array([1, 0, 1, 1]), logits),
                    m(np.array([1, 0, 0, 1]), logits, sample_weight=WEIGHTS)))
        m = M.MeanIoU(3)
        res.append((m, m([0, 1, 2, 2], [0, 2, 2, 1]),
                    m(tf.constant([1, 1]), tf.constant([1, 0]),
                      sample_weight=tf.constant([2., 1.]))))
        m = M.MeanTensor()
        res.append((m, m(Y_PRED), m(Y_PRED * 2, sample_weight=WEIGHTS[:, None])))
        sess = tf.keras.backend.get_session()
        # few runs (TF 1.14 is slow to run a growing graph): the metrics are independent
        first = sess.run([a for _, a, _ in res])
        second = sess.run([b for _, _, b in res])
        result = sess.run([m.result() for m, _, _ in res])
        for m, _, _ in res:
            m.reset_states()
        after = sess.run([m.result() for m, _, _ in res])
        for i, (m, a, b) in enumerate(res):
            out["%02d_%s" % (i, m.name)] = [
                type(m).__name__, [v.name for v in m.variables], first[i], second[i],
                result[i], after[i], a.name, m.dtype, _config(m)]
    return out


def metric_semantics(tf):
    """The graph a Mean builds, update_state's value, repeated runs, name scopes,
    collections, weights and updates."""
    M = tf.keras.metrics
    out = {}
    with tf.Graph().as_default() as g:
        m = M.Mean()
        created = [o.name for o in g.get_operations()]
        r = m([1., 2., 3.])
        u = m.update_state([4.])
        res = m.result()
        out["ops"] = [created, [o.name for o in g.get_operations()]]
        out["collections"] = [len(tf.global_variables()), len(tf.local_variables()),
                              len(tf.trainable_variables())]
        out["weights"] = [[v.name for v in m.weights], len(m.trainable_weights),
                          [v.name for v in m.non_trainable_weights], m.stateful, m.built,
                          len(m.updates)]
        out["names"] = [r.name, res.name, m.name, m.dtype]
        sess = tf.keras.backend.get_session()
        out["runs"] = [sess.run(r), sess.run(r), sess.run(res), sess.run(u), sess.run(res)]
        m.reset_states()
        out["reset"] = sess.run(res)
        with tf.name_scope("outer"):
            s = M.Sum(name="s", dtype="float64")
            t = s([1., 2.])
        sess = tf.keras.backend.get_session()
        out["scoped"] = [[v.name for v in s.variables], t.name, t.dtype.name,
                         sess.run(t)]
        p = M.Precision()
        up = p.update_state([1, 0], [0.8, 0.3])
        sess = tf.keras.backend.get_session()
        out["confusion_update"] = [up.type, up.name, sess.run(up), sess.run(p.result())]
        mt = M.MeanTensor()
        out["mean_tensor"] = [mt.total, mt.count, len(mt.variables)]
        v = mt([[1., 2.]])
        sess = tf.keras.backend.get_session()
        out["mean_tensor_built"] = [[x.name for x in mt.variables], sess.run(v),
                                    sess.run(mt([[3., 6.]]))]
    return out


def metric_errors(tf):
    M = tf.keras.metrics
    out = [
        _err(lambda: M.AUC(num_thresholds=1)),
        _err(lambda: M.AUC(curve="XY")),
        _err(lambda: M.AUC(summation_method="sideways")),
        _err(lambda: M.Precision(thresholds=[0.5, 1.5])),
        _err(lambda: M.Recall(thresholds=-0.1)),
        _err(lambda: M.TruePositives(thresholds=[None])),
        _err(lambda: M.SensitivityAtSpecificity(1.5)),
        _err(lambda: M.SpecificityAtSensitivity(-0.5)),
        _err(lambda: M.SensitivityAtSpecificity(0.5, num_thresholds=0)),
        _err(lambda: M.MeanTensor().result()),
        _err(lambda: M.get("nothing")),
        _err(lambda: M.get("kld")),
        _err(lambda: M.get("cosine")),
        _err(lambda: M.get(3)),
        _err(lambda: M.deserialize({"class_name": "Nothing", "config": {}})),
    ]
    with tf.Graph().as_default():
        mt = M.MeanTensor()
        mt([1., 2.])
        out.append(_err(lambda: mt([1., 2., 3.])))
        out.append(_err(lambda: M.Accuracy()(np.zeros((2, 3), "float32"),
                                             np.zeros((2, 2), "float32"))))
        auc = M.AUC()
        bad = auc(tf.constant([0., 1.]), tf.constant([0.5, 1.5]))
        sess = tf.keras.backend.get_session()
        try:
            sess.run(bad)
            out.append(None)
        except tf.errors.InvalidArgumentError as e:
            out.append(["InvalidArgumentError", e.message.split("[Condition")[0]])
    return out


def metric_configs(tf):
    M = tf.keras.metrics
    out = {}
    with tf.Graph().as_default():
        for m in _objects(tf)[1:]:
            clone = type(m).from_config(m.get_config())
            out[m.name] = [type(m).__name__, _config(m), _config(clone),
                           M.serialize(m)["class_name"]]
        back = M.deserialize(M.serialize(M.Recall(thresholds=[0.3], name="r")))
        out["deserialized"] = [type(back).__name__, _config(back)]
        out["get"] = [type(M.get("AUC")).__name__, M.get("mse").__name__,
                      M.get("cosine_proximity").__name__, M.get("acc" + "uracy").__name__,
                      type(M.get({"class_name": "Mean", "config": {"name": "z"}})).__name__,
                      M.serialize(M.mae), M.get(M.AUC).__name__]
    return out


def metric_compile(tf):
    """Metric objects and names in compile, through fit (with validation and sample
    weights), evaluate, test_on_batch / train_on_batch (with and without reset)."""
    np.random.seed(0)
    x = np.random.rand(40, 3).astype("float32")
    y = (x.sum(1, keepdims=True) > 1.5).astype("float32")
    sw = np.linspace(0.5, 2, 40).astype("float32")
    out = {}
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(
            1, activation="sigmoid", input_shape=(3,),
            kernel_initializer=tf.keras.initializers.Constant(0.3))])
        m.compile(tf.keras.optimizers.SGD(0.5),
                  loss=tf.keras.losses.BinaryCrossentropy(label_smoothing=0.1),
                  metrics=["acc", tf.keras.metrics.AUC(), "Precision",
                           tf.keras.metrics.Recall(name="rec"), "mse",
                           tf.keras.metrics.MeanSquaredError(),
                           tf.keras.metrics.BinaryAccuracy(threshold=0.6),
                           "cosine_proximity", "ce"])
        h = m.fit(x, y, batch_size=16, epochs=2, verbose=0, sample_weight=sw,
                  validation_split=0.25, shuffle=False)
        out["single"] = [m.metrics_names, sorted(h.history),
                         [h.history[k] for k in sorted(h.history)],
                         m.evaluate(x, y, batch_size=16, verbose=0),
                         m.test_on_batch(x[:10], y[:10], reset_metrics=False),
                         m.test_on_batch(x[10:20], y[10:20], reset_metrics=False),
                         m.test_on_batch(x[:10], y[:10]), m.test_on_batch(x[:10], y[:10]),
                         m.train_on_batch(x[:10], y[:10], sample_weight=sw[:10],
                                          reset_metrics=False),
                         m.train_on_batch(x[10:], y[10:], reset_metrics=False)]
        m.reset_metrics()
        out["after_reset"] = m.train_on_batch(x[10:], y[10:])
    with tf.Graph().as_default():
        a = tf.keras.Input((3,), name="a")
        o1 = tf.keras.layers.Dense(2, activation="softmax", name="o1",
                                   kernel_initializer="ones")(a)
        o2 = tf.keras.layers.Dense(1, name="o2", kernel_initializer="ones")(a)
        m = tf.keras.Model(a, [o1, o2])
        m.compile("sgd", loss=[tf.keras.losses.SparseCategoricalCrossentropy(),
                               tf.keras.losses.Huber(reduction="sum")],
                  metrics={"o1": ["acc", tf.keras.metrics.SparseCategoricalAccuracy()],
                           "o2": [tf.keras.metrics.RootMeanSquaredError(), "mae"]})
        h = m.fit(x, [y.astype("int32"), y], batch_size=16, epochs=2, verbose=0,
                  shuffle=False)
        out["multi"] = [m.metrics_names, sorted(h.history),
                        [h.history[k] for k in sorted(h.history)],
                        m.test_on_batch(x[:8], [y[:8].astype("int32"), y[:8]])]
    with tf.Graph().as_default():
        a = tf.keras.Input((3,), name="a")
        o1 = tf.keras.layers.Dense(1, activation="sigmoid", name="p",
                                   kernel_initializer="ones")(a)
        o2 = tf.keras.layers.Dense(1, activation="sigmoid", name="q",
                                   kernel_initializer="zeros")(a)
        m = tf.keras.Model(a, [o1, o2])
        m.compile("sgd", loss="binary_crossentropy",
                  metrics=[tf.keras.metrics.AUC(num_thresholds=10), "acc"])
        h = m.fit(x, [y, y], batch_size=16, epochs=1, verbose=0, shuffle=False)
        out["flat_list_multi"] = [m.metrics_names, sorted(h.history),
                                  [h.history[k] for k in sorted(h.history)]]
    return out


def cases(tf):
    return {fn.__name__: fn(tf) for fn in (metric_values, metric_semantics, metric_errors,
                                           metric_configs, metric_compile)}
