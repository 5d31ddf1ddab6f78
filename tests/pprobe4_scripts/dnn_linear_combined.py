"""Wide & deep with the core estimator: DNNLinearCombinedClassifier (crossed and bucketized
wide columns with Ftrl, embedding and numeric deep columns with Adagrad and dropout)
trained with numpy_input_fn (shuffle=False), evaluated and predicted; then a
DNNLinearCombinedRegressor with weight_column."""

import os
import tempfile
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.logging.set_verbosity(tf.logging.ERROR)
rs = np.random.RandomState(111)
n = 32
age = rs.uniform(18, 70, n).astype(np.float32)
hours = rs.uniform(10, 60, n).astype(np.float32)
job = rs.choice(["a", "b", "c", "d"], n)
city = rs.randint(0, 5, n).astype(np.int64)
w = rs.uniform(0.5, 2.0, n).astype(np.float32)
label = ((age > 40) ^ (job == "b")).astype(np.int64)
fc = tf.feature_column
age_c = fc.numeric_column("age")
hours_c = fc.numeric_column("hours")
job_c = fc.categorical_column_with_vocabulary_list("job", ["a", "b", "c", "d"])
city_c = fc.categorical_column_with_identity("city", 5)
age_b = fc.bucketized_column(age_c, [25, 35, 45, 55])
wide = [age_b, job_c, fc.crossed_column([age_b, job_c], 16)]
deep = [age_c, hours_c, fc.embedding_column(job_c, 3), fc.indicator_column(city_c)]
feats = {"age": age, "hours": hours, "job": job, "city": city, "w": w}
d = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(tf_random_seed=5, save_summary_steps=1000)
est = tf.estimator.DNNLinearCombinedClassifier(
    model_dir=os.path.join(d, "c"),
    linear_feature_columns=wide,
    dnn_feature_columns=deep,
    dnn_hidden_units=[8, 4],
    dnn_dropout=0.2,
    config=cfg,
)
inp = tf.estimator.inputs.numpy_input_fn(feats, label, batch_size=8, num_epochs=3, shuffle=False)
est.train(inp)
ev = est.evaluate(tf.estimator.inputs.numpy_input_fn(feats, label, batch_size=16, shuffle=False))
print(sorted((k, repr(float(v))) for k, v in ev.items()))
pr = list(est.predict(tf.estimator.inputs.numpy_input_fn(feats, batch_size=16, shuffle=False)))
print(len(pr), sorted(pr[0]), H(np.array([p["probabilities"] for p in pr])))
print(sorted(est.get_variable_names()))
reg = tf.estimator.DNNLinearCombinedRegressor(
    model_dir=os.path.join(d, "r"),
    linear_feature_columns=wide,
    dnn_feature_columns=deep,
    dnn_hidden_units=[6],
    weight_column="w",
    config=cfg,
    dnn_optimizer=tf.train.AdamOptimizer(0.01),
    linear_optimizer="Ftrl",
)
reg.train(
    tf.estimator.inputs.numpy_input_fn(feats, hours / 10, batch_size=8, num_epochs=2, shuffle=False)
)
ev = reg.evaluate(
    tf.estimator.inputs.numpy_input_fn(feats, hours / 10, batch_size=32, shuffle=False)
)
print(sorted((k, repr(float(v))) for k, v in ev.items()))
for name in sorted(reg.get_variable_names()):
    if "Adam" not in name and "Ftrl" not in name:
        print(name, H(reg.get_variable_value(name)))
