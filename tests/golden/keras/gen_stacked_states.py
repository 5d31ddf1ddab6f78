"""StackedRNNCells' nested states under TF 1.14 (stacked_states.json) and flowgrad
(tests/test_keras_stacked_states.py): state_size and RNN.states of stacks of multi-state
cells, initial_state given per cell ([[h1, c1], [h2, c2]]), return_state's structure and
values, and TF's error for flat initial states. Valid Python 3.7."""
import numpy as np


def _structure(x):
    if isinstance(x, (list, tuple)):
        return [type(x).__name__, [_structure(y) for y in x]]
    if x is None:
        return None
    if isinstance(x, int):
        return x
    return "tensor"


def cases(tf):
    out = {}
    K = tf.keras
    g = tf.Graph()
    with g.as_default():
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(2, 3, 4).astype(np.float32))

        def lstm(u):
            return K.layers.LSTMCell(u, kernel_initializer="ones",
                                     recurrent_initializer="ones", bias_initializer="zeros")

        def gru(u):
            return K.layers.GRUCell(u, kernel_initializer="ones", recurrent_initializer="ones",
                                    bias_initializer="zeros")
        st = [tf.constant(rng.randn(2, u).astype(np.float32) * 0.1) for u in (5, 5, 6, 6)]
        stack = K.layers.StackedRNNCells([lstm(5), lstm(6)])
        out["lstm state_size"] = _structure(stack.state_size)
        rnn = K.layers.RNN(stack, return_state=True)
        out["lstm states"] = _structure(rnn.states)
        res = rnn(x, initial_state=[[st[0], st[1]], [st[2], st[3]]])
        out["lstm return structure"] = _structure(res)
        mixed = K.layers.RNN(K.layers.StackedRNNCells([gru(5), lstm(6)]), return_state=True)
        out["mixed states"] = _structure(mixed.states)
        res2 = mixed(x, initial_state=[st[0], [st[2], st[3]]])
        out["mixed return structure"] = _structure(res2)
        try:
            K.layers.RNN(K.layers.StackedRNNCells([lstm(5), lstm(6)]), return_state=True)(
                x, initial_state=st)
            out["flat initial states"] = "accepted"
        except ValueError as e:
            out["flat initial states"] = ["ValueError", str(e)]
        plain = K.layers.RNN(K.layers.StackedRNNCells([lstm(5), lstm(6)]),
                             return_state=True)(x)
        out["default return structure"] = _structure(plain)
        flat = [res[0]] + list(res[1]) + list(res[2]) + [res2[0], res2[1]] + list(res2[2]) + \
            [plain[0]]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            out["values"] = [np.round(v, 5).tolist() for v in s.run(flat)]
    return out
