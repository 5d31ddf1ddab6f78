"""Device strings of a TF1 graph as multi-GPU code builds it, run on CPU with
allow_soft_placement: tf.DeviceSpec parsing / merging / to_string, nested tf.device strings
and functions, tf.device(None), colocate_with (ignore_existing, a Variable, gradients with
colocate_gradients_with_ops), '_class' attrs in the GraphDef; values at full precision.
(log_device_placement is left out: TF 1.14 prints its placement log to stdout from C++,
with its XLA_CPU devices.)"""
import numpy as np
import tensorflow as tf

tf.set_random_seed(446)
rs = np.random.RandomState(447)

for s in ["/job:ps/replica:0/task:1/device:GPU:2", "/gpu:1", "/job:worker/cpu:0",
          "/device:CPU:*", "/task:3"]:
    d = tf.DeviceSpec.from_string(s)
    print(repr(s), repr(d.to_string()), d.job, d.replica, d.task, d.device_type, d.device_index)
a = tf.DeviceSpec(job="worker", task=2)
a.merge_from(tf.DeviceSpec.from_string("/device:GPU:1"))
print(a.to_string())

g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    with tf.device("/job:localhost/task:0"):
        with tf.device("/gpu:0"):
            w = tf.get_variable("w", [3, 2], initializer=tf.random_normal_initializer(seed=1))
            h = tf.matmul(x, w, name="h")
            with tf.device("/cpu:0"):
                hc = tf.nn.relu(h, name="hc")
            with tf.device(None):
                free = tf.identity(hc, name="free")
        with tf.device(lambda op: "/cpu:0" if op.type == "Sum" else "/gpu:1"):
            s = tf.reduce_sum(hc, name="s")
            m = tf.reduce_mean(hc, name="m")
    with tf.device("/gpu:3"):
        with tf.colocate_with(w):
            wc = tf.multiply(w, 2.0, name="wc")
        with tf.colocate_with(h, ignore_existing=True):
            hi = tf.square(h, name="hi")
        acc = tf.add(m * 0.5, 1.0, name="acc")
        c = tf.maximum(s * 2.0, -s, name="mx")
    loss = tf.reduce_sum(tf.square(hi)) + acc + c
    grads = tf.gradients(loss, [w], colocate_gradients_with_ops=True, name="cg")
    for op in g.get_operations():
        if op.type in ("Placeholder", "Const", "VariableV2", "Identity", "Relu", "MatMul",
                       "Sum", "Mean", "Mul", "Square", "Maximum", "Neg", "Add",
                       "GreaterEqual", "Select", "ZerosLike"):
            print(op.name, op.type, repr(op.device), op.colocation_groups())
    gd = g.as_graph_def()
    print(sorted({n.device for n in gd.node}))
    print(sorted(n.name for n in gd.node if "_class" in n.attr)[:12])
    print(sorted({n.device for n in gd.node if n.name.startswith("cg/")}))
    cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
    X = rs.randn(4, 3).astype(np.float32)
    with tf.Session(graph=g, config=cfg) as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run([loss, grads[0], free, wc, acc, c], {x: X})
        for o in out:
            print(repr(np.asarray(o).tolist()))
