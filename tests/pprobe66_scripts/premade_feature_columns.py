"""Premade estimators over feature columns as TF1 tutorials use them: DNNClassifier with
numeric, bucketized, embedding and indicator columns (n_classes=3, label_vocabulary),
LinearRegressor with a crossed column and weight_column, their evaluate metrics, predict
output dicts (keys, dtypes, shapes, values), variable names and the checkpoint kept."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
np.random.seed(3)
tf.set_random_seed(3)
rs = np.random.RandomState(0)
N = 48
age = rs.uniform(18, 70, N).astype(np.float32)
hours = rs.uniform(10, 60, N).astype(np.float32)
color = np.array(["red", "green", "blue", "gray"])[rs.randint(0, 4, N)]
label = np.array(["lo", "mid", "hi"])[(age > 35).astype(int) + (hours > 40).astype(int)]

age_c = tf.feature_column.numeric_column("age")
hours_c = tf.feature_column.numeric_column("hours", normalizer_fn=lambda v: (v - 35.0) / 15.0)
age_b = tf.feature_column.bucketized_column(age_c, boundaries=[25.0, 35.0, 45.0, 55.0])
color_c = tf.feature_column.categorical_column_with_vocabulary_list(
    "color", ["red", "green", "blue"], num_oov_buckets=1)
color_emb = tf.feature_column.embedding_column(
    color_c, 2, initializer=tf.truncated_normal_initializer(stddev=0.5, seed=5))
cols = [hours_c, age_b, color_emb, tf.feature_column.indicator_column(color_c)]


def input_fn(n_epochs, shuffle, labels=True, batch=16):
    def fn():
        feats = {"age": age, "hours": hours, "color": color}
        ds = tf.data.Dataset.from_tensor_slices((feats, label) if labels else feats)
        if shuffle:
            ds = ds.shuffle(N, seed=9)
        return ds.repeat(n_epochs).batch(batch)
    return fn


d = tempfile.mkdtemp()
clf = tf.estimator.DNNClassifier(
    hidden_units=[8, 4], feature_columns=cols, n_classes=3, label_vocabulary=["lo", "mid", "hi"],
    model_dir=d, optimizer=tf.train.AdagradOptimizer(0.3),
    config=tf.estimator.RunConfig(tf_random_seed=21, save_checkpoints_steps=100))
clf.train(input_fn(None, True), steps=15)
print(sorted(clf.get_variable_names()))
print(clf.get_variable_value("dnn/logits/bias").tolist())
res = clf.evaluate(input_fn(1, False))
print({k: repr(float(v)) for k, v in sorted(res.items())})
preds = list(clf.predict(input_fn(1, False, labels=False, batch=5)))
print(len(preds), sorted(preds[0]))
print([(k, np.asarray(v).dtype.name, np.shape(v)) for k, v in sorted(preds[0].items())])
print([p["classes"].tolist() for p in preds[:6]], [int(p["class_ids"][0]) for p in preds[:6]])
print(preds[0]["probabilities"].tolist(), preds[0]["all_class_ids"].tolist(),
      preds[0]["all_classes"].tolist())
print(sorted(f for f in os.listdir(d) if f.startswith("model.ckpt")))

d2 = tempfile.mkdtemp()
x_c = tf.feature_column.categorical_column_with_hash_bucket("color", 5)
cross = tf.feature_column.crossed_column([age_b, "color"], hash_bucket_size=7)
reg = tf.estimator.LinearRegressor(
    feature_columns=[age_c, hours_c, x_c, cross], weight_column="w", model_dir=d2,
    optimizer=tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.01),
    config=tf.estimator.RunConfig(tf_random_seed=4))
target = (0.05 * age - 0.02 * hours).astype(np.float32)
wts = np.linspace(0.5, 1.5, N).astype(np.float32)
reg_in = tf.estimator.inputs.numpy_input_fn(
    {"age": age, "hours": hours, "color": color, "w": wts}, target, batch_size=12,
    num_epochs=None, shuffle=False)
reg.train(reg_in, steps=8)
print(sorted(reg.get_variable_names()))
print(reg.get_variable_value("linear/linear_model/age/weights").tolist(),
      reg.get_variable_value("linear/linear_model/bias_weights").tolist())
ev = reg.evaluate(tf.estimator.inputs.numpy_input_fn(
    {"age": age, "hours": hours, "color": color, "w": wts}, target, batch_size=24,
    shuffle=False))
print({k: repr(float(v)) for k, v in sorted(ev.items())})
p = next(reg.predict(tf.estimator.inputs.numpy_input_fn(
    {"age": age[:3], "hours": hours[:3], "color": color[:3], "w": wts[:3]}, shuffle=False)))
print(sorted(p), p["predictions"].dtype.name, p["predictions"].shape)
for bad in [lambda: tf.estimator.DNNClassifier([4], cols, n_classes=1),
            lambda: tf.estimator.DNNClassifier([4], cols, n_classes=3, label_vocabulary=["a"]),
            lambda: tf.estimator.LinearRegressor([age_c], label_dimension=0),
            lambda: clf.evaluate(input_fn(1, False), steps=0)]:
    try:
        bad()
        print("no error")
    except Exception as ex:
        print(type(ex).__name__, ex)
shutil.rmtree(d)
shutil.rmtree(d2)
