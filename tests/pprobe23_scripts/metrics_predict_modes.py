"""A binary classifier model_fn whose eval_metric_ops use tf.metrics.auc, precision, recall,
accuracy, mean_per_class_accuracy and false_negatives; evaluate with a name and with
checkpoint_path of an earlier checkpoint; predict with predict_keys and
yield_single_examples=False; a per-example loss reduction through tf.losses."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(31)
X = rng.randn(60, 4).astype(np.float32)
L = (X[:, 0] - 0.5 * X[:, 2] + 0.3 * rng.randn(60) > 0).astype(np.int32)


def input_fn(train):
    ds = tf.data.Dataset.from_tensor_slices(({"f": X}, L))
    if train:
        ds = ds.shuffle(60, seed=3).repeat()
    return ds.batch(10)


def model_fn(features, labels, mode, params):
    logits = tf.squeeze(tf.layers.dense(
        features["f"], 1, kernel_initializer=tf.glorot_uniform_initializer(seed=6),
        name="logit"), 1)
    prob = tf.sigmoid(logits)
    cls = tf.cast(prob > 0.5, tf.int32)
    preds = {"prob": prob, "cls": cls, "logits": logits}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=preds)
    loss = tf.losses.sigmoid_cross_entropy(labels, logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        m = {"auc": tf.metrics.auc(labels, prob, num_thresholds=50),
             "prec": tf.metrics.precision(labels, cls),
             "rec": tf.metrics.recall(labels, cls),
             "acc": tf.metrics.accuracy(labels, cls),
             "mpca": tf.metrics.mean_per_class_accuracy(labels, cls, 2),
             "fn": tf.metrics.false_negatives(labels, cls)}
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=m)
    opt = tf.train.RMSPropOptimizer(params["lr"])
    return tf.estimator.EstimatorSpec(
        mode, loss=loss, train_op=opt.minimize(loss, tf.train.get_global_step()))


workdir = tempfile.mkdtemp()
est = tf.estimator.Estimator(model_fn, os.path.join(workdir, "m"), params={"lr": 0.02},
                             config=tf.estimator.RunConfig(tf_random_seed=17,
                                                           save_checkpoints_steps=15))
est.train(lambda: input_fn(True), steps=30)
for name, ck in (("last", None), ("early", os.path.join(est.model_dir, "model.ckpt-15"))):
    res = est.evaluate(lambda: input_fn(False), name=name, checkpoint_path=ck)
    print(name, [(k, repr(float(res[k]))) for k in sorted(res)])
print(sorted(os.listdir(os.path.join(est.model_dir)))[:3])
batches = list(est.predict(lambda: input_fn(False), predict_keys=["prob", "cls"],
                           yield_single_examples=False))
print(len(batches), sorted(batches[0]), batches[0]["prob"].shape)
prob = np.concatenate([b["prob"] for b in batches])
print(repr(prob[:4].tolist()), hashlib.md5(prob.tobytes()).hexdigest())
print(np.concatenate([b["cls"] for b in batches]).tolist())
shutil.rmtree(workdir)
