"""What OptimizerOptions (opt_level L0 / L1, do_constant_folding) and rewrite_options
(constant_folding OFF, disable_meta_optimizer) change in TF's numbers: a constant Sum of
10^6 values and a constant MatMul (96x384 by 384x700), whose bits depend on the threads
that compute them, beside the same ops on fed values, in sessions after a default one
(the CPU device's pool: the host's cores). Values at full precision, hashes of bytes."""
import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.core.protobuf import rewriter_config_pb2

rng = np.random.RandomState(1)
V = (rng.randn(1000003) * 3).astype(np.float32)
A = rng.randn(96, 384).astype(np.float32)
B = (rng.randn(384, 700) * 0.05).astype(np.float32)

s = tf.reduce_sum(tf.constant(V), name="s")
m = tf.matmul(tf.constant(A), tf.constant(B), name="m")
p = tf.placeholder(tf.float32, [None], name="p")
sp = tf.reduce_sum(p)
pa = tf.placeholder(tf.float32, [None, 384], name="pa")
mp = tf.matmul(pa, tf.constant(B))
print(len(tf.get_default_graph().get_operations()))
OFF = rewriter_config_pb2.RewriterConfig.OFF
L0 = tf.OptimizerOptions.L0


def configs():
    yield "default", None
    cfg = tf.ConfigProto()
    cfg.graph_options.rewrite_options.constant_folding = OFF
    yield "grappler_cf_off", cfg
    yield "L0", tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(opt_level=L0)))
    yield "L1_no_fold", tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(do_constant_folding=False)))
    cfg = tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(opt_level=L0)))
    cfg.graph_options.rewrite_options.constant_folding = OFF
    yield "both_off", cfg
    cfg = tf.ConfigProto()
    cfg.graph_options.rewrite_options.disable_meta_optimizer = True
    yield "meta_off", cfg


for name, cfg in configs():
    with tf.Session(config=cfg) as sess:
        a, b = sess.run([s, m])
        c, d = sess.run([sp, mp], {p: V, pa: A})
    print(name, repr(float(a)), repr(float(c)),
          hashlib.sha256(b.tobytes()).hexdigest()[:16],
          hashlib.sha256(d.tobytes()).hexdigest()[:16])
