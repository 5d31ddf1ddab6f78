"""A LinearClassifier with string labels (label_vocabulary, 3 classes) over a numeric
column and a categorical column with a vocabulary list and num_oov_buckets;
tf.estimator.add_metrics with a metric_fn on the probabilities; a BaselineRegressor;
RunConfig keep_checkpoint_max; predictions at full precision or as hashes."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(5)
n = 45
v = rng.randn(n).astype(np.float32)
tag = np.array(["a", "b", "c", "zz"])[rng.randint(0, 4, n)]
lab = np.array(["lo", "mid", "hi"])[np.where(v < -0.4, 0, np.where(v < 0.4, 1, 2))]
feats = {"v": v, "tag": tag}
cols = [tf.feature_column.numeric_column("v"),
        tf.feature_column.categorical_column_with_vocabulary_list(
            "tag", ["a", "b", "c"], num_oov_buckets=2)]


def input_fn(epochs, labels=True):
    return tf.estimator.inputs.numpy_input_fn(feats, lab if labels else None, batch_size=9,
                                              num_epochs=epochs, shuffle=False)


def metric_fn(labels, predictions):
    return {"mean_max_prob": tf.metrics.mean(
        tf.reduce_max(predictions["probabilities"], axis=1))}


workdir = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(tf_random_seed=23, save_checkpoints_steps=10,
                             keep_checkpoint_max=2)
clf = tf.estimator.LinearClassifier(cols, n_classes=3, label_vocabulary=["lo", "mid", "hi"],
                                    model_dir=os.path.join(workdir, "c"), config=cfg,
                                    optimizer=tf.train.AdamOptimizer(0.1))
clf = tf.estimator.add_metrics(clf, metric_fn)
clf.train(input_fn(None), steps=30)
res = clf.evaluate(input_fn(1))
for k in sorted(res):
    print(k, repr(float(res[k])))
preds = list(clf.predict(input_fn(1, False)))
print(len(preds), sorted(preds[0]))
print([p["classes"][0].decode() for p in preds[:12]])
probs = np.stack([p["probabilities"] for p in preds])
print(repr(probs[0].tolist()), hashlib.md5(probs.tobytes()).hexdigest())
ck = tf.train.get_checkpoint_state(clf.model_dir).all_model_checkpoint_paths
print(sorted(os.path.basename(p) for p in ck))
base = tf.estimator.BaselineRegressor(model_dir=os.path.join(workdir, "b"), config=cfg,
                                      optimizer=tf.train.GradientDescentOptimizer(0.01))
base.train(tf.estimator.inputs.numpy_input_fn(feats, v, batch_size=9, num_epochs=None,
                                              shuffle=False), steps=12)
bres = base.evaluate(tf.estimator.inputs.numpy_input_fn(feats, v, batch_size=15,
                                                        num_epochs=1, shuffle=False))
print([(k, repr(float(bres[k]))) for k in sorted(bres)])
print(sorted(base.get_variable_names()))
print(repr(base.get_variable_value("baseline/bias").tolist()))
shutil.rmtree(workdir)
