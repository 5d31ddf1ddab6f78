"""TF 1.14's Keras TensorBoard callback with embeddings: embeddings_freq with
embeddings_data (Embedding layers by default, or embeddings_layer_names), metadata as one
file name or a dict; the projector config and the checkpoints written (files, variable
names and values), and the error without embeddings_data.

    python tools/goldens.py regen keras/tb_embeddings
"""
import os
import tempfile

import numpy as np


def _model(tf):
    L = tf.keras.layers
    m = tf.keras.Sequential([L.Embedding(10, 3, input_length=4), L.Flatten(),
                             L.Dense(2, activation="softmax", name="out")])
    rs = np.random.RandomState(3)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy")
    return m


def _data():
    rs = np.random.RandomState(4)
    return rs.randint(0, 10, (7, 4)).astype("int32"), np.eye(2, dtype="float32")[
        rs.randint(0, 2, 7)]


def _init_embeddings(tf):
    """TF 1.14 never initializes the `<layer>_embedding` variables it makes in set_model
    (they are not Keras-tracked), so its first write fails (NotFoundError for the
    resource); this callback, after TensorBoard, initializes them at train begin so that
    TF's values can be recorded. flowgrad initializes them itself."""
    class Init(tf.keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            vs = [v for v in tf.global_variables() if v.name.endswith("_embedding:0")]
            tf.keras.backend.get_session().run(tf.variables_initializer(vs))
    return Init()


def _run(tf, **kw):
    d = tempfile.mkdtemp()
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = _model(tf)
            x, y = _data()
            cb = tf.keras.callbacks.TensorBoard(d, batch_size=3, embeddings_data=x[:5], **kw)
            m.fit(x, y, batch_size=4, epochs=3, verbose=0, shuffle=False, callbacks=[cb, _init_embeddings(tf)])
    files = sorted(f for f in os.listdir(d) if not f.startswith("events."))
    with open(os.path.join(d, "projector_config.pbtxt")) as f:
        config = f.read()
    ckpts = {}
    for f in files:
        if f.endswith(".index"):
            reader = tf.train.NewCheckpointReader(os.path.join(d, f[:-len(".index")]))
            ckpts[f[:-len(".index")]] = {k: reader.get_tensor(k) for k in
                                         sorted(reader.get_variable_to_shape_map())}
    return {"files": files, "config": config, "checkpoints": ckpts}


def cases(tf):
    out = {"default": _run(tf, embeddings_freq=2, embeddings_metadata="meta.tsv"),
           "named": _run(tf, embeddings_freq=1, embeddings_layer_names=["embedding", "out"],
                         embeddings_metadata={"out": "labels.tsv"})}
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = _model(tf)
            x, y = _data()
            cb = tf.keras.callbacks.TensorBoard(tempfile.mkdtemp(), embeddings_freq=1,
                                                profile_batch=0)  # fit stops: no trace left on
            try:
                m.fit(x, y, epochs=1, verbose=0, callbacks=[cb])
                out["no_data"] = None
            except ValueError as e:
                out["no_data"] = str(e)
    return out
