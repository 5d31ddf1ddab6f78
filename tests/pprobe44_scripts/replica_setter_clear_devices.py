"""Between-graph replication's device functions built in one process: replica_device_setter
with round-robin ps tasks, a GreedyLoadBalancingStrategy(byte_size_load_fn) from
tf.contrib.training, a worker_device and a cluster dict, nested tf.device / colocate_with
under the setter; the graph exported with export_meta_graph and re-imported with
clear_devices=True into a fresh graph, then trained on CPU with Adam (values at full
precision)."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(444)


def build():
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 12, tf.nn.relu, name="h1",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        h = tf.layers.dense(h, 3, tf.nn.tanh, name="h2",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        out = tf.layers.dense(h, 1, name="out",
                              kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    loss = tf.reduce_mean(tf.square(out - y), name="loss")
    gs = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs, name="train")
    return x, y, loss, train


# round robin over two ps tasks
with tf.Graph().as_default() as g1:
    tf.set_random_seed(445)
    with tf.device(tf.train.replica_device_setter(ps_tasks=2, worker_device="/job:worker/task:1")):
        x, y, loss, train = build()
        with tf.device("/cpu:0"):
            c = tf.constant(1.0, name="pinned")
        with tf.colocate_with(loss):
            d = tf.identity(loss, name="colo")
    for v in tf.global_variables():
        print(v.op.name, v.device)
    for n in ["net/h1/MatMul", "loss", "pinned", "colo", "train/update_net/h1/kernel/ApplyAdam"]:
        op = g1.get_operation_by_name(n)
        print(n, repr(op.device), op.colocation_groups())
    print(len(g1.get_operations()))

# greedy load balancing by variable byte size
cluster = {"ps": ["ps0:2222", "ps1:2222", "ps2:2222"], "worker": ["w0:2222"]}
with tf.Graph().as_default() as g2:
    tf.set_random_seed(445)
    greedy = tf.contrib.training.GreedyLoadBalancingStrategy(
        3, tf.contrib.training.byte_size_load_fn)
    setter = tf.train.replica_device_setter(cluster=cluster, ps_strategy=greedy,
                                            worker_device="/job:worker/task:0/cpu:0")
    with tf.device(setter):
        x, y, loss, train = build()
    for v in tf.global_variables():
        print(v.op.name, v.device)
    print(repr(g2.get_operation_by_name("net/h2/MatMul").device))
    print(repr(g2.get_operation_by_name("train/update_net/h2/kernel/ApplyAdam").device))
    meta = tf.train.export_meta_graph(clear_devices=False)
    print(sorted({n.device for n in meta.graph_def.node}))

with tf.Graph().as_default() as g3:
    saver = tf.train.import_meta_graph(meta, clear_devices=True)
    print(sorted({o.device for o in g3.get_operations()}), len(g3.get_operations()))
    x = g3.get_tensor_by_name("x:0")
    y = g3.get_tensor_by_name("y:0")
    loss = g3.get_tensor_by_name("loss:0")
    train = g3.get_operation_by_name("train")
    print(len(tf.global_variables()), len(tf.trainable_variables()),
          [c for c in g3.get_all_collection_keys()])
    X = rs.randn(16, 5).astype(np.float32)
    Y = (X[:, :1] * 0.5 - X[:, 1:2]).astype(np.float32)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(5):
            lv, _ = s.run([loss, train], {x: X, y: Y})
            print(i, repr(float(lv)))
        for v in tf.global_variables():
            print(v.op.name, H(s.run(v)))
