"""tf.estimator LinearClassifier over bucketized, crossed and hashed columns and a DNNRegressor
over an embedding column, trained from numpy_input_fn (no shuffle), evaluated and predicted."""

import hashlib
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.logging.set_verbosity(tf.logging.ERROR)
rs = np.random.RandomState(31)
n = 40
age = rs.uniform(18, 70, n).astype(np.float32)
inc = rs.randn(n).astype(np.float32)
cat = np.array(["a", "b", "c", "d"])[rs.randint(0, 4, n)]
lab = (age / 70 + inc * 0.3 > 0.6).astype(np.int32)
fc = tf.feature_column
agec = fc.numeric_column("age")
ageb = fc.bucketized_column(agec, [25, 35, 45, 55])
catc = fc.categorical_column_with_vocabulary_list("cat", ["a", "b", "c", "d"])
cross = fc.crossed_column([ageb, catc], hash_bucket_size=20)
hashed = fc.categorical_column_with_hash_bucket("cat2", 7)
feats = {"age": age, "inc": inc, "cat": cat, "cat2": np.char.add(cat, "x")}
d1 = tempfile.mkdtemp()
lin = tf.estimator.LinearClassifier(
    [ageb, catc, cross, hashed, fc.numeric_column("inc")],
    model_dir=d1,
    optimizer=tf.train.FtrlOptimizer(0.1),
    config=tf.estimator.RunConfig(tf_random_seed=33),
)
inp = tf.estimator.inputs.numpy_input_fn(feats, lab, batch_size=10, num_epochs=None, shuffle=False)
lin.train(inp, steps=8)
ev_in = tf.estimator.inputs.numpy_input_fn(feats, lab, batch_size=20, num_epochs=1, shuffle=False)
r = lin.evaluate(ev_in)
for k in sorted(r):
    print(k, repr(float(r[k])))
pr = list(
    lin.predict(
        tf.estimator.inputs.numpy_input_fn(feats, batch_size=20, num_epochs=1, shuffle=False)
    )
)
print(repr([float(p["logistic"][0]) for p in pr[:5]]))
d2 = tempfile.mkdtemp()
dnn = tf.estimator.DNNRegressor(
    [6, 4],
    [fc.embedding_column(catc, 3), agec, fc.numeric_column("inc")],
    model_dir=d2,
    optimizer=tf.train.AdagradOptimizer(0.1),
    config=tf.estimator.RunConfig(tf_random_seed=34),
)
tgt = (inc * 2 + age / 50).astype(np.float32)
dnn.train(
    tf.estimator.inputs.numpy_input_fn(feats, tgt, batch_size=10, num_epochs=None, shuffle=False),
    steps=8,
)
r = dnn.evaluate(
    tf.estimator.inputs.numpy_input_fn(feats, tgt, batch_size=20, num_epochs=1, shuffle=False)
)
for k in sorted(r):
    print(k, repr(float(r[k])))
for nme in sorted(dnn.get_variable_names()):
    if "Adagrad" not in nme:
        print(nme, H(dnn.get_variable_value(nme)))
