"""Keras models' YAML under TF 1.14 (yaml.json) and flowgrad (tests/test_keras_yaml.py):
Model.to_yaml() text (block and flow styles) for a Sequential, functional models (shared
layer, two inputs, recurrent and convolutional layers), and models_from_yaml read back
(classes, names, weights' shapes, the text written again). Needs PyYAML on both sides:
regenerate with a PyYAML for Python 3.7 on the oracle's path (made with PyYAML 5.4.1:
`pip install --target DIR pyyaml==5.4.1`, then PYTHONPATH=src:DIR tools/goldens.py regen
keras/yaml). Valid Python 3.7."""


def _models(K):
    out = {}
    out["sequential"] = K.Sequential([K.layers.Dense(3, input_shape=(4,), name="d"),
                                      K.layers.Dropout(0.5, name="dr"),
                                      K.layers.Activation("relu", name="act")], name="s")
    a = K.Input((4,), name="a")
    b = K.Input((4,), name="b")
    shared = K.layers.Dense(2, name="shared", kernel_regularizer=K.regularizers.l2(0.01))
    merged = K.layers.Concatenate(name="cat")([shared(a), shared(b)])
    out["two inputs, shared layer"] = K.Model([a, b], [merged, K.layers.Dense(
        1, activation="sigmoid", name="out")(merged)], name="two")
    seq = K.Input((5, 3), name="seq")
    r = K.layers.LSTM(4, return_sequences=True, name="lstm")(seq)
    r = K.layers.Bidirectional(K.layers.GRU(2, name="gru"), name="bi")(r)
    out["recurrent"] = K.Model(seq, r, name="rec")
    img = K.Input((8, 8, 1), name="img")
    c = K.layers.Conv2D(4, 3, padding="same", name="conv")(img)
    c = K.layers.LeakyReLU(0.1, name="leaky")(c)
    c = K.layers.MaxPooling2D(name="pool")(c)
    out["convolutional"] = K.Model(img, K.layers.Flatten(name="flat")(c), name="conv")
    return out


def cases(tf):
    out = {}
    K = tf.keras
    g = tf.Graph()
    with g.as_default():
        for name, model in sorted(_models(K).items()):
            text = model.to_yaml()
            out[name + " to_yaml"] = text
            out[name + " to_yaml flow"] = model.to_yaml(default_flow_style=True)
            back = K.models.model_from_yaml(text)
            out[name + " model_from_yaml"] = {
                "class": type(back).__name__,
                "layers": [[x.name, type(x).__name__] for x in back.layers],
                "weights": [[w.name, w.shape.as_list()] for w in back.weights],
                "to_yaml again": back.to_yaml() == text}
    return out
