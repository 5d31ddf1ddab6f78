"""Memory-augmented recurrences the ways TF1 code loops them: tf.scan over time with a
namedtuple (memory, read weights) state, tf.nn.dynamic_rnn with sequence_length on a cell
whose nested namedtuple state must be copied through for finished rows, a tf.while_loop with
a TensorArray logging the read weights per step, an embedding lookup whose IndexedSlices
gradient goes through clip_by_global_norm, and the errors of a state that does not match
the cell's structure (tf.nest) or the scan initializer: losses, read weights, shapes and op
counts."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(8)
tf.set_random_seed(3)
np.set_printoptions(precision=6, suppress=True)

B, T, N, W, V, E = 3, 5, 4, 3, 7, 3

MemState = collections.namedtuple("MemState", ("memory", "read_w", "inner"))
Inner = collections.namedtuple("Inner", ("usage", "step"))


def address(memory, key, beta):
    mem = tf.nn.l2_normalize(memory, axis=2, epsilon=1e-6)
    k = tf.nn.l2_normalize(key, axis=1, epsilon=1e-6)
    sim = tf.squeeze(tf.matmul(mem, tf.expand_dims(k, 2)), 2)
    return tf.nn.softmax(beta * sim)


class MemCell(tf.nn.rnn_cell.RNNCell):
    def __init__(self):
        super(MemCell, self).__init__(name="mem_cell")

    @property
    def state_size(self):
        return MemState(memory=tf.TensorShape([N, W]), read_w=N,
                        inner=Inner(usage=N, step=1))

    @property
    def output_size(self):
        return W

    def build(self, input_shape):
        self._k = self.add_variable("key", [input_shape[-1].value, W + 1 + W],
                                    initializer=tf.glorot_uniform_initializer(seed=5))
        self.built = True

    def call(self, x, state):
        key, beta, add = tf.split(tf.matmul(x, self._k), [W, 1, W], axis=1)
        beta = 1 + tf.nn.softplus(beta)
        w = address(state.memory, key, beta)
        memory = state.memory + tf.expand_dims(w, 2) * tf.expand_dims(tf.tanh(add), 1)
        read = tf.reduce_sum(tf.expand_dims(w, 2) * memory, 1)
        usage = state.inner.usage + w
        return read, MemState(memory, w, Inner(usage, state.inner.step + 1))


ids = tf.placeholder(tf.int32, [B, T], name="ids")
lengths = tf.placeholder(tf.int32, [B], name="lengths")
emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-1, 1, seed=2))
x = tf.nn.embedding_lookup(emb, ids)
cell = MemCell()
m0 = tf.tile(tf.get_variable("m0", [1, N, W], initializer=tf.random_normal_initializer(
    stddev=0.5, seed=4)),
             [B, 1, 1])
init = MemState(m0, tf.fill([B, N], 1.0 / N), Inner(tf.zeros([B, N]), tf.zeros([B, 1])))
outs, final = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, initial_state=init)
print(outs.shape, final.memory.shape, final.inner.step.shape)
loss = tf.reduce_mean(tf.square(outs - 0.25))
tvars = tf.trainable_variables()
grads = tf.gradients(loss, tvars)
print([type(g).__name__ for g in grads], [v.name for v in tvars])
clipped, norm = tf.clip_by_global_norm(grads, 0.05)
print([type(g).__name__ for g in clipped])
train = tf.train.GradientDescentOptimizer(0.5).apply_gradients(zip(clipped, tvars))

# tf.scan with the namedtuple state
xs = tf.transpose(x, [1, 0, 2])


def scan_step(state, xt):
    out, new = cell(xt, state)
    return new


scanned = tf.scan(scan_step, xs, initializer=init)
print(type(scanned).__name__, scanned.memory.shape, scanned.inner.step.shape)

# while_loop logging read weights into a TensorArray
ta = tf.TensorArray(tf.float32, size=T, element_shape=tf.TensorShape([B, N]))


def body(t, state, ta):
    _, new = cell(xs[t], state)
    return t + 1, new, ta.write(t, new.read_w)


_, wl_state, ta = tf.while_loop(lambda t, *_: t < T, body, [tf.constant(0), init, ta])
logged = ta.stack()
print(logged.shape, wl_state.read_w.shape)
ops = tf.get_default_graph().get_operations()
print(len([o for o in ops if o.type == "Enter"]), len([o for o in ops if o.type == "Exit"]),
      len([o for o in ops if o.type == "TensorArrayWriteV3"]))

feed = {ids: np.random.randint(0, V, size=(B, T)), lengths: [5, 2, 0]}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, n, _ = sess.run([loss, norm, train], feed)
        print(step, repr(lv), repr(n))
    fm, fs, fu, o = sess.run([final.read_w, final.inner.step, final.inner.usage, outs], feed)
    print(fm)
    print(fs.ravel(), fu)
    print(o[1], o[2])
    sc, lg = sess.run([scanned.read_w, logged], feed)
    print(sc[-1])
    print(np.abs(sc - lg).max())


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e))


attempt(lambda: tf.nest.assert_same_structure(cell.state_size, (m0, init.read_w, init.inner)))
attempt(lambda: tf.nest.assert_same_structure(cell.state_size, init._replace(
    inner=(tf.zeros([B, N]), tf.zeros([B, 1]), tf.zeros([B, 1])))))
attempt(lambda: tf.scan(lambda s, xt: MemState(*s), xs, initializer=(m0, init.read_w, init.inner)))
attempt(lambda: tf.scan(lambda s, xt: s[:2], xs, initializer=init))
