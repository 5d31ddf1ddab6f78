"""TF 1.14 goldens for tf.contrib.legacy_seq2seq: rnn_decoder (with and without a
loop_function), basic_rnn_seq2seq, tied_rnn_seq2seq, embedding_rnn_decoder
(feed_previous, output_projection), sequence_loss_by_example and sequence_loss (with a
custom softmax_loss_function): outputs, states, losses, gradients w.r.t. inputs and
every variable, variable names. Variables are set from their names (gen_decoder).

Output: legacy.json, read by tests/test_seq2seq_legacy.py.
"""
import numpy as np

import goldenio
from gen_decoder import _set_weights

B, T, D, U, V = 3, 4, 2, 5, 6
_rng = np.random.RandomState(23)
ENC = _rng.uniform(-1, 1, (T, B, D))
DEC = _rng.uniform(-1, 1, (T, B, U))
IDS = _rng.randint(0, V, (T, B)).astype(np.int32)
W = _rng.uniform(0, 1, (T, B))


def _flat(x):
    if isinstance(x, (list, tuple)):
        out = []
        for c in x:
            out.extend(_flat(c))
        return out
    return [x]


def _run(tf, outputs, xs, extra=None):
    flat = [t for t in _flat(outputs) if t.dtype.is_floating]
    loss = tf.add_n([tf.reduce_sum(tf.sin(t * (i + 1.0))) for i, t in enumerate(flat)])
    grads = [g if g is None or isinstance(g, tf.Tensor) else tf.convert_to_tensor(g)
             for g in tf.gradients(loss, list(xs) + tf.trainable_variables())]
    assigns = _set_weights(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        res = sess.run({"out": _flat(outputs), "grads": [g for g in grads if g is not None]})
    res["none_grads"] = [i for i, g in enumerate(grads) if g is None]
    res["names"] = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return res


def _rnn_decoder(tf, loop):
    inputs = [tf.constant(d) for d in DEC]
    cell = tf.nn.rnn_cell.GRUCell(U)
    init = tf.constant(np.full((B, U), 0.1))
    fn = (lambda prev, i: tf.tanh(prev) * float(i)) if loop else None
    out, state = tf.contrib.legacy_seq2seq.rnn_decoder(inputs, init, cell, loop_function=fn)
    return _run(tf, (out, state), inputs)


def _basic(tf, tied):
    enc = [tf.constant(e) for e in ENC]
    dec = [tf.constant(d[:, :D]) for d in DEC]
    cell = tf.nn.rnn_cell.BasicLSTMCell(U)
    s2s = tf.contrib.legacy_seq2seq
    if tied:
        out, state = s2s.tied_rnn_seq2seq(enc, dec, cell, dtype=tf.float64)
    else:
        out, state = s2s.basic_rnn_seq2seq(enc, dec, cell, dtype=tf.float64)
    return _run(tf, (out, state), enc + dec)


def _embedding(tf, feed_previous, projection):
    ids = [tf.constant(i) for i in IDS]
    cell = tf.nn.rnn_cell.GRUCell(U)
    proj = None
    if projection:
        proj = (tf.get_variable("proj_w", [U, V]), tf.get_variable("proj_b", [V]))
    out, state = tf.contrib.legacy_seq2seq.embedding_rnn_decoder(
        ids, tf.zeros([B, U]), cell, V, 3, output_projection=proj,
        feed_previous=feed_previous)
    return _run(tf, (out, state), [])


def _losses(tf, custom):
    logits = [tf.constant(np.sin(np.arange(B * V).reshape(B, V) * (t + 1.0)))
              for t in range(T)]
    targets = [tf.constant(i) for i in IDS]
    weights = [tf.constant(w) for w in W]
    s2s = tf.contrib.legacy_seq2seq
    fn = None
    if custom:
        def fn(labels, logits):
            return tf.nn.softmax_cross_entropy_with_logits_v2(
                labels=tf.one_hot(labels, V, dtype=tf.float64), logits=logits)
    fetch = {"by_example": s2s.sequence_loss_by_example(logits, targets, weights,
                                                         softmax_loss_function=fn),
             "by_example_sum": s2s.sequence_loss_by_example(
                 logits, targets, weights, average_across_timesteps=False),
             "loss": s2s.sequence_loss(logits, targets, weights, softmax_loss_function=fn),
             "loss_sum": s2s.sequence_loss(logits, targets, weights,
                                           average_across_timesteps=False,
                                           average_across_batch=False)}
    fetch["grads"] = tf.gradients(fetch["loss"], logits)
    with tf.Session() as sess:
        return sess.run(fetch)


def _attention_decoder(tf, heads, initial_attention, loop):
    inputs = [tf.constant(d) for d in DEC]
    states = tf.constant(np.transpose(ENC, (1, 0, 2)))
    cell = tf.nn.rnn_cell.LSTMCell(U)
    init = cell.zero_state(B, tf.float64)
    fn = (lambda prev, i: tf.tanh(prev[:, :U])) if loop else None
    out, state = tf.contrib.legacy_seq2seq.attention_decoder(
        inputs, init, states, cell, output_size=U, num_heads=heads, loop_function=fn,
        dtype=tf.float64, initial_state_attention=initial_attention)
    return _run(tf, (out, state), inputs + [states])


def _emb_seq2seq(tf, attention, feed_previous, projection=False):
    enc = [tf.constant(i) for i in IDS]
    dec = [tf.constant(i) for i in IDS[::-1]]
    cell = tf.nn.rnn_cell.GRUCell(U)
    s2s = tf.contrib.legacy_seq2seq
    proj = None
    if projection:
        proj = (tf.get_variable("proj_w", [U, V]), tf.get_variable("proj_b", [V]))
    if feed_previous == "tensor":
        feed_previous = tf.constant(True)
    if attention:
        out, state = s2s.embedding_attention_seq2seq(enc, dec, cell, V, V, 3, num_heads=2,
                                                     output_projection=proj,
                                                     feed_previous=feed_previous)
    else:
        out, state = s2s.embedding_rnn_seq2seq(enc, dec, cell, V, V, 3,
                                               output_projection=proj,
                                               feed_previous=feed_previous)
    return _run(tf, (out, state), [])


def _tied_emb(tf, feed_previous):
    enc = [tf.constant(i) for i in IDS]
    dec = [tf.constant(i) for i in IDS[::-1]]
    if feed_previous == "tensor":
        feed_previous = tf.constant(False)
    out, state = tf.contrib.legacy_seq2seq.embedding_tied_rnn_seq2seq(
        enc, dec, tf.nn.rnn_cell.BasicLSTMCell(U), V, 3, num_decoder_symbols=V - 1,
        feed_previous=feed_previous)
    return _run(tf, (out, state), [])


def _one2many(tf, feed_previous):
    enc = [tf.constant(i) for i in IDS]
    decs = {"a": [tf.constant(i) for i in IDS[::-1]], "b": [tf.constant(i % 4) for i in IDS[:2]]}
    cells = {"a": tf.nn.rnn_cell.GRUCell(U), "b": tf.nn.rnn_cell.GRUCell(U)}
    if feed_previous == "tensor":
        feed_previous = tf.constant(True)
    out, state = tf.contrib.legacy_seq2seq.one2many_rnn_seq2seq(
        enc, decs, tf.nn.rnn_cell.GRUCell(U), cells, V, {"a": V, "b": 4}, 3,
        feed_previous=feed_previous)
    return _run(tf, ([out[k] for k in sorted(out)], [state[k] for k in sorted(state)]), [])


def _buckets(tf):
    enc = [tf.constant(i) for i in IDS]
    dec = [tf.constant(i) for i in IDS[::-1]]
    targets = [tf.constant(i) for i in IDS]
    weights = [tf.constant(w.astype(np.float32)) for w in W]

    def model(e, d):   # a cell per bucket: TF 1.14 cannot deep-copy a built cell
        return tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
            e, d, tf.nn.rnn_cell.GRUCell(U), V, V, 3)
    outs, losses = tf.contrib.legacy_seq2seq.model_with_buckets(
        enc, dec, targets, weights, [(2, 3), (4, 4)], model)
    return _run(tf, (outs, losses), [])


