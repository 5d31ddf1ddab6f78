"""GraphSAGE's mean aggregator as the TF1 repository writes it: uniform neighbour sampling
(tf.random_shuffle of the transposed adjacency rows, tf.slice), embedding_lookup of the
samples, reduce_mean over neighbours, concat of self and neighbour vectors, l2_normalize;
an edge-list aggregation by unsorted_segment_sum / unsorted_segment_mean / segment_mean /
segment_sum and their gradients; glorot weights by tf.random_uniform, weight decay on the
first layer, sigmoid cross entropy, Adam; the InvalidArgumentErrors of bad segment ids."""
import numpy as np
import tensorflow as tf

np.random.seed(31)
tf.set_random_seed(37)
rs = np.random.RandomState(41)
N, F, D, C, MAXDEG = 10, 5, 4, 3, 4
feats = rs.randn(N, F).astype(np.float32)
adj_lists = np.array([rs.choice(N, MAXDEG, replace=True) for _ in range(N)], np.int32)
labels = (rs.rand(N, C) < 0.5).astype(np.float32)
print(adj_lists[:3].tolist())


def glorot(shape, name=None):
    init_range = np.sqrt(6.0 / (shape[0] + shape[1]))
    initial = tf.random_uniform(shape, minval=-init_range, maxval=init_range, dtype=tf.float32)
    return tf.Variable(initial, name=name)


class UniformNeighborSampler(object):
    def __init__(self, adj_info):
        self.adj_info = adj_info

    def __call__(self, inputs):
        ids, num_samples = inputs
        adj_lists = tf.nn.embedding_lookup(self.adj_info, ids)
        adj_lists = tf.transpose(tf.random_shuffle(tf.transpose(adj_lists)))
        adj_lists = tf.slice(adj_lists, [0, 0], [-1, num_samples])
        return adj_lists


class MeanAggregator(object):
    def __init__(self, input_dim, output_dim, name, act=tf.nn.relu, concat=True):
        with tf.variable_scope(name + "_vars"):
            self.vars = {"neigh_weights": glorot([input_dim, output_dim], name="neigh_weights"),
                         "self_weights": glorot([input_dim, output_dim], name="self_weights")}
        self.act = act
        self.concat = concat

    def __call__(self, inputs):
        self_vecs, neigh_vecs = inputs
        neigh_means = tf.reduce_mean(neigh_vecs, axis=1)
        from_neighs = tf.matmul(neigh_means, self.vars["neigh_weights"])
        from_self = tf.matmul(self_vecs, self.vars["self_weights"])
        if not self.concat:
            output = tf.add_n([from_self, from_neighs])
        else:
            output = tf.concat([from_self, from_neighs], axis=1)
        return self.act(output)


adj_info = tf.Variable(adj_lists, trainable=False, name="adj_info")
features = tf.Variable(tf.constant(feats), trainable=False, name="feature_vectors")
batch = tf.placeholder(tf.int32, shape=(None,), name="batch1")
batch_labels = tf.placeholder(tf.float32, shape=(None, C), name="labels")
sampler = UniformNeighborSampler(adj_info)
samples1 = sampler((batch, 3))
flat1 = tf.reshape(samples1, [-1])
samples2 = sampler((flat1, 2))
agg1 = MeanAggregator(F, D, "agg_1")
agg2 = MeanAggregator(2 * D, D, "agg_2", act=lambda x: x)
h_self = tf.nn.embedding_lookup(features, batch)
h_n1 = tf.nn.embedding_lookup(features, flat1)
h_n2 = tf.nn.embedding_lookup(features, tf.reshape(samples2, [-1]))
hop1 = agg1((h_n1, tf.reshape(h_n2, [-1, 2, F])))
hop0 = agg1((h_self, tf.reshape(h_n1, [-1, 3, F])))
out = agg2((hop0, tf.reshape(hop1, [-1, 3, 2 * D])))
out = tf.nn.l2_normalize(out, 1)
node_pred = tf.layers.dense(out, C, name="node_pred")
loss = 0
for var in agg1.vars.values():
    loss += 0.0005 * tf.nn.l2_loss(var)
loss += tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=node_pred,
                                                               labels=batch_labels))
opt = tf.train.AdamOptimizer(0.01)
grads_and_vars = opt.compute_gradients(loss)
clipped = [(tf.clip_by_value(g, -5.0, 5.0) if g is not None else None, v)
           for g, v in grads_and_vars]
train_op = opt.apply_gradients(clipped)
print(samples1.shape, samples2.shape, out.shape, node_pred.name, loss.name)
print([(v.name, g is None) for g, v in grads_and_vars])

# edge-list aggregation (message passing written with segment ops)
src = tf.constant(np.repeat(np.arange(N), MAXDEG).astype(np.int32))
dst = tf.constant(adj_lists.reshape(-1))
msg = tf.gather(tf.matmul(features, agg1.vars["self_weights"]), src)
agg_sum = tf.unsorted_segment_sum(msg, dst, N)
agg_mean = tf.unsorted_segment_mean(msg, dst, N)
agg_max = tf.unsorted_segment_max(msg, dst, N)
deg = tf.unsorted_segment_sum(tf.ones_like(dst, tf.float32), dst, N)
sorted_mean = tf.segment_mean(msg, src)
sorted_sum = tf.math.segment_sum(msg, src)
seg_loss = tf.reduce_sum(tf.square(agg_mean)) + tf.reduce_sum(sorted_mean * sorted_sum)
seg_grad = tf.gradients(seg_loss, agg1.vars["self_weights"])[0]
print(agg_sum.op.type, agg_mean.op.type, agg_mean.name, sorted_mean.op.type, seg_grad.name)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ids = np.array([0, 3, 5, 7], np.int32)
    for step in range(5):
        _, lv, s1 = sess.run([train_op, loss, samples1],
                             {batch: ids, batch_labels: labels[ids]})
        print("step %d loss %.8f samples %s" % (step, lv, s1[0].tolist()))
    print(repr(sess.run(node_pred, {batch: np.array([1, 2], np.int32)})))
    a, m, mx, d, sm, ss, sg = sess.run([agg_sum, agg_mean, agg_max, deg, sorted_mean,
                                        sorted_sum, seg_grad])
    print(d.tolist())
    print(repr(a[:2]), repr(m[:2]), repr(mx[:2]))
    print(repr(sm[:2]), repr(ss[-1]))
    print(repr(sg))
    try:
        sess.run(tf.segment_sum(tf.ones([4]), tf.constant([0, 2, 1, 1])))
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError", e.message.splitlines()[0])
    try:
        sess.run(tf.unsorted_segment_sum(tf.ones([3, 2]), tf.constant([0, 5, 1]), 4))
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError", e.message.splitlines()[0])
    print(repr(sess.run(tf.unsorted_segment_mean(tf.ones([3, 2]), tf.constant([0, -1, 0]), 2))))
