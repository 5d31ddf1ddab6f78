"""tf.estimator: DNNClassifier and LinearRegressor with numpy_input_fn (shuffle=False),
train a few steps then evaluate and predict; tf.random_seed via RunConfig; reading a variable
before any checkpoint exists (ValueError)."""
import hashlib
import shutil
import tempfile
import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(13)
X = rs.randn(24, 3).astype(np.float32)
Y = (X[:, 0] + X[:, 1] > 0).astype(np.int32)
R = (X @ np.array([1.0, -2.0, 0.5]) + 0.3).astype(np.float32)
fc = [tf.feature_column.numeric_column("x", shape=[3])]
d = tempfile.mkdtemp()
try:
    cfg = tf.estimator.RunConfig(tf_random_seed=42, model_dir=d + "/dnn", save_summary_steps=1000)
    clf = tf.estimator.DNNClassifier([8, 4], fc, n_classes=2, config=cfg,
                                     optimizer=tf.train.AdagradOptimizer(0.2))
    fn = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=8, num_epochs=None,
                                            shuffle=False)
    clf.train(fn, steps=6)
    efn = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=24, num_epochs=1,
                                             shuffle=False)
    ev = clf.evaluate(efn)
    print(sorted((k, repr(float(v))) for k, v in ev.items()))
    pr = list(clf.predict(tf.estimator.inputs.numpy_input_fn({"x": X[:4]}, shuffle=False)))
    print([H(p["probabilities"]) for p in pr], [p["class_ids"].tolist() for p in pr])
    cfg2 = tf.estimator.RunConfig(tf_random_seed=7, model_dir=d + "/lin", save_summary_steps=1000)
    reg = tf.estimator.LinearRegressor(fc, config=cfg2, optimizer=tf.train.FtrlOptimizer(0.3))
    for f in (reg.get_variable_names, lambda: reg.get_variable_value("global_step")):
        try:
            f()
        except ValueError as e:
            print(str(e).replace(d, "<dir>"))
    reg.train(tf.estimator.inputs.numpy_input_fn({"x": X}, R, batch_size=6, num_epochs=2,
                                                 shuffle=False))
    ev = reg.evaluate(tf.estimator.inputs.numpy_input_fn({"x": X}, R, batch_size=24, num_epochs=1,
                                                         shuffle=False))
    print(sorted((k, repr(float(v))) for k, v in ev.items()))
    print(H(reg.get_variable_value("linear/linear_model/x/weights")))
finally:
    shutil.rmtree(d)
