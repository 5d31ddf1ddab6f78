"""A canned DNNRegressor on an embedding_column (hash bucket) and a numeric column, trained,
then a second DNNRegressor warm-started from the first one's model_dir with
tf.estimator.WarmStartSettings (vars_to_warm_start a regex) and trained further;
evaluation metrics and weights at full precision or as hashes."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(21)
n = 40
city = np.array(["c%d" % i for i in rng.randint(0, 7, n)])
x = rng.randn(n).astype(np.float32)
y = (np.where(city == "c1", 1.0, -0.5) + 0.7 * x).astype(np.float32)
feats = {"city": city, "x": x}
cols = [tf.feature_column.embedding_column(
            tf.feature_column.categorical_column_with_hash_bucket("city", 11), 3,
            initializer=tf.truncated_normal_initializer(stddev=0.3, seed=7)),
        tf.feature_column.numeric_column("x")]


def input_fn(epochs, batch, shuffle=False):
    return tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=batch, num_epochs=epochs,
                                              shuffle=shuffle)


def report(est):
    res = est.evaluate(input_fn(1, 20))
    for k in sorted(res):
        print(" ", k, repr(float(res[k])))


workdir = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(tf_random_seed=13)
first = tf.estimator.DNNRegressor([5, 4], cols, model_dir=os.path.join(workdir, "a"),
                                  optimizer="Adagrad", config=cfg)
first.train(input_fn(None, 8), steps=30)
print("first")
report(first)
ws = tf.estimator.WarmStartSettings(first.model_dir, vars_to_warm_start=".*hiddenlayer.*")
second = tf.estimator.DNNRegressor([5, 4], cols, model_dir=os.path.join(workdir, "b"),
                                   optimizer=tf.train.GradientDescentOptimizer(0.05),
                                   config=cfg, warm_start_from=ws)
second.train(input_fn(None, 8), steps=10)
print("second")
report(second)
for name in sorted(second.get_variable_names()):
    v = np.asarray(second.get_variable_value(name))
    w = (np.asarray(first.get_variable_value(name)) if name in first.get_variable_names()
         else None)
    print(name, v.shape, hashlib.md5(v.tobytes()).hexdigest(),
          None if w is None else hashlib.md5(w.tobytes()).hexdigest())
shutil.rmtree(workdir)
