"""TF 1.14's tf.keras.layers.Attention and AdditiveAttention (keras/layers/dense_attention.py)
in graph mode: values and gradients with fixed weights (set_weights) and with the seeded
glorot initializer of AdditiveAttention's scale, use_scale, causal, a separate key, query and
value masks, output shapes, weight names, get_config / from_config (TF 1.14 keeps neither
use_scale nor causal in the config), the call errors, a mask from Embedding(mask_zero) and a
functional model's fit (and TF 1.14's
model from_config error: keras.layers.deserialize does not know these layers).

    python tools/goldens.py regen keras/attention
"""
import numpy as np


def _data():
    rs = np.random.RandomState(11)
    q = rs.randn(2, 3, 4).astype("float32")
    v = rs.randn(2, 5, 4).astype("float32")
    k = rs.randn(2, 5, 4).astype("float32")
    qm = np.array([[True, False, True], [True, True, True]])
    vm = np.array([[True, True, False, True, False], [False, True, True, True, True]])
    return q, v, k, qm, vm


def _run(tf, cls_name, kwargs, key=False, masks=False, scale=None, seed=None):
    q, v, k, qm, vm = _data()
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            qp = tf.placeholder(tf.float32, [None, 3, 4], name="q")
            vp = tf.placeholder(tf.float32, [None, 5, 4], name="v")
            kp = tf.placeholder(tf.float32, [None, 5, 4], name="k")
            qmp = tf.placeholder(tf.bool, [None, 3], name="qm")
            vmp = tf.placeholder(tf.bool, [None, 5], name="vm")
            layer = getattr(tf.keras.layers, cls_name)(**kwargs)
            inputs = [qp, vp, kp] if key else [qp, vp]
            out = layer(inputs, mask=[qmp, vmp]) if masks else layer(inputs)
            n_ops = len(tf.get_default_graph().get_operations())
            w = tf.constant(np.linspace(-1, 1, 24).reshape(2, 3, 4).astype("float32"))
            xs = [qp, vp] + ([kp] if key else []) + list(layer.trainable_weights)
            grads = tf.gradients(tf.reduce_sum(out * w), xs)
            sess.run(tf.global_variables_initializer())
            if scale is not None:
                layer.set_weights([np.asarray(scale, "float32")])
            feed = {qp: q, vp: v, kp: k, qmp: qm, vmp: vm}
            got_out, got_grads, weights = sess.run([out, grads, layer.weights], feed)
            return {"out": got_out, "shape": out.shape.as_list(), "grads": got_grads,
                    "weights": [[x.name, x.shape.as_list(), val]
                                for x, val in zip(layer.weights, weights)],
                    "n_ops": n_ops, "name": layer.name}


def _config(tf, cls_name, kwargs):
    with tf.Graph().as_default():
        layer = getattr(tf.keras.layers, cls_name)(**kwargs)
        config = layer.get_config()
        again = type(layer).from_config(config)
        return {"config": config, "again": again.get_config(),
                "use_scale": again.use_scale, "causal": again.causal,
                "orig": [layer.use_scale, layer.causal]}


def _error(tf, fn):
    with tf.Graph().as_default():
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the error
            return e
        return "no error"


def _err_not_list(tf):
    tf.keras.layers.Attention()(tf.placeholder(tf.float32, [2, 3, 4]))


def _err_one(tf):
    tf.keras.layers.AdditiveAttention()([tf.placeholder(tf.float32, [2, 3, 4])])


def _err_four(tf):
    p = tf.placeholder(tf.float32, [2, 3, 4])
    tf.keras.layers.Attention()([p, p, p, p])


def _err_mask_not_list(tf):
    p = tf.placeholder(tf.float32, [2, 3, 4])
    tf.keras.layers.Attention()([p, p], mask=tf.placeholder(tf.bool, [2, 3]))


def _err_mask_one(tf):
    p = tf.placeholder(tf.float32, [2, 3, 4])
    tf.keras.layers.Attention()([p, p], mask=[tf.placeholder(tf.bool, [2, 3])])


def _embedding_mask(tf):
    """Embedding(mask_zero=True) ahead of Attention: the input masks reach `call`."""
    L = tf.keras.layers
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            ids = L.Input((5,), dtype="int32")
            emb = L.Embedding(7, 4, mask_zero=True)
            e = emb(ids)
            try:
                out = L.Attention()([e, e])
            except Exception as exc:  # noqa: BLE001
                return exc
            m = tf.keras.Model(ids, out)
            emb.set_weights([np.linspace(-1, 1, 28).reshape(7, 4).astype("float32")])
            x = np.array([[1, 2, 0, 3, 0], [4, 5, 6, 0, 0]], "int32")
            return {"out": m.predict(x), "shape": out.shape.as_list()}


def _model(tf, cls_name, kwargs):
    L = tf.keras.layers
    rs = np.random.RandomState(3)
    q, v = rs.rand(6, 3, 4).astype("float32"), rs.rand(6, 5, 4).astype("float32")
    y = rs.rand(6, 2).astype("float32")
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            qi, vi = L.Input((3, 4)), L.Input((5, 4))
            att = getattr(L, cls_name)(**kwargs)
            out = L.Dense(2)(L.GlobalAveragePooling1D()(att([qi, vi])))
            m = tf.keras.Model([qi, vi], out)
            m.set_weights([np.asarray(rs.rand(*w.shape.as_list()) - 0.5, "float32")
                           for w in m.weights])
            before = m.predict([q, v])
            m.compile(tf.keras.optimizers.SGD(0.5), "mse")
            h = m.fit([q, v], y, batch_size=3, epochs=3, verbose=0, shuffle=False)
            try:   # TF 1.14's keras.layers.deserialize does not know the attention layers
                tf.keras.Model.from_config(m.get_config())
                rebuilt = "no error"
            except ValueError as e:
                rebuilt = e
            return {"before": before, "loss": [float(x) for x in h.history["loss"]],
                    "after": m.get_weights(), "rebuilt": rebuilt,
                    "weights": [w.name for w in m.weights]}


def cases(tf):
    return {
        "dot": _run(tf, "Attention", {}),
        "dot_scale_causal_key_masks": _run(tf, "Attention", {"use_scale": True, "causal": True},
                                           key=True, masks=True, scale=0.7),
        "dot_scale_init": _run(tf, "Attention", {"use_scale": True}, masks=True),
        "additive_seeded": _run(tf, "AdditiveAttention", {}, seed=3),
        "additive_seeded_masks": _run(tf, "AdditiveAttention", {"causal": True}, masks=True,
                                      key=True, seed=5),
        "additive_fixed": _run(tf, "AdditiveAttention", {}, key=True,
                               scale=[0.5, -0.25, 1.5, 0.1]),
        "additive_no_scale_causal": _run(tf, "AdditiveAttention",
                                         {"use_scale": False, "causal": True}),
        "config_dot": _config(tf, "Attention", {"use_scale": True, "causal": True,
                                                "name": "att"}),
        "config_additive": _config(tf, "AdditiveAttention", {"use_scale": False,
                                                            "causal": True}),
        "err_not_list": _error(tf, _err_not_list),
        "err_one": _error(tf, _err_one),
        "err_four": _error(tf, _err_four),
        "err_mask_not_list": _error(tf, _err_mask_not_list),
        "err_mask_one": _error(tf, _err_mask_one),
        "embedding_mask": _embedding_mask(tf),
        "model_dot": _model(tf, "Attention", {"use_scale": True}),
        "model_additive": _model(tf, "AdditiveAttention", {"causal": True}),
    }
