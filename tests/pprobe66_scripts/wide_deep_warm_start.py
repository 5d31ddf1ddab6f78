"""DNNLinearCombinedClassifier (wide & deep) as the TF1 census tutorial writes it, then
warm-started: warm_start_from a model_dir string and tf.estimator.WarmStartSettings with
vars_to_warm_start regexes and a VocabInfo remap, the variables' values after warm start
compared with the source (a constant_initializer backup fails in TF 1.14),
and export_saved_model's signatures read back."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
np.random.seed(11)
tf.set_random_seed(11)
rs = np.random.RandomState(4)
N = 40
edu = np.array(["hs", "ba", "ms", "phd"])[rs.randint(0, 4, N)]
occ = np.array(["a", "b", "c", "d", "e"])[rs.randint(0, 5, N)]
age = rs.uniform(20, 65, N).astype(np.float32)
y = ((age > 40) ^ (edu == "phd")).astype(np.int64)

age_c = tf.feature_column.numeric_column("age")
edu_c = tf.feature_column.categorical_column_with_vocabulary_list("edu", ["hs", "ba", "ms", "phd"])
occ_c = tf.feature_column.categorical_column_with_hash_bucket("occ", 10)
age_b = tf.feature_column.bucketized_column(age_c, [30.0, 40.0, 50.0])
wide = [edu_c, occ_c, age_b, tf.feature_column.crossed_column([edu_c, age_b], 12)]
deep = [age_c, tf.feature_column.indicator_column(edu_c),
        tf.feature_column.embedding_column(occ_c, 3, initializer=tf.truncated_normal_initializer(
            stddev=0.3, seed=6))]


def input_fn(epochs, shuffle):
    def fn():
        ds = tf.data.Dataset.from_tensor_slices(({"edu": edu, "occ": occ, "age": age}, y))
        if shuffle:
            ds = ds.shuffle(N, seed=5)
        return ds.repeat(epochs).batch(10)
    return fn


cfg = tf.estimator.RunConfig(tf_random_seed=8, save_checkpoints_steps=50, keep_checkpoint_max=1)
src = tempfile.mkdtemp()
m = tf.estimator.DNNLinearCombinedClassifier(
    model_dir=src, linear_feature_columns=wide, dnn_feature_columns=deep,
    dnn_hidden_units=[6, 3], linear_optimizer="Ftrl", dnn_optimizer=tf.train.AdamOptimizer(0.01),
    config=cfg)
m.train(input_fn(None, True), steps=12)
names = sorted(m.get_variable_names())
print(len(names), [n for n in names if "Adam" not in n and "Ftrl" not in n])
r = m.evaluate(input_fn(1, False))
print({k: repr(float(v)) for k, v in sorted(r.items())})
print(sorted(f for f in os.listdir(src) if f.endswith(".index")))

dst = tempfile.mkdtemp()
m2 = tf.estimator.DNNLinearCombinedClassifier(
    model_dir=dst, linear_feature_columns=wide, dnn_feature_columns=deep,
    dnn_hidden_units=[6, 3], config=cfg, warm_start_from=src)
m2.train(input_fn(1, False), steps=1)
print(m2.get_variable_value("global_step"))
for n in ["dnn/hiddenlayer_0/kernel", "linear/linear_model/edu/weights"]:
    print(n, bool(np.allclose(m2.get_variable_value(n), m.get_variable_value(n), atol=0.05)),
          m2.get_variable_value(n).shape)

vocab = os.path.join(tempfile.mkdtemp(), "edu.txt")
with open(vocab, "w") as f:
    f.write("phd\nms\nba\nhs\nnone\n")
old_vocab = os.path.join(os.path.dirname(vocab), "edu_old.txt")
with open(old_vocab, "w") as f:
    f.write("hs\nba\nms\nphd\n")
edu_new = tf.feature_column.categorical_column_with_vocabulary_file("edu", vocab, 5)


def warm_settings(backup):
    return tf.estimator.WarmStartSettings(
        ckpt_to_initialize_from=src,
        vars_to_warm_start=["linear/.*edu/weights", ".*hiddenlayer_0.*"],
        var_name_to_vocab_info={"linear/linear_model/edu/weights": tf.estimator.VocabInfo(
            new_vocab=vocab, new_vocab_size=5, num_oov_buckets=0, old_vocab=old_vocab,
            backup_initializer=backup)})


def warm_model(ws):
    return tf.estimator.DNNLinearCombinedClassifier(
        model_dir=tempfile.mkdtemp(), linear_feature_columns=[edu_new, age_b],
        dnn_feature_columns=deep,
        dnn_hidden_units=[6, 3], config=cfg, warm_start_from=ws,
        linear_optimizer=tf.train.GradientDescentOptimizer(0.0),
        dnn_optimizer=tf.train.GradientDescentOptimizer(0.0))


ws = warm_settings(tf.constant_initializer(-7.0))
print(ws.vars_to_warm_start, sorted(ws.var_name_to_vocab_info))
m3 = warm_model(ws)
try:   # the remap asks its backup initializer for a shape holding a Tensor
    m3.train(input_fn(1, False), steps=1)
except Exception as ex:
    print(type(ex).__name__, ex)
shutil.rmtree(m3.model_dir)
m3 = warm_model(warm_settings(tf.initializers.random_uniform(-7.0, -6.0, seed=3)))
m3.train(input_fn(1, False), steps=1)
old_w = m.get_variable_value("linear/linear_model/edu/weights").ravel()
new_w = m3.get_variable_value("linear/linear_model/edu/weights").ravel()
print(new_w.shape, bool(np.allclose(new_w[:4], old_w[::-1])), bool(-7.0 <= new_w[4] < -6.0))
print(bool(np.allclose(m3.get_variable_value("dnn/hiddenlayer_0/kernel"),
                       m.get_variable_value("dnn/hiddenlayer_0/kernel"))))
print(bool(np.allclose(m3.get_variable_value("linear/linear_model/bias_weights"),
                       m.get_variable_value("linear/linear_model/bias_weights"))))

spec = tf.feature_column.make_parse_example_spec(wide + deep)
print(sorted(spec), [type(v).__name__ for _, v in sorted(spec.items())])
serving = tf.estimator.export.build_parsing_serving_input_receiver_fn(spec)
exp_base = tempfile.mkdtemp()
path = m.export_saved_model(exp_base, serving)
print(len(os.listdir(exp_base)), sorted(os.listdir(path)))
with tf.Graph().as_default(), tf.Session() as sess:
    meta = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], path)
    print(sorted(meta.signature_def))
    sig = meta.signature_def["predict"]
    print(sorted(sig.inputs), sorted(sig.outputs), sig.method_name)
    print(meta.signature_def["serving_default"].method_name)
for d in [src, dst, m3.model_dir, exp_base, os.path.dirname(vocab)]:
    shutil.rmtree(d)
