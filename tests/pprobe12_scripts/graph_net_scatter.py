"""A graph network block in the style of DeepMind's graph_nets / TF1 GNN papers, without the
library: edges updated from gathered sender/receiver node features and the graph's global
(tf.gather by edge graph ids), edges aggregated to receivers with tf.unsorted_segment_sum and
tf.math.unsorted_segment_mean, nodes to graphs with tf.math.unsorted_segment_max, a node
update written back with tf.scatter_nd into a padded dense tensor and read with tf.gather_nd,
tf.tensor_scatter_nd_add and tf.scatter_nd_update on a variable, tf.segment_sum over sorted
graph ids; RMSProp training with gradients through the scatter and segment ops."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1241)
rs = np.random.RandomState(1242)
n_node = np.array([4, 3, 5], np.int32)
N = int(n_node.sum())
G = len(n_node)
node_gid = np.repeat(np.arange(G), n_node).astype(np.int32)
offs = np.concatenate([[0], np.cumsum(n_node)[:-1]])
senders, receivers, edge_gid = [], [], []
for g in range(G):
    for _ in range(2 * n_node[g]):
        senders.append(offs[g] + rs.randint(n_node[g]))
        receivers.append(offs[g] + rs.randint(n_node[g]))
        edge_gid.append(g)
E = len(senders)
nodes = tf.constant(rs.randn(N, 3).astype(np.float32))
edges = tf.constant(rs.randn(E, 2).astype(np.float32))
glob = tf.constant(rs.randn(G, 2).astype(np.float32))
snd = tf.constant(np.array(senders, np.int32))
rcv = tf.constant(np.array(receivers, np.int32))
egid = tf.constant(np.array(edge_gid, np.int32))
ngid = tf.constant(node_gid)
target = tf.constant(rs.randn(G, 1).astype(np.float32))
init = tf.glorot_uniform_initializer(seed=41)


def mlp(x, units, name):
    with tf.variable_scope(name, reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(x, units, tf.nn.relu, kernel_initializer=init, name="l0")
        return tf.layers.dense(h, units, kernel_initializer=init, name="l1")


def gn_block(nodes, edges, glob, k):
    n0 = len(tf.get_default_graph().get_operations())
    e_in = tf.concat([edges, tf.gather(nodes, snd), tf.gather(nodes, rcv),
                      tf.gather(glob, egid)], -1)
    edges = mlp(e_in, 4, "edge%d" % k)
    agg = tf.unsorted_segment_sum(edges, rcv, N)
    agg_mean = tf.math.unsorted_segment_mean(edges, rcv, N)
    nodes = mlp(tf.concat([nodes, agg, agg_mean, tf.gather(glob, ngid)], -1), 3, "node%d" % k)
    n_agg = tf.math.unsorted_segment_max(nodes, ngid, G)
    e_agg = tf.segment_sum(edges, egid)
    glob = mlp(tf.concat([glob, n_agg, e_agg], -1), 2, "global%d" % k)
    print("ops block", len(tf.get_default_graph().get_operations()) - n0)
    return nodes, edges, glob


h = (nodes, edges, glob)
for step in range(2):
    h = gn_block(*(h + (step,)))
nodes_out, edges_out, glob_out = h
pos = np.concatenate([np.arange(k) for k in n_node]).astype(np.int32)
idx = tf.constant(np.stack([node_gid, pos], 1))
padded = tf.scatter_nd(idx, nodes_out, [G, int(n_node.max()), 3])
print("padded", padded.shape, padded.op.type)
first = tf.gather_nd(padded, [[0, 0], [1, 0], [2, 0]])
bumped = tf.tensor_scatter_nd_add(padded, [[0, 3], [2, 4]], tf.ones([2, 3]))
pred = tf.layers.dense(tf.concat([glob_out, tf.reduce_sum(padded, 1), first], -1), 1,
                       kernel_initializer=init, name="readout")
loss = tf.losses.mean_squared_error(target, pred)
tv = tf.trainable_variables()
print("vars", len(tv), [v.op.name for v in tv][:6])
g_pad = tf.gradients(loss, padded)[0]
g_nodes = tf.gradients(loss, nodes_out)[0]
train = tf.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss)
table = tf.Variable(tf.zeros([G, 2]), name="table")
upd = tf.scatter_nd_update(table, [[1], [0]], [[1.5, -2.0], [0.25, 3.0]])
upd2 = tf.scatter_nd_add(table, [[1, 1]], [10.0])
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("padded0", H(sess.run(padded)))
    print("bumped", sess.run(bumped)[0].tolist())
    print("g_pad", H(sess.run(g_pad)), "g_nodes", H(sess.run(g_nodes)))
    for i in range(6):
        lv, _ = sess.run([loss, train])
        print(i, repr(float(lv)))
    print("glob", sess.run(glob_out).tolist())
    print("upd", sess.run(upd).tolist())
    print("upd2", sess.run(upd2).tolist())
    print("w", [H(v) for v in sess.run(tv)])
