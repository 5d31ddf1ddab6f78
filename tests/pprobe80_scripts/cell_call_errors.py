"""A memory cell (an RNNCell subclass, as DNC / NTM code writes one) given a state of the
wrong structure: TF 1.14's Layer.__call__ runs a user subclass's `call` through AutoGraph,
so the AttributeError raised inside it is re-raised with the "in converted code:" message
naming the user's frame; dynamic_rnn, a direct call and tf.scan over the cell."""
import collections
import os
import re

import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(0)

B, N, W = 2, 3, 2
Access = collections.namedtuple("Access", ("memory", "read_weights"))


def content_weights(memory, key):
    sim = tf.reduce_sum(tf.nn.l2_normalize(memory, 2) * tf.expand_dims(key, 1), 2)
    return tf.nn.softmax(sim)


class ReadCell(tf.nn.rnn_cell.RNNCell):
    @property
    def state_size(self):
        return Access(memory=tf.TensorShape([N, W]), read_weights=N)

    @property
    def output_size(self):
        return W

    def call(self, inputs, state):
        w = content_weights(state.memory, inputs)
        read = tf.reduce_sum(tf.expand_dims(w, 2) * state.memory, 1)
        return read, Access(state.memory, w)


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        name = os.path.basename(__file__)   # the frame's path as the script was started
        print(type(e).__name__, repr(re.sub(r"\S*(?=%s)" % re.escape(name), "", str(e))))


cell = ReadCell()
x = tf.constant(np.random.randn(B, 4, W).astype(np.float32))
good = Access(tf.ones([B, N, W]), tf.fill([B, N], 1.0 / N))
out, final = tf.nn.dynamic_rnn(cell, x, initial_state=good)
print(out.shape, final.read_weights.shape)
attempt(lambda: tf.nn.dynamic_rnn(cell, x, initial_state=tuple(good)))
attempt(lambda: cell(x[:, 0], (good.memory, good.read_weights)))
attempt(lambda: tf.scan(lambda s, xt: cell(xt, s)[1], tf.transpose(x, [1, 0, 2]),
                        initializer=(good.memory, good.read_weights)))
with tf.Session() as sess:
    print(np.round(sess.run(final.read_weights), 5))
