"""tf.keras.estimator.model_to_estimator on a compiled functional model (SGD with momentum),
trained, evaluated and used for prediction with tf.estimator.inputs.numpy_input_fn
(shuffle off, num_epochs), the model_dir's checkpoint keys and the estimator's values."""

import hashlib
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
rs = np.random.RandomState(19)
X = rs.randn(40, 4).astype(np.float32)
Y = (X[:, 0] - X[:, 2] > 0).astype(np.float32)[:, None]
inp = K.layers.Input((4,), name="feats")
h = K.layers.Dense(5, activation="relu", name="hidden")(inp)
out = K.layers.Dense(1, activation="sigmoid", name="prob")(h)
m = K.Model(inp, out)
m.compile(K.optimizers.SGD(0.1, momentum=0.5), "binary_crossentropy", metrics=["accuracy"])
d = tempfile.mkdtemp()
try:
    cfg = tf.estimator.RunConfig(tf_random_seed=7, model_dir=d)
    est = K.estimator.model_to_estimator(keras_model=m, config=cfg)
    print(type(est).__name__, est.config.tf_random_seed)
    tin = tf.estimator.inputs.numpy_input_fn({"feats": X}, Y, batch_size=8, num_epochs=3,
                                             shuffle=False)
    est.train(tin)
    ein = tf.estimator.inputs.numpy_input_fn({"feats": X}, Y, batch_size=20, shuffle=False)
    ev = est.evaluate(ein)
    print(sorted((k, repr(float(v))) for k, v in ev.items()))
    pin = tf.estimator.inputs.numpy_input_fn({"feats": X[:6]}, shuffle=False)
    preds = list(est.predict(pin))
    print(sorted(preds[0]), [repr(float(p["prob"][0])) for p in preds])
    print(sorted(n for n, _ in tf.train.list_variables(est.latest_checkpoint())))
    for n in ["hidden/kernel", "prob/bias", "global_step"]:
        print(n, H(est.get_variable_value(n)))
finally:
    shutil.rmtree(d)
