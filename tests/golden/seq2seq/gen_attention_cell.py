"""TF 1.14 goldens for tf.contrib.rnn.AttentionCellWrapper and HighwayWrapper in
dynamic_rnn (float32, as TF 1.14 creates their variables without a dtype), and the
transpose_batch_time / best_effort_input_batch_size helpers: outputs, final states,
gradients w.r.t. the inputs and every variable, variable names; tuple and concatenated
states; errors. Variables are set from their names (gen_decoder._set_weights).

Output: attention_cell.json, read by tests/test_rnn_attention_cell.py.
"""
import numpy as np

import goldenio
from gen_decoder import _set_weights

X = np.random.RandomState(8).uniform(-1, 1, (2, 5, 3)).astype(np.float32)


def _case(tf, kind="lstm", **kw):
    x = tf.constant(X)
    inner = tf.nn.rnn_cell.LSTMCell(4, state_is_tuple=kind == "lstm") if kind != "gru" \
        else tf.nn.rnn_cell.GRUCell(4)
    cell = tf.contrib.rnn.AttentionCellWrapper(inner, **kw)
    out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[5, 3], dtype=tf.float32)
    flat = [out] + (list(tf.contrib.framework.nest.flatten(state))
                    if hasattr(tf.contrib.framework, "nest") else _flat(state))
    loss = tf.add_n([tf.reduce_sum(tf.sin(t * (i + 1.0))) for i, t in enumerate(flat)])
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    assigns = _set_weights(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        res = sess.run({"flat": flat, "grads": grads})
    res["names"] = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return res


def _highway(tf, coupled):
    x = tf.constant(X)
    cell = tf.contrib.rnn.HighwayWrapper(tf.nn.rnn_cell.GRUCell(3),
                                         couple_carry_transform_gates=coupled,
                                         carry_bias_init=0.5)
    out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[5, 3], dtype=tf.float32)
    loss = tf.reduce_sum(tf.sin(out)) + tf.reduce_sum(tf.cos(state))
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    tm = tf.contrib.rnn.transpose_batch_time(x)
    bs = tf.contrib.rnn.best_effort_input_batch_size([tm])
    assigns = _set_weights(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        res = sess.run({"out": out, "state": state, "grads": grads, "tm": tm})
    res["names"] = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    res["batch"] = bs
    return res


def _flat(x):
    if isinstance(x, (list, tuple)):
        out = []
        for c in x:
            out.extend(_flat(c))
        return out
    return [x]


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the class and message
            return goldenio.GoldenError.of(e)
        return "no error"
    return case


CASES = {
    "lstm": lambda tf: _case(tf, attn_length=3),
    "gru_sizes": lambda tf: _case(tf, kind="gru", attn_length=2, attn_size=5, attn_vec_size=3,
                                  input_size=6),
    "concat_state": lambda tf: _case(tf, kind="lstm_concat", attn_length=2,
                                     state_is_tuple=False),
    "highway/coupled": lambda tf: _highway(tf, True),
    "highway/separate": lambda tf: _highway(tf, False),
    "error/tuple_state": _error(lambda tf: tf.contrib.rnn.AttentionCellWrapper(
        tf.nn.rnn_cell.LSTMCell(4), 2, state_is_tuple=False)),
    "error/attn_length": _error(lambda tf: tf.contrib.rnn.AttentionCellWrapper(
        tf.nn.rnn_cell.GRUCell(4), 0)),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
