"""A DNNClassifier, a DNNLinearCombinedClassifier and a LinearRegressor on numpy arrays
(numpy_input_fn, unicode string features) with feature columns (normalized numeric,
indicator, hash-bucket and crossed embeddings, weighted identity) and tf_random_seed:
train (steps, max_steps), evaluate (name), predict (predict_keys, checkpoint_path),
warm start and export_savedmodel with two serving_input_receiver_fns (a flowgrad run
tutorial)."""
import os
import shutil
import tempfile

import numpy as np

import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
rng = np.random.RandomState(1)
N = 40
age = rng.uniform(18, 70, N).astype(np.float32)
hours = rng.uniform(10, 60, N).astype(np.float32)
edu = np.array([["hs", "bs", "ms", "phd"][i] for i in rng.randint(0, 4, N)])
occ = np.array(["o%d" % i for i in rng.randint(0, 9, N)])
y = ((age > 40) ^ (edu == "ms")).astype(np.int32)
feats = {"age": age, "hours": hours, "edu": edu, "occ": occ}
fc = tf.feature_column
e = fc.categorical_column_with_vocabulary_list("edu", ["hs", "bs", "ms", "phd"])
o = fc.categorical_column_with_hash_bucket("occ", 5)
ab = fc.bucketized_column(fc.numeric_column("age"), [30, 40, 50])
deep = [fc.numeric_column("age", normalizer_fn=lambda x: (x - 40.0) / 15.0),
        fc.numeric_column("hours"), fc.indicator_column(e), fc.embedding_column(o, 2),
        fc.embedding_column(fc.crossed_column([ab, e], 11), 3)]
wide = [e, o, ab, fc.crossed_column(["edu", "occ"], 13), fc.weighted_categorical_column(
    fc.categorical_column_with_identity("bucket", 4), "wt")]
d = tempfile.mkdtemp()
dirs = [d]
cfg = tf.estimator.RunConfig(tf_random_seed=42, save_checkpoints_steps=10, keep_checkpoint_max=2,
                             log_step_count_steps=5, save_summary_steps=5)
np_in = tf.estimator.inputs.numpy_input_fn


def train_in(f=feats):
    return np_in(f, y, batch_size=8, shuffle=False, num_epochs=None)


def eval_in(f=feats):
    return np_in(f, y, batch_size=8, shuffle=False, num_epochs=1)



est = tf.estimator.DNNClassifier([6, 4], deep, model_dir=d, config=cfg, n_classes=2,
                                 optimizer=tf.train.AdamOptimizer(0.01))
est.train(train_in(), steps=25)
est.train(train_in(), max_steps=30)
r = est.evaluate(eval_in(), name="test")
print({k: round(float(v), 4) for k, v in sorted(r.items())})
print(sorted(f for f in os.listdir(d) if f.endswith((".index", ".meta")) or f == "eval_test"))
preds = list(est.predict(eval_in(), predict_keys=["class_ids", "probabilities"]))
print([int(p["class_ids"][0]) for p in preds])
print(np.round(np.stack([p["probabilities"] for p in preds[:5]]), 4))
p2 = list(est.predict(eval_in(), checkpoint_path=os.path.join(d, "model.ckpt-25")))
print(np.round(p2[0]["logits"], 4), sorted(p2[0]))
# the combined model
feats2 = dict(feats, bucket=rng.randint(0, 4, N).astype(np.int64),
              wt=rng.uniform(0.5, 2, N).astype(np.float32))
d2 = tempfile.mkdtemp()
dirs.append(d2)
est2 = tf.estimator.DNNLinearCombinedClassifier(model_dir=d2, linear_feature_columns=wide,
    dnn_feature_columns=deep, dnn_hidden_units=[5], config=cfg)
est2.train(train_in(feats2), steps=20)
print({k: round(float(v), 4) for k, v in sorted(est2.evaluate(eval_in(feats2)).items())})
# LinearRegressor
yr = (0.03 * age - 0.02 * hours + (edu == "bs")).astype(np.float32)
d3 = tempfile.mkdtemp()
dirs.append(d3)
lr = tf.estimator.LinearRegressor(wide[:4], model_dir=d3, config=cfg, optimizer="Ftrl")
lr.train(np_in(feats, yr, batch_size=10, shuffle=False, num_epochs=3))
r = lr.evaluate(np_in(feats, yr, batch_size=10, shuffle=False))
print({k: round(float(v), 4) for k, v in sorted(r.items())})
print(np.round([p["predictions"][0] for p in lr.predict(np_in(feats, shuffle=False))][:6], 4))
# warm start
d4 = tempfile.mkdtemp()
dirs.append(d4)
ws = tf.estimator.WarmStartSettings(d, vars_to_warm_start=".*hiddenlayer.*")
est4 = tf.estimator.DNNClassifier([6, 4], deep, model_dir=d4, config=cfg, warm_start_from=ws)
est4.train(train_in(), steps=1)
print(np.round(est4.get_variable_value("dnn/hiddenlayer_0/kernel")[:2], 4))
# export
def serving():
    ph = {"age": tf.placeholder(tf.float32, [None]), "hours": tf.placeholder(tf.float32, [None]),
          "edu": tf.placeholder(tf.string, [None]), "occ": tf.placeholder(tf.string, [None])}
    return tf.estimator.export.ServingInputReceiver(ph, ph)
dirs.append(tempfile.mkdtemp())
exp = est.export_savedmodel(dirs[-1], serving)
with tf.Session(graph=tf.Graph()) as s:
    mg = tf.saved_model.loader.load(s, ["serve"], exp)
    print(sorted(mg.signature_def))
    sig = mg.signature_def["predict"]
    out = s.run({k: v.name for k, v in sig.outputs.items()},
                {sig.inputs[k].name: feats[k][:3] for k in sig.inputs})
    print(np.round(out["probabilities"], 4))
spec = fc.make_parse_example_spec(deep + wide)
print(sorted((k, type(v).__name__) for k, v in spec.items()))
dirs.append(tempfile.mkdtemp())
parsing = tf.estimator.export.build_parsing_serving_input_receiver_fn(
    fc.make_parse_example_spec(deep))
exp2 = est.export_savedmodel(dirs[-1], parsing)
with tf.Session(graph=tf.Graph()) as s:
    mg = tf.saved_model.loader.load(s, ["serve"], exp2)
    print(sorted(mg.signature_def), sorted(mg.signature_def["serving_default"].inputs))
for x in dirs:
    shutil.rmtree(x, ignore_errors=True)
