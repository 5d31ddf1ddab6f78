"""A custom model_fn with tf.layers as TF1 repositories write it: EstimatorSpec for TRAIN /
EVAL / PREDICT with eval_metric_ops from tf.metrics and export_outputs, numpy_input_fn (in
order: its shuffle has no seed in TF 1.14), RunConfig(tf_random_seed,
save_checkpoints_steps, keep_checkpoint_max), the checkpoint files kept,
evaluate's dict and predict's output dicts."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
np.random.seed(5)
tf.set_random_seed(5)
X = np.random.RandomState(1).randn(64, 4).astype(np.float32)
Y = (X[:, 0] + 0.5 * X[:, 1] - X[:, 3] > 0).astype(np.int32)


def model_fn(features, labels, mode, params):
    x = features["x"]
    h = tf.layers.dense(x, params["hidden"], activation=tf.nn.relu, name="hidden",
                        kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    logits = tf.layers.dense(h, 2, name="logits",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    classes = tf.argmax(logits, axis=1)
    probs = tf.nn.softmax(logits, name="probs")
    if mode == tf.estimator.ModeKeys.PREDICT:
        preds = {"class": classes, "prob": probs, "logits": logits}
        return tf.estimator.EstimatorSpec(
            mode, predictions=preds,
            export_outputs={"serving_default": tf.estimator.export.PredictOutput(preds),
                            "cls": tf.estimator.export.ClassificationOutput(scores=probs)})
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    acc = tf.metrics.accuracy(labels=labels, predictions=classes, name="acc_op")
    auc = tf.metrics.auc(labels=labels, predictions=probs[:, 1], name="auc_op")
    mean_loss = tf.metrics.mean(loss)
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(
            mode, loss=loss,
            eval_metric_ops={"accuracy": acc, "auc": auc, "mean_loss": mean_loss})
    opt = tf.train.AdamOptimizer(params["lr"])
    train_op = opt.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


d = tempfile.mkdtemp()
cfg = tf.estimator.RunConfig(model_dir=d, tf_random_seed=42, save_checkpoints_steps=5,
                             keep_checkpoint_max=2, log_step_count_steps=1000)
print(cfg.tf_random_seed, cfg.save_checkpoints_steps, cfg.save_checkpoints_secs,
      cfg.keep_checkpoint_max, cfg.save_summary_steps, cfg.is_chief, cfg.num_worker_replicas)
est = tf.estimator.Estimator(model_fn, config=cfg, params={"hidden": 8, "lr": 0.05})
print(est.params, est.config.tf_random_seed, est.model_dir == d)
train_in = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=16, num_epochs=None,
                                              shuffle=False)
est.train(train_in, steps=12)
print(est.latest_checkpoint() is not None, os.path.basename(est.latest_checkpoint()))
print(sorted(f for f in os.listdir(d) if f.startswith("model.ckpt")))
with open(os.path.join(d, "checkpoint")) as f:
    print([os.path.basename(line.split('"')[1]) for line in f.read().splitlines()])
print(sorted(n for n in est.get_variable_names()))
print(est.get_variable_value("global_step"), est.get_variable_value("logits/bias").tolist())
eval_in = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=32, num_epochs=1,
                                             shuffle=False)
res = est.evaluate(eval_in, name="holdout")
print(sorted(res))
print({k: repr(float(v)) for k, v in sorted(res.items())})
print(sorted(os.listdir(d)).count("eval_holdout"))
pred_in = tf.estimator.inputs.numpy_input_fn({"x": X[:5]}, batch_size=2, shuffle=False)
out = list(est.predict(pred_in))
print(len(out), sorted(out[0]), [(k, v.dtype.name, v.shape) for k, v in sorted(out[0].items())])
print([int(p["class"]) for p in out], [p["prob"].round(4).tolist() for p in out[:2]])
print([sorted(p.items()) for p in est.predict(pred_in, predict_keys="class")][:3])
batches = est.predict(pred_in, predict_keys=["prob"], yield_single_examples=False)
print(list(batches)[0]["prob"].shape)
est.train(train_in, steps=3)
print(est.get_variable_value("global_step"),
      sorted(f for f in os.listdir(d) if f.endswith(".index")))
shutil.rmtree(d)
