"""optimize_for_inference on the older batch norm API: a conv net using
tf.nn.batch_norm_with_global_normalization (with and without scale_after_normalization) on
moving statistics kept in variables, trained a few steps, frozen through the
tf.compat.v1.graph_util path public scripts use, and optimized: TF 1.14's Python builds that
batch norm from Rsqrt/Mul/Add/Sub (no BatchNormWithGlobalNormalization op), so
fold_batch_norms leaves it and only the Identity reads go; the result run after a
serialize / ParseFromString round trip; node lists and values."""
import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.python.tools import optimize_for_inference_lib

np.random.seed(0)
tf.set_random_seed(9)
rng = np.random.RandomState(8)
X = rng.rand(2, 4, 4, 2).astype(np.float32)
Y = rng.rand(2, 1).astype(np.float32)


def H(a):
    return hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest()


g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [None, 4, 4, 2], name="input")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    w1 = tf.get_variable("w1", [3, 3, 2, 3],
                         initializer=tf.random_normal_initializer(0, 0.4, seed=1))
    c1 = tf.nn.conv2d(x, w1, [1, 1, 1, 1], "SAME", name="conv1")
    m = tf.get_variable("m", [3], initializer=tf.constant_initializer([0.1, -0.2, 0.3]),
                        trainable=False)
    v = tf.get_variable("v", [3], initializer=tf.constant_initializer([1.5, 0.5, 2.0]),
                        trainable=False)
    beta = tf.get_variable("beta", [3], initializer=tf.zeros_initializer())
    gamma = tf.get_variable("gamma", [3], initializer=tf.ones_initializer())
    b1 = tf.nn.batch_norm_with_global_normalization(c1, m, v, beta, gamma, 0.001, True, name="bn1")
    r1 = tf.nn.relu(b1)
    w2 = tf.get_variable("w2", [1, 1, 3, 2],
                         initializer=tf.random_normal_initializer(0, 0.4, seed=2))
    c2 = tf.nn.conv2d(r1, w2, [1, 1, 1, 1], "VALID", name="conv2")
    b2 = tf.nn.batch_norm_with_global_normalization(
        c2, tf.constant([0.05, -0.05]), tf.constant([0.8, 1.2]), tf.constant([0.1, 0.2]),
        tf.constant([2.0, 3.0]), 0.01, False, name="bn2")
    out = tf.reduce_mean(b2, axis=[1, 2, 3], keepdims=False)
    out = tf.reshape(out, [-1, 1], name="output")
    loss = tf.reduce_mean(tf.square(out - y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(3):
            print("loss", i, repr(float(s.run([loss, train], {x: X, y: Y})[0])))
        ref = s.run(out, {x: X})
        print("ref", ref.ravel().tolist())
        frozen = tf.compat.v1.graph_util.convert_variables_to_constants(
            s, g.as_graph_def(), ["output"])
print("frozen ops", sorted(n.op for n in frozen.node if n.op != "Const"))
opt = optimize_for_inference_lib.optimize_for_inference(
    frozen, ["input"], ["output"], tf.float32.as_datatype_enum)
for n in sorted(opt.node, key=lambda n: n.name):
    print("  ", n.name, n.op, list(n.input))
data = opt.SerializeToString()
gd = tf.GraphDef()
gd.ParseFromString(data)
print("round trip", len(data) == len(gd.SerializeToString()), len(gd.node))
print("const hashes", [(n.name, H(tf.make_ndarray(n.attr["value"].tensor)))
                       for n in sorted(gd.node, key=lambda n: n.name) if n.name in ("w1", "m")])
with tf.Graph().as_default():
    o, = tf.import_graph_def(gd, return_elements=["output:0"], name="")
    with tf.Session() as s:
        r = s.run(o, {"input:0": X})
        print("optimized", r.ravel().tolist(), bool(np.allclose(r, ref, atol=1e-5)))
