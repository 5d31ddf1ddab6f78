"""SavedModelBuilder with two MetaGraphs (add_meta_graph_and_variables under
[serve] with predict / classify / regress signature_defs and an assets collection, then
add_meta_graph under [serve, gpu] with one more signature and clear_devices), a
simple_save alongside; loader.load of each tag set in a fresh graph, running by the
signature tensors' names; wrong tags and signature_def_utils checks."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
rs = np.random.RandomState(310)
X = rs.randn(8, 4).astype(np.float32)
Y = rs.randint(0, 3, 8).astype(np.int64)
base = tempfile.mkdtemp()
asset = os.path.join(base, "vocab.txt")
with open(asset, "w") as f:
    f.write("a\nb\nc\n")

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
serialized = tf.placeholder(tf.string, [None], name="tf_example")
feats = tf.parse_example(serialized, {"f": tf.FixedLenFeature([4], tf.float32)})
with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
    def head(inp):
        h = tf.layers.dense(inp, 6, tf.nn.relu, name="h",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=4))
        return tf.layers.dense(h, 3, name="o",
                               kernel_initializer=tf.glorot_uniform_initializer(seed=5))
    logits = head(x)
    logits_ex = head(feats["f"])
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.AdagradOptimizer(0.3).minimize(loss)
asset_t = tf.constant(asset, name="asset_path")
tf.add_to_collection(tf.GraphKeys.ASSET_FILEPATHS, asset_t)
table = tf.contrib.lookup.index_to_string_table_from_file(asset_t, name="labels")
scores = tf.nn.softmax(logits_ex, name="scores")
top = tf.nn.top_k(scores, 3)
classes = table.lookup(tf.cast(top.indices, tf.int64))
value = tf.reduce_sum(logits_ex, 1, keepdims=True, name="value")
probs = tf.nn.softmax(logits, name="probs")

sigs = tf.saved_model.signature_def_utils
predict = sigs.predict_signature_def({"x": x}, {"probs": probs, "logits": logits})
classify = sigs.classification_signature_def(serialized, classes, top.values)
regress = sigs.regression_signature_def(serialized, value)
for name, sd in [("predict", predict), ("classify", classify), ("regress", regress)]:
    print(name, sd.method_name, sorted(sd.inputs), sorted(sd.outputs),
          [sd.outputs[k].name for k in sorted(sd.outputs)], sigs.is_valid_signature(sd))

ex = [tf.train.Example(features=tf.train.Features(feature={
    "f": tf.train.Feature(float_list=tf.train.FloatList(value=row))})).SerializeToString()
    for row in X[:3]]
d = os.path.join(base, "model")
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(tf.tables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y})
    print("loss", repr(float(lv)))
    refp = s.run(probs, {x: X})
    refc, refs, refv = s.run([classes, top.values, value], {serialized: ex})
    print("ref", H(refp), refc.tolist(), H(refs), H(refv))
    b = tf.saved_model.builder.SavedModelBuilder(d)
    b.add_meta_graph_and_variables(
        s, [tf.saved_model.tag_constants.SERVING],
        signature_def_map={"serving_default": predict, "classify": classify,
                           "regress": regress},
        assets_collection=tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS),
        main_op=tf.tables_initializer(), strip_default_attrs=True)
    b.add_meta_graph([tf.saved_model.tag_constants.SERVING, tf.saved_model.tag_constants.GPU],
                     signature_def_map={"only_predict": predict}, clear_devices=True)
    path = b.save(as_text=True)
    print("saved", os.path.basename(path), sorted(os.listdir(d)),
          sorted(os.listdir(os.path.join(d, "assets"))))

for tags in [["serve"], ["serve", "gpu"], ["gpu", "serve"]]:
    g = tf.Graph()
    with tf.Session(graph=g) as s2:
        mg = tf.saved_model.loader.load(s2, tags, d)
        print("tags", tags, list(mg.meta_info_def.tags), sorted(mg.signature_def))
        print("assets", [os.path.basename(v) for v in
                         s2.run(g.get_collection(tf.GraphKeys.ASSET_FILEPATHS))])
        for key in sorted(mg.signature_def):
            sd = mg.signature_def[key]
            if sd.method_name == tf.saved_model.signature_constants.PREDICT_METHOD_NAME:
                out = s2.run({k: sd.outputs[k].name for k in sd.outputs},
                             {sd.inputs["x"].name: X})
                print(key, [(k, H(v)) for k, v in sorted(out.items())],
                      bool(np.array_equal(out["probs"], refp)))
            else:
                inp = sd.inputs[tf.saved_model.signature_constants.CLASSIFY_INPUTS].name
                out = s2.run({k: sd.outputs[k].name for k in sd.outputs}, {inp: ex})
                print(key, [(k, v.tolist() if v.dtype == object else H(v))
                            for k, v in sorted(out.items())])
try:
    with tf.Session(graph=tf.Graph()) as s3:
        tf.saved_model.loader.load(s3, ["train"], d)
except RuntimeError as e:
    print(type(e).__name__, str(e).splitlines()[0])  # (then a set of tag sets: hash order)
print(tf.saved_model.loader.maybe_saved_model_directory(d),
      tf.saved_model.loader.maybe_saved_model_directory(base))
