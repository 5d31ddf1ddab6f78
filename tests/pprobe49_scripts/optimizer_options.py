"""GraphOptions(optimizer_options=OptimizerOptions(opt_level=L0 / L1, do_constant_folding,
global_jit_level=OFF)) and rewrite_options set on config.graph_options after construction
(arithmetic_optimization OFF, constant_folding OFF, disable_meta_optimizer): a graph whose
constant subexpressions (Exp, Tanh, Rsqrt, Sum of constants) and arithmetic (x*2+x*3,
AddN, Neg of Neg) TF's optimizers may rewrite; the values at full precision per config."""
import numpy as np
import tensorflow as tf
from tensorflow.core.protobuf import rewriter_config_pb2

np.random.seed(2)
XV = (np.random.randn(3, 37) * 2).astype(np.float32)

tf.set_random_seed(4)
x = tf.placeholder(tf.float32, [None, 37], name="x")
c = tf.constant(np.linspace(-3, 3, 37).astype(np.float32), name="c")
k = tf.exp(c) * tf.tanh(c * 0.7) + tf.rsqrt(tf.abs(c) + 0.5)
s = tf.reduce_sum(tf.square(c)) / 37.0
w = tf.Variable(tf.random_normal([37, 4], seed=3), name="w")
a = x * 2.0 + x * 3.0
b = tf.add_n([x, x, x * k])
n = -(-x)
z = tf.matmul(tf.nn.softmax(a * k + b / s + n), w)
fetches = {"k": k, "s": s, "a": a, "b": b, "z": z, "l": tf.reduce_mean(tf.square(z))}
print(len(tf.get_default_graph().get_operations()))


def configs():
    yield "none", None
    yield "L0", tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(opt_level=tf.OptimizerOptions.L0)))
    yield "L1nofold", tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(opt_level=tf.OptimizerOptions.L1,
                                              do_constant_folding=False,
                                              global_jit_level=tf.OptimizerOptions.OFF)))
    cfg = tf.ConfigProto()
    off = rewriter_config_pb2.RewriterConfig.OFF
    cfg.graph_options.rewrite_options.arithmetic_optimization = off
    cfg.graph_options.rewrite_options.constant_folding = off
    yield "rw_off", cfg
    cfg = tf.ConfigProto(allow_soft_placement=True)
    cfg.graph_options.rewrite_options.disable_meta_optimizer = True
    cfg.graph_options.optimizer_options.opt_level = tf.OptimizerOptions.L0
    yield "meta_off_L0", cfg


base = None
for name, cfg in configs():
    with tf.Session(config=cfg) as sess:
        sess.run(w.initializer)
        out = sess.run(fetches, {x: XV})
    print(name)
    for key in sorted(out):
        v = np.asarray(out[key])
        print(" ", key, repr(v.reshape(-1)[:4].tolist()), repr(float(v.sum(dtype=np.float64))))
    if base is None:
        base = out
    print("  same as none", sorted(key for key in out if np.array_equal(out[key], base[key])))
