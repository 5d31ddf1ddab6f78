"""Grid2LSTMCell untied with a non_recurrent_fn (the first dimension through
fully_connected, not recurrent), use_peepholes, output_is_tuple=False, through dynamic_rnn
and trained three Adam steps: op counts, variable names, losses, output / state hashes
(project_c_0 gets no gradient, as in TF)."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5041)
rs = np.random.RandomState(5042)
cr = tf.contrib.rnn
B, T, D = 2, 4, 4
X = tf.constant(rs.randn(B, T, D).astype(np.float32))
init = tf.glorot_uniform_initializer(seed=5043)
g = tf.get_default_graph()
outs = {}
with tf.variable_scope("grid", initializer=init):
    c = tf.contrib.grid_rnn.Grid2LSTMCell(3, tied=False, non_recurrent_fn=tf.nn.relu,
                                          use_peepholes=True, forget_bias=0.5,
                                          output_is_tuple=False)
    outs["grid"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
print(c.state_size, c.output_size)
loss = tf.add_n([tf.reduce_mean(tf.square(o - 0.3)) for o, _ in outs.values()])
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print("ops", len(g.get_operations()))
for v in tf.trainable_variables():
    print(v.name, v.shape.as_list())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    r = s.run(outs)
    for k in sorted(r):
        o, st = r[k]
        print(k, H(o), [H(x) for x in tf.contrib.framework.nest.flatten(st)])
    print(repr(r["grid"][0][1, 2].tolist()))
