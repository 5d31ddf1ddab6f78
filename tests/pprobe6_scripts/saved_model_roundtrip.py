"""Train a small regression, export it with SavedModelBuilder (a predict signature built with
build_tensor_info / predict_signature_def, plus a main_op) and with simple_save, then load both
into fresh graphs with tf.saved_model.loader.load and run the signatures' tensors by name."""

import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(7)
rs = np.random.RandomState(8)
X = rs.randn(16, 3).astype(np.float32)
Y = (X @ np.array([[1.5], [-2.0], [0.5]], np.float32) + 0.3).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
h = tf.layers.dense(x, 5, tf.nn.tanh, name="h")
out = tf.identity(tf.layers.dense(h, 1, name="o"), name="out")
loss = tf.losses.mean_squared_error(y, out)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
base = tempfile.mkdtemp()
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(20):
        lv, _ = s.run([loss, train], {x: X, y: Y})
        if i % 5 == 0:
            print("step", i, repr(float(lv)))
    ref = s.run(out, {x: X[:4]})
    print("ref", H(ref), repr(float(ref[0, 0])))
    d1 = os.path.join(base, "m1")
    b = tf.saved_model.builder.SavedModelBuilder(d1)
    sig = tf.saved_model.signature_def_utils.predict_signature_def(
        inputs={"feat": x}, outputs={"pred": out, "hid": h}
    )
    print("sig", sig.method_name, sorted(sig.inputs), sorted(sig.outputs))
    print("info", sig.inputs["feat"].name, sig.inputs["feat"].dtype, sig.outputs["pred"].name)
    b.add_meta_graph_and_variables(
        s,
        [tf.saved_model.tag_constants.SERVING],
        signature_def_map={"serve": sig},
        main_op=tf.saved_model.main_op.main_op(),
    )
    b.save()
    d2 = os.path.join(base, "m2")
    tf.saved_model.simple_save(s, d2, inputs={"x": x}, outputs={"y": out})
    print("files", sorted(os.listdir(d1)), sorted(os.listdir(os.path.join(d1, "variables"))))

for d, key, ik, ok in [(d1, "serve", "feat", "pred"), (d2, "serving_default", "x", "y")]:
    g = tf.Graph()
    with tf.Session(graph=g) as s2:
        mg = tf.saved_model.loader.load(s2, [tf.saved_model.tag_constants.SERVING], d)
        sd = mg.signature_def[key]
        print("loaded", key, sorted(mg.signature_def), sd.method_name)
        tin = g.get_tensor_by_name(sd.inputs[ik].name)
        tout = g.get_tensor_by_name(sd.outputs[ok].name)
        v = s2.run(tout, {tin: X[:4]})
        print("pred", H(v), bool(np.array_equal(v, ref)))
        print("nvars", len(tf.global_variables()), len(g.get_collection("trainable_variables")))
        print("maybe", tf.saved_model.loader.maybe_saved_model_directory(d))
