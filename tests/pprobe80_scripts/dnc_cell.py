"""A DNC memory core (deepmind/dnc's access module in plain TF): an RNNCell subclass with a
nested namedtuple state run by tf.nn.dynamic_rnn, content addressing by cosine similarity
with a oneplus strength, usage-based allocation by tf.nn.top_k and an exclusive cumprod in
log space, tf.batch_gather back to the memory order, a temporal link matrix, an interface
vector split by tf.split with sizes, clip_by_global_norm and Adam: losses and read weights."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(7)

B, T, N, W, R, H, X = 2, 4, 5, 3, 2, 8, 3

AccessState = collections.namedtuple("AccessState", ("memory", "read_weights", "write_weights",
                                                     "linkage", "usage"))
TemporalLinkageState = collections.namedtuple("TemporalLinkageState", ("link", "precedence"))
DNCState = collections.namedtuple("DNCState", ("access_output", "access_state",
                                               "controller_state"))


def oneplus(x):
    return 1 + tf.nn.softplus(x)


def cosine_weights(memory, keys, strengths):
    mem = tf.nn.l2_normalize(memory, axis=2, epsilon=1e-6)
    k = tf.nn.l2_normalize(keys, axis=2, epsilon=1e-6)
    sim = tf.matmul(k, mem, adjoint_b=True)
    return tf.nn.softmax(sim * tf.expand_dims(strengths, -1), axis=-1)


def allocation(usage):
    usage = 1e-6 + (1 - 1e-6) * usage
    nonusage = 1 - usage
    sorted_nonusage, indices = tf.nn.top_k(nonusage, k=N, name="sort")
    sorted_usage = 1 - sorted_nonusage
    prod_sorted_usage = tf.exp(tf.cumsum(tf.log(sorted_usage), axis=1, exclusive=True))
    sorted_allocation = sorted_nonusage * prod_sorted_usage
    inverse_indices = tf.map_fn(tf.invert_permutation, indices)
    return tf.batch_gather(sorted_allocation, inverse_indices)


def allocation_cumprod(usage):
    usage = 1e-6 + (1 - 1e-6) * usage
    sorted_nonusage, indices = tf.nn.top_k(1 - usage, k=N)
    prod = tf.cumprod(1 - sorted_nonusage, axis=1, exclusive=True)
    return tf.batch_gather(sorted_nonusage * prod, tf.map_fn(tf.invert_permutation, indices))


class DNCCell(tf.nn.rnn_cell.RNNCell):
    def __init__(self, name="dnc"):
        super(DNCCell, self).__init__(name=name)
        self._controller = tf.nn.rnn_cell.LSTMCell(H, name="controller")

    @property
    def state_size(self):
        return DNCState(
            access_output=tf.TensorShape([R, W]),
            access_state=AccessState(
                memory=tf.TensorShape([N, W]), read_weights=tf.TensorShape([R, N]),
                write_weights=tf.TensorShape([1, N]),
                linkage=TemporalLinkageState(link=tf.TensorShape([1, N, N]),
                                             precedence=tf.TensorShape([1, N])),
                usage=tf.TensorShape([N])),
            controller_state=self._controller.state_size)

    @property
    def output_size(self):
        return tf.TensorShape([X])

    def call(self, inputs, prev_state):
        prev_access = prev_state.access_state
        flat_read = tf.reshape(prev_state.access_output, [-1, R * W])
        ctrl_in = tf.concat([inputs, flat_read], 1)
        ctrl_out, ctrl_state = self._controller(ctrl_in, prev_state.controller_state)
        sizes = [R * W, R, W, 1, W, W, R, 1, 1, R * 3]
        iface = tf.layers.dense(ctrl_out, sum(sizes), name="interface")
        (read_keys, read_str, write_key, write_str, erase, write_vec, free_gate, alloc_gate,
         write_gate, read_modes) = tf.split(iface, sizes, axis=1)
        read_keys = tf.reshape(read_keys, [-1, R, W])
        write_key = tf.reshape(write_key, [-1, 1, W])
        erase = tf.sigmoid(tf.reshape(erase, [-1, 1, W]))
        write_vec = tf.reshape(write_vec, [-1, 1, W])
        free_gate = tf.sigmoid(free_gate)
        alloc_gate = tf.sigmoid(alloc_gate)
        write_gate = tf.sigmoid(write_gate)
        read_modes = tf.nn.softmax(tf.reshape(read_modes, [-1, R, 3]))

        # usage
        ww = prev_access.write_weights
        usage = prev_access.usage + (1 - prev_access.usage) * (1 - tf.reduce_prod(1 - ww, [1]))
        phi = tf.reduce_prod(1 - tf.expand_dims(free_gate, -1) * prev_access.read_weights, [1])
        usage = usage * phi
        # write weights
        write_content = cosine_weights(prev_access.memory, write_key, oneplus(write_str))
        alloc = tf.expand_dims(allocation(usage), 1)
        alloc2 = tf.expand_dims(allocation_cumprod(usage), 1)
        ag = tf.expand_dims(alloc_gate, -1)
        wg = tf.expand_dims(write_gate, -1)
        write_weights = wg * (ag * alloc + (1 - ag) * write_content)
        # memory
        reset = 1 - tf.matmul(write_weights, erase, adjoint_a=True)
        memory = prev_access.memory * reset + tf.matmul(write_weights, write_vec, adjoint_a=True)
        # linkage
        prev_link = prev_access.linkage
        w_i = tf.expand_dims(write_weights, 3)
        w_j = tf.expand_dims(write_weights, 2)
        prev_p_j = tf.expand_dims(prev_link.precedence, 2)
        link = (1 - w_i - w_j) * prev_link.link + w_i * prev_p_j
        link = tf.matrix_set_diag(link, tf.zeros([tf.shape(link)[0], 1, N], link.dtype))
        precedence = (1 - tf.reduce_sum(write_weights, 2, keepdims=True)) * \
            prev_link.precedence + write_weights
        # read weights
        content = cosine_weights(memory, read_keys, oneplus(read_str))
        fwd = tf.matmul(prev_access.read_weights, link[:, 0])
        bwd = tf.matmul(prev_access.read_weights, link[:, 0], adjoint_b=True)
        read_weights = (read_modes[..., 0:1] * bwd + read_modes[..., 1:2] * fwd +
                        read_modes[..., 2:3] * content)
        read_words = tf.matmul(read_weights, memory)
        out = tf.layers.dense(tf.concat([ctrl_out, tf.reshape(read_words, [-1, R * W])], 1), X,
                              name="output")
        out = out + 0.0 * tf.reduce_sum(alloc2)
        state = DNCState(access_output=read_words,
                         access_state=AccessState(memory=memory, read_weights=read_weights,
                                                  write_weights=write_weights,
                                                  linkage=TemporalLinkageState(link, precedence),
                                                  usage=usage),
                         controller_state=ctrl_state)
        return out, state


cell = DNCCell()
inputs = tf.placeholder(tf.float32, [T, B, X], name="inputs")
targets = tf.placeholder(tf.float32, [T, B, X], name="targets")
init = cell.zero_state(B, tf.float32)
print(type(init).__name__, type(init.access_state.linkage).__name__,
      [s.shape.as_list() for s in tf.nest.flatten(init)])
outputs, final = tf.nn.dynamic_rnn(cell, inputs, initial_state=init, time_major=True)
print(outputs.shape, final.access_state.memory.shape, final.access_state.linkage.link.shape)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=outputs))
tvars = tf.trainable_variables()
print([v.name for v in tvars])
grads, gnorm = tf.clip_by_global_norm(tf.gradients(loss, tvars), 5.0)
train = tf.train.AdamOptimizer(1e-2).apply_gradients(zip(grads, tvars))
xin = np.random.randint(0, 2, size=(T, B, X)).astype(np.float32)
feed = {inputs: xin, targets: xin[::-1]}
np.set_printoptions(precision=6, suppress=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, g, _ = sess.run([loss, gnorm, train], feed)
        print(step, repr(lv), repr(g))
    rw, usage, link = sess.run([final.access_state.read_weights, final.access_state.usage,
                                final.access_state.linkage.link], feed)
    print(rw)
    print(usage)
    print(link[0, 0])
