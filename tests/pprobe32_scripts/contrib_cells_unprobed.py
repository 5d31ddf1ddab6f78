"""The tf.contrib.rnn cells no probe ran yet, each through dynamic_rnn and trained one
Adagrad step (GATE_GRAPH): IntersectionRNNCell (two layers, the second without a
projection), CoupledInputForgetGateLSTMCell (peepholes, layer_norm, num_proj),
TimeFreqLSTMCell (feature_size / frequency_skip, through static_rnn from a zero state of
num_shifts * 2 * num_units), PhasedLSTMCell (a (times, x) tuple input, leak, ratio_on):
op counts, state structures, outputs and gradient hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3241)
rs = np.random.RandomState(3242)
cr = tf.contrib.rnn
B, T, D, N = 2, 4, 6, 6
X = tf.constant(rs.randn(B, T, D).astype(np.float32))
tms = tf.constant(np.cumsum(rs.uniform(0.5, 2.0, (B, T, 1)), axis=1).astype(np.float32))
init = tf.glorot_uniform_initializer(seed=3243)
g = tf.get_default_graph()
res = {}
with tf.variable_scope("inter", initializer=init):
    c = tf.nn.rnn_cell.MultiRNNCell([
        cr.IntersectionRNNCell(N, num_in_proj=N, y_activation=tf.nn.relu),
        cr.IntersectionRNNCell(N)])
    res["inter"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
with tf.variable_scope("cifg", initializer=init):
    c = cr.CoupledInputForgetGateLSTMCell(N, use_peepholes=True, num_proj=3, layer_norm=True,
                                          proj_clip=0.8, forget_bias=0.5)
    res["cifg"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
with tf.variable_scope("tf", initializer=init):
    c = cr.TimeFreqLSTMCell(3, feature_size=2, frequency_skip=2, use_peepholes=True,
                            cell_clip=1.0)
    # its state_size says 2 * num_units, the state it reads is num_shifts times that
    o, st = tf.nn.static_rnn(c, tf.unstack(X, axis=1), initial_state=tf.zeros([B, 18]))
    res["tfreq"] = (tf.stack(o, 1), st)
with tf.variable_scope("phased", initializer=init):
    c = cr.PhasedLSTMCell(N, leak=0.01, ratio_on=0.2, trainable_ratio_on=True,
                          period_init_min=1.0, period_init_max=10.0)
    res["phased"] = tf.nn.dynamic_rnn(c, (tms, X), dtype=tf.float32)
print("cells", len(g.get_operations()))
loss = tf.add_n([tf.reduce_sum(tf.square(o)) for o, _ in res.values()])
tv = tf.trainable_variables()
grads = tf.gradients(loss, tv)
print("no gradient:", [v.name for v, gg in zip(tv, grads) if gg is None])
tv, grads = zip(*[(v, gg) for v, gg in zip(tv, grads) if gg is not None])
# GATE_GRAPH: no update before every gradient is computed (a peephole weight's update
# would race the gradient that reads it)
train = tf.train.AdagradOptimizer(0.1).minimize(loss, var_list=list(tv),
                                               gate_gradients=tf.train.Optimizer.GATE_GRAPH)
print("all", len(g.get_operations()))
for v in tv:
    print(v.name, v.shape.as_list())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k in sorted(res):
        o, st = s.run(res[k])
        print(k, H(o), [H(a) for a in tf.contrib.framework.nest.flatten(st)])
        print(repr(o[1, -1].tolist()))
    gv = s.run(grads)
    for v, gg in zip(tv, gv):
        print(v.name, H(gg))
    print(repr(float(s.run(loss))))
    s.run(train)
    print(repr(float(s.run(loss))))