def _wrappers(tf):
    x = tf.constant(IDS.T.reshape(B, T, 1))
    cell = tf.contrib.rnn.EmbeddingWrapper(
        tf.contrib.rnn.InputProjectionWrapper(
            tf.contrib.rnn.OutputProjectionWrapper(tf.nn.rnn_cell.GRUCell(U), 4,
                                                   activation=tf.tanh), 3), V, 2)
    out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return _run(tf, (out, state), [])


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the class and message
            return goldenio.GoldenError.of(e)
        return "no error"
    return case


CASES = {
    "attention_decoder": lambda tf: _attention_decoder(tf, 1, False, False),
    "attention_decoder_heads_initial_loop": lambda tf: _attention_decoder(tf, 2, True, True),
    "f32/embedding_rnn_seq2seq": lambda tf: _emb_seq2seq(tf, False, False),
    "f32/embedding_rnn_seq2seq_feed_tensor": lambda tf: _emb_seq2seq(tf, False, "tensor"),
    "f32/embedding_attention_seq2seq": lambda tf: _emb_seq2seq(tf, True, False),
    "f32/embedding_attention_seq2seq_feed_projection": lambda tf: _emb_seq2seq(
        tf, True, True, projection=True),
    "f32/embedding_attention_seq2seq_feed_tensor": lambda tf: _emb_seq2seq(tf, True,
                                                                           "tensor"),
    "f32/model_with_buckets": _buckets,
    "f32/embedding_tied_rnn_seq2seq": lambda tf: _tied_emb(tf, True),
    "f32/embedding_tied_rnn_seq2seq_feed_tensor": lambda tf: _tied_emb(tf, "tensor"),
    "f32/one2many_rnn_seq2seq": lambda tf: _one2many(tf, False),
    "f32/one2many_rnn_seq2seq_feed_tensor": lambda tf: _one2many(tf, "tensor"),
    "f32/wrappers": _wrappers,
    "rnn_decoder": lambda tf: _rnn_decoder(tf, False),
    "rnn_decoder_loop": lambda tf: _rnn_decoder(tf, True),
    "basic_rnn_seq2seq": lambda tf: _basic(tf, False),
    "tied_rnn_seq2seq": lambda tf: _basic(tf, True),
    "embedding_rnn_decoder": lambda tf: _embedding(tf, False, False),
    "embedding_rnn_decoder_feed_previous_projection": lambda tf: _embedding(tf, True, True),
    "losses": lambda tf: _losses(tf, False),
    "losses_custom": lambda tf: _losses(tf, True),
    "error/buckets": _error(lambda tf: tf.contrib.legacy_seq2seq.model_with_buckets(
        [1], [1], [1], [1], [(2, 2)], None)),
    "error/attention_heads": _error(lambda tf: tf.contrib.legacy_seq2seq.attention_decoder(
        [tf.ones([2, 3])], None, tf.ones([2, 4, 5]), None, num_heads=0)),
    "error/one2many_keys": _error(lambda tf: tf.contrib.legacy_seq2seq.one2many_rnn_seq2seq(
        [], {"a": []}, tf.nn.rnn_cell.GRUCell(2), {"b": tf.nn.rnn_cell.GRUCell(2)}, 2, {}, 2)),
    "error/lengths": _error(lambda tf: tf.contrib.legacy_seq2seq.sequence_loss_by_example(
        [tf.ones([2, 3])], [tf.ones([2], tf.int32)] * 2, [tf.ones([2])])),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
