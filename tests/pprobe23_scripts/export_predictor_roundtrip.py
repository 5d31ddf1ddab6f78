"""A custom model_fn with export_outputs (PredictOutput and RegressionOutput), trained on
a NumPy tf.data input_fn, exported by export_savedmodel with a raw serving input receiver
and a parsing one, loaded back by tf.contrib.predictor.from_saved_model and by
tf.saved_model.loader.load, and run; signatures, op counts and outputs printed."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(8)
X = rng.randn(32, 2).astype(np.float32)
Y = (X[:, :1] * 1.5 - X[:, 1:] + 0.25).astype(np.float32)


def input_fn():
    return tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).repeat().batch(8)


def model_fn(features, labels, mode):
    x = tf.reshape(features["x"], [-1, 2])
    pred = tf.layers.dense(x, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4),
                           name="lin")
    outputs = {"serving_default": tf.estimator.export.PredictOutput({"y": pred,
                                                                      "twice": 2 * pred}),
               "regress": tf.estimator.export.RegressionOutput(pred)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"y": pred},
                                          export_outputs=outputs)
    loss = tf.losses.absolute_difference(labels, pred)
    train_op = tf.train.AdamOptimizer(0.05).minimize(loss, tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


workdir = tempfile.mkdtemp()
est = tf.estimator.Estimator(model_fn, os.path.join(workdir, "m"),
                             config=tf.estimator.RunConfig(tf_random_seed=2))
est.train(input_fn, steps=25)
raw = tf.estimator.export.build_raw_serving_input_receiver_fn(
    {"x": tf.placeholder(tf.float32, [None, 2], name="x_in")})
exp1 = est.export_savedmodel(os.path.join(workdir, "e1"), raw)
exp1 = exp1.decode() if isinstance(exp1, bytes) else exp1
print(sorted(os.listdir(exp1)))
q = rng.randn(5, 2).astype(np.float32)
pr = tf.contrib.predictor.from_saved_model(exp1)
print(sorted(pr.feed_tensors), sorted(pr.fetch_tensors))
out = pr({"x": q})
for k in sorted(out):
    print(k, out[k].shape, repr(out[k].ravel().tolist()))
ops = pr.graph.get_operations()
print(len(ops), sorted(set(o.type for o in ops)))
pr2 = tf.contrib.predictor.from_saved_model(exp1, signature_def_key="regress")
print(sorted(pr2.feed_tensors), sorted(pr2.fetch_tensors))
spec = {"x": tf.FixedLenFeature([2], tf.float32)}
exp2 = est.export_savedmodel(os.path.join(workdir, "e2"),
                             tf.estimator.export.build_parsing_serving_input_receiver_fn(spec))
exp2 = exp2.decode() if isinstance(exp2, bytes) else exp2
with tf.Graph().as_default() as g, tf.Session() as sess:
    meta = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], exp2)
    print(sorted(meta.signature_def))
    sig = meta.signature_def["serving_default"]
    print(sorted(sig.inputs), sorted(sig.outputs), sig.method_name)
    exs = [tf.train.Example(features=tf.train.Features(feature={"x": tf.train.Feature(
        float_list=tf.train.FloatList(value=row.tolist()))})).SerializeToString() for row in q]
    y = sess.run(sig.outputs["y"].name, {sig.inputs["examples"].name: exs})
    print(repr(y.ravel().tolist()), hashlib.md5(y.tobytes()).hexdigest())
    print(len(g.get_operations()))
shutil.rmtree(workdir)
