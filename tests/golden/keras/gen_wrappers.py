"""TF 1.14's tf.keras.wrappers.scikit_learn: KerasClassifier (integer, string, one-hot and
single-column labels; sparse and categorical cross-entropy; a sigmoid output's
predict_proba; score's accuracy; a build_fn object and a subclass's __call__) and
KerasRegressor (predict, score), with seeded initial weights and shuffle=False, plus
get_params/set_params and the parameter and shape errors.

    python tools/goldens.py regen keras/wrappers
"""
import numpy as np


def _err(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e)]
    return None


def _data():
    rs = np.random.RandomState(1)
    x = rs.normal(size=(24, 4)).astype("float32")
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("int64") + (x[:, 2] > 0.8).astype("int64")
    return x, y


def _classifier_fn(tf, loss="sparse_categorical_crossentropy", n_out=3, act="softmax"):
    def build(hidden=5, lr=0.1):
        model = tf.keras.Sequential([
            tf.keras.layers.Dense(hidden, activation="tanh", input_shape=(4,)),
            tf.keras.layers.Dense(n_out, activation=act)])
        model.compile(tf.keras.optimizers.SGD(lr), loss, metrics=["accuracy"])
        return model
    return build


def classifier(tf):
    W = tf.keras.wrappers.scikit_learn
    x, y = _data()
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        clf = W.KerasClassifier(_classifier_fn(tf), hidden=6, epochs=4, batch_size=8,
                                verbose=0, shuffle=False)
        hist = clf.fit(x, y)
        out["sparse"] = {"loss": hist.history["loss"], "classes": clf.classes_,
                         "n_classes": clf.n_classes_, "predict": clf.predict(x[:6]),
                         "proba": clf.predict_proba(x[:6]), "score": clf.score(x, y)}
    with tf.Graph().as_default():
        tf.set_random_seed(4)
        names = np.array(["b", "a", "c"])[y]
        clf = W.KerasClassifier(_classifier_fn(tf, "categorical_crossentropy"), epochs=3,
                                batch_size=12, verbose=0, shuffle=False)
        hist = clf.fit(x, names)
        out["categorical_strings"] = {"loss": hist.history["loss"], "classes": list(clf.classes_),
                                      "predict": list(clf.predict(x[:5])),
                                      "score": clf.score(x, names)}
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        onehot = np.eye(3)[y]
        clf = W.KerasClassifier(_classifier_fn(tf, "categorical_crossentropy"), epochs=2,
                                verbose=0, shuffle=False, batch_size=24)
        hist = clf.fit(x, onehot)
        out["onehot"] = {"loss": hist.history["loss"], "classes": clf.classes_,
                         "predict": clf.predict(x[:5])}
    with tf.Graph().as_default():
        tf.set_random_seed(6)
        yb = (y > 0).astype("int64").reshape(-1, 1)
        clf = W.KerasClassifier(_classifier_fn(tf, "binary_crossentropy", 1, "sigmoid"),
                                epochs=2, verbose=0, shuffle=False)
        clf.fit(x, yb)
        out["binary"] = {"classes": clf.classes_, "predict": clf.predict(x[:5]),
                         "proba": clf.predict_proba(x[:5], batch_size=2)}
        out["bad_y"] = _err(lambda: clf.fit(x, np.zeros((24, 2, 2))))
    return out


class _Builder(object):
    def __init__(self, tf):
        self.tf = tf

    def __call__(self, units=3):
        tf = self.tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(units, input_shape=(4,)),
                                     tf.keras.layers.Dense(1)])
        model.compile("sgd", "mse")
        return model


def regressor(tf):
    W = tf.keras.wrappers.scikit_learn
    x, y = _data()
    target = x[:, 0] * 2.0 - x[:, 3]
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(7)
        reg = W.KerasRegressor(_Builder(tf), units=4, epochs=3, batch_size=6, verbose=0,
                               shuffle=False)
        hist = reg.fit(x, target)
        out["callable"] = {"loss": hist.history["loss"], "predict": reg.predict(x[:4]),
                           "score": reg.score(x, target)}

    class Sub(W.KerasRegressor):
        def __call__(self, units=2):
            model = tf.keras.Sequential([tf.keras.layers.Dense(units, input_shape=(4,)),
                                         tf.keras.layers.Dense(1)])
            model.compile("sgd", "mse", metrics=["mae"])
            return model

    with tf.Graph().as_default():
        tf.set_random_seed(8)
        reg = Sub(units=3, epochs=2, verbose=0, shuffle=False)
        hist = reg.fit(x, target)
        out["subclass"] = {"loss": hist.history["loss"], "score": reg.score(x, target)}
    with tf.Graph().as_default():
        tf.set_random_seed(9)
        clf = W.KerasClassifier(Sub(), epochs=1, verbose=0)
        clf.fit(x, y)
        out["no_accuracy"] = _err(lambda: clf.score(x, y))
    return out


def params(tf):
    W = tf.keras.wrappers.scikit_learn
    fn = _classifier_fn(tf)
    clf = W.KerasClassifier(fn, hidden=3, epochs=2, nb_epoch=1)
    out = {"get": sorted(k for k in clf.get_params()),
           "get_build_fn": clf.get_params()["build_fn"] is fn,
           "set": sorted(clf.set_params(batch_size=4, lr=0.5).get_params()),
           "filter_fit": sorted(clf.filter_sk_params(tf.keras.Sequential.fit)),
           "filter_build": sorted(clf.filter_sk_params(fn, {"hidden": 9}).items()),
           "bad": _err(lambda: W.KerasClassifier(fn, nothing=1)),
           "bad_set": _err(lambda: clf.set_params(nothing=2)),
           "bad_callable": _err(lambda: W.KerasRegressor(_Builder(tf), hidden=2))}
    return out


def cases(tf):
    return {"classifier": classifier(tf), "regressor": regressor(tf), "params": params(tf)}
