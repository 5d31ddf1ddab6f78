"""A canned LinearRegressor on numeric, bucketized and indicator (identity and vocabulary
list) feature columns fed by tf.estimator.inputs.numpy_input_fn (shuffle off), trained with
a RunConfig tf_random_seed, evaluated (average_loss, label/mean, prediction/mean) and its
predictions and weights printed at full precision."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(4)
n = 48
age = rng.uniform(18, 70, n).astype(np.float32)
hours = rng.uniform(0, 60, n).astype(np.float32)
kind = rng.randint(0, 4, n).astype(np.int64)
color = np.array(["red", "green", "blue"])[rng.randint(0, 3, n)]
y = (0.02 * age + 0.01 * hours + 0.3 * kind + (color == "red") * 0.5).astype(np.float32)
feats = {"age": age, "hours": hours, "kind": kind, "color": color}

age_c = tf.feature_column.numeric_column("age")
cols = [tf.feature_column.bucketized_column(age_c, [25.0, 35.0, 50.0]),
        tf.feature_column.numeric_column("hours"),
        tf.feature_column.indicator_column(
            tf.feature_column.categorical_column_with_identity("kind", 4)),
        tf.feature_column.categorical_column_with_vocabulary_list(
            "color", ["red", "green", "blue"])]

workdir = tempfile.mkdtemp()
est = tf.estimator.LinearRegressor(
    cols, model_dir=os.path.join(workdir, "lin"),
    optimizer=tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.001),
    config=tf.estimator.RunConfig(tf_random_seed=9, save_checkpoints_steps=25))
train = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=12, num_epochs=None,
                                           shuffle=False)
est.train(train, steps=40)
ev = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=16, num_epochs=1,
                                        shuffle=False)
res = est.evaluate(ev)
for k in sorted(res):
    print(k, repr(float(res[k])))
preds = list(est.predict(tf.estimator.inputs.numpy_input_fn(
    feats, batch_size=10, num_epochs=1, shuffle=False)))
print(len(preds), sorted(preds[0]))
p = np.concatenate([q["predictions"] for q in preds])
print(repr(p[:5].tolist()))
print(hashlib.md5(p.tobytes()).hexdigest())
for name in est.get_variable_names():
    v = est.get_variable_value(name)
    print(name, getattr(v, "shape", ()), hashlib.md5(np.asarray(v).tobytes()).hexdigest())
shutil.rmtree(workdir)
