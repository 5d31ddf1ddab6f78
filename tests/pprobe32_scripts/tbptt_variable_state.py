"""Truncated BPTT carrying the state across batches in non-trainable tf.Variables: a GRU
and a BasicLSTMCell (state tuple) run by dynamic_rnn from the variables' values, the
final state assigned back under control_dependencies of the train op, a reset op
(tf.assign of zeros) between epochs, and an eval graph sharing the weights (reuse) with
its own state variables: op counts, losses, state hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3221)
rs = np.random.RandomState(3222)
B, T, D, N = 2, 4, 3, 5
series = np.cumsum(rs.randn(B, 6 * T + 1, D).astype(np.float32) * 0.3, axis=1).astype(np.float32)


def model(x, tag, reuse):
    with tf.variable_scope("lm", reuse=reuse, initializer=tf.glorot_uniform_initializer(seed=3223)):
        cells = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(N),
                                             tf.nn.rnn_cell.BasicLSTMCell(N)])
        with tf.variable_scope(None, default_name="state_" + tag):
            sg = tf.Variable(tf.zeros([B, N]), trainable=False, name="gru")
            sc = tf.Variable(tf.zeros([B, N]), trainable=False, name="c")
            sh = tf.Variable(tf.zeros([B, N]), trainable=False, name="h")
        init = (sg.read_value(), tf.nn.rnn_cell.LSTMStateTuple(sc.read_value(), sh.read_value()))
        out, fin = tf.nn.dynamic_rnn(cells, x, initial_state=init)
        pred = tf.layers.dense(out, D, name="head")
    reset = tf.group(*[tf.assign(v, tf.zeros_like(v)) for v in (sg, sc, sh)], name="reset_" + tag)
    return pred, fin, reset, (sg, sc, sh)


def keep(fin, svars):
    sg, sc, sh = svars
    return [tf.assign(sg, fin[0]), tf.assign(sc, fin[1].c), tf.assign(sh, fin[1].h)]


x = tf.placeholder(tf.float32, [B, T, D])
y = tf.placeholder(tf.float32, [B, T, D])
pred, fin, reset, svars = model(x, "train", None)
loss = tf.losses.mean_squared_error(y, pred)
opt = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.control_dependencies([opt]):
    step = tf.group(*keep(fin, svars))
epred, efin, ereset, evars = model(x, "eval", True)
eloss = tf.losses.mean_squared_error(y, epred, loss_collection=None)
with tf.control_dependencies(keep(efin, evars)):
    eloss_k = tf.identity(eloss)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.trainable_variables()])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for ep in range(2):
        s.run(reset)
        for b in range(3):
            p = b * T
            lv, _ = s.run([loss, step], {x: series[:, p:p + T], y: series[:, p + 1:p + T + 1]})
            print(ep, b, repr(float(lv)), H(s.run(svars[2])))
    s.run(ereset)
    for b in range(3, 6):
        p = b * T
        print("eval", b, repr(float(s.run(eloss_k, {x: series[:, p:p + T],
                                                  y: series[:, p + 1:p + T + 1]}))))
    print([H(v) for v in s.run(list(evars))])
    print(repr(s.run(evars[1])[0].tolist()))
