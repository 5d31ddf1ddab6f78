"""Canned estimators with numpy_input_fn and a plain input_fn returning a tf.data pipeline:
DNNClassifier (hidden units, dropout off, GradientDescent), LinearClassifier (3 classes,
SGD), DNNRegressor with weight_column; train with steps, evaluate metrics, predict keys and
values, get_variable_names."""

import hashlib
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(d):
    return sorted((k, repr(float(v))) for k, v in d.items())


rs = np.random.RandomState(23)
X = rs.randn(60, 3).astype(np.float32)
W = rs.uniform(0.5, 1.5, 60).astype(np.float32)
Y2 = (X[:, 0] + X[:, 1] > 0).astype(np.int32)
Y3 = np.digitize(X[:, 2], [-0.5, 0.5]).astype(np.int32)
YR = (2 * X[:, 0] - X[:, 1]).astype(np.float32)
cols = [tf.feature_column.numeric_column("x", shape=(3,))]
d = tempfile.mkdtemp()
try:
    cfg = tf.estimator.RunConfig(tf_random_seed=3)
    dnn = tf.estimator.DNNClassifier([6, 4], cols, model_dir=d + "/dnn", config=cfg,
                                     optimizer=tf.train.GradientDescentOptimizer(0.1))
    tin = tf.estimator.inputs.numpy_input_fn({"x": X}, Y2, batch_size=12, num_epochs=None,
                                             shuffle=False)
    dnn.train(tin, steps=15)
    ein = tf.estimator.inputs.numpy_input_fn({"x": X}, Y2, batch_size=30, shuffle=False)
    print(F(dnn.evaluate(ein)))
    p = list(dnn.predict(tf.estimator.inputs.numpy_input_fn({"x": X[:4]}, shuffle=False)))
    print(sorted(p[0]))
    for q in p:
        print([repr(float(v)) for v in q["probabilities"]], q["class_ids"].tolist(),
              q["classes"].tolist())
    print(dnn.get_variable_names())

    def input_fn():
        ds = tf.data.Dataset.from_tensor_slices(({"x": X}, Y3)).batch(15).repeat(2)
        return ds

    lin = tf.estimator.LinearClassifier(cols, n_classes=3, model_dir=d + "/lin", config=cfg,
                                        optimizer=tf.train.GradientDescentOptimizer(0.2))
    lin.train(input_fn)
    print(F(lin.evaluate(lambda: tf.data.Dataset.from_tensor_slices(({"x": X}, Y3)).batch(60))))
    print(H(lin.get_variable_value("linear/linear_model/x/weights")))

    reg = tf.estimator.DNNRegressor([5], cols + [tf.feature_column.numeric_column("w")],
                                    weight_column="w", model_dir=d + "/reg", config=cfg,
                                    optimizer=tf.train.MomentumOptimizer(0.002, 0.5))
    rin = tf.estimator.inputs.numpy_input_fn({"x": X, "w": W}, YR, batch_size=20,
                                             num_epochs=4, shuffle=False)
    reg.train(rin)
    print(F(reg.evaluate(tf.estimator.inputs.numpy_input_fn({"x": X, "w": W}, YR,
                                                            batch_size=60, shuffle=False))))
    print([repr(float(q["predictions"][0])) for q in reg.predict(
        tf.estimator.inputs.numpy_input_fn({"x": X[:5], "w": W[:5]}, shuffle=False))])
finally:
    shutil.rmtree(d)
