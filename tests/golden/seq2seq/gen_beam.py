"""TF 1.14 goldens for tf.contrib.seq2seq beam search: BeamSearchDecoder (plain, with
attention and alignment history, length and coverage penalties, time major, without
TensorArray reordering), tile_batch, gather_tree (values and errors). Variables are set
to values drawn from their names (gen_decoder._set_weights).

Output: beam.json, read by tests/test_seq2seq_beam.py, which runs these same case
functions with flowgrad.
"""
import numpy as np

import goldenio
from gen_decoder import _set_weights

B, U, V, K = 2, 4, 6, 3
MEM = np.random.RandomState(5).uniform(-1, 1, (B, 4, 5))


def _leaves(tf, x):
    if isinstance(x, (list, tuple)):
        out = []
        for c in x:
            out.extend(_leaves(tf, c))
        return out
    if isinstance(x, tf.TensorArray):
        return [x.stack()]
    return [x]


def _beam(tf, attention=False, history=False, length_penalty=0.0, coverage=0.0,
          output_time_major=False, reorder=True, max_iter=7, end_token=2, dtype="float64",
          dynamic_batch=False):
    dt = tf.float64 if dtype == "float64" else tf.float32
    s2s = tf.contrib.seq2seq
    emb = tf.get_variable("embedding", [V, 3], dt)
    cell = tf.nn.rnn_cell.LSTMCell(U)
    feed = {}
    batch = B
    if attention:
        mem = tf.constant(MEM.astype(dt.as_numpy_dtype))
        if dynamic_batch:   # static batch unknown: the alignment history gets reordered
            ph = tf.placeholder(dt, [None, 4, 5])
            feed = {ph: MEM.astype(dt.as_numpy_dtype)}
            mem, batch = ph, tf.shape(ph)[0]
        mem = s2s.tile_batch(mem, K)
        lens = s2s.tile_batch(tf.constant([4, 2]), K)
        mech = s2s.BahdanauAttention(U, mem, memory_sequence_length=lens, dtype=dt)
        cell = s2s.AttentionWrapper(cell, mech, attention_layer_size=3,
                                    alignment_history=history)
    init = cell.zero_state(batch * K, dt)
    dec = s2s.BeamSearchDecoder(cell, emb, tf.fill([batch], 1), end_token, init, K,
                                output_layer=tf.layers.Dense(V),
                                length_penalty_weight=length_penalty,
                                coverage_penalty_weight=coverage,
                                reorder_tensor_arrays=reorder)
    out, state, lens = s2s.dynamic_decode(dec, output_time_major=output_time_major,
                                          maximum_iterations=max_iter)
    assigns = _set_weights(tf)
    fetch = {"predicted_ids": out.predicted_ids,
             "scores": out.beam_search_decoder_output.scores,
             "step_ids": out.beam_search_decoder_output.predicted_ids,
             "parent_ids": out.beam_search_decoder_output.parent_ids,
             "log_probs": state.log_probs, "finished": state.finished,
             "lengths": state.lengths, "seq_lengths": lens,
             "cell_state": _leaves(tf, state.cell_state)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        res = sess.run(fetch, feed)
    res["names"] = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    res["shape"] = str(out.predicted_ids.shape)
    return res


CASES = {
    "beam/basic": lambda tf: _beam(tf),
    "beam/length_penalty": lambda tf: _beam(tf, length_penalty=0.8, end_token=3),
    "beam/time_major": lambda tf: _beam(tf, output_time_major=True, max_iter=4),
    "beam/attention": lambda tf: _beam(tf, attention=True),
    "beam/attention_history": lambda tf: _beam(tf, attention=True, history=True),
    "beam/attention_history_no_reorder": lambda tf: _beam(tf, attention=True, history=True,
                                                          reorder=False),
    "beam/coverage_f32": lambda tf: _beam(tf, attention=True, coverage=0.4,
                                          length_penalty=0.5, dtype="float32"),
    "beam/long": lambda tf: _beam(tf, max_iter=12, end_token=5),
    "beam/attention_history_dynamic_batch": lambda tf: _beam(tf, attention=True, history=True,
                                                             dynamic_batch=True),
}


def _tile(tf):
    s2s = tf.contrib.seq2seq
    t = s2s.tile_batch({"a": tf.constant([[1, 2], [3, 4]]), "b": tf.constant([5., 6.])}, 3)
    with tf.Session() as sess:
        return sess.run(t)


def _gather_tree(tf):
    step = np.array([[[2, 5, 3], [1, 1, 1]], [[4, 2, 7], [3, 5, 1]],
                     [[6, 1, 2], [8, 9, 4]], [[7, 2, 3], [2, 3, 4]]], np.int32)
    parent = np.array([[[0, 0, 0], [0, 0, 0]], [[0, 0, 1], [2, 1, 0]],
                       [[2, 1, 0], [1, 2, 2]], [[1, 2, 0], [0, 1, 2]]], np.int32)
    out = tf.contrib.seq2seq.gather_tree(step, parent, tf.constant([4, 3]), 2)
    out2 = tf.contrib.seq2seq.gather_tree(step, parent, tf.constant([0, 9]), 4)
    with tf.Session() as sess:
        return sess.run([out, out2]) + [str(out.shape), out.op.type]


CASES["tile_batch"] = _tile
CASES["gather_tree"] = _gather_tree


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the class and message
            return goldenio.GoldenError.of(e, str(e).splitlines()[0])
        return "no error"
    return case


def _gt(tf, step, parent, lens, end):
    out = tf.contrib.seq2seq.gather_tree(step, parent, lens, end)
    with tf.Session() as sess:
        return sess.run(out)


_S = [[[1, 2]], [[3, 4]]]
CASES["error/gather_tree_rank"] = _error(lambda tf: _gt(tf, tf.constant([[1, 2]]),
                                                       tf.constant([[0, 0]]), [1], 9))
CASES["error/gather_tree_lens_rank"] = _error(lambda tf: _gt(tf, tf.constant(_S),
                                                            tf.constant(_S), [[1]], 9))
CASES["error/gather_tree_shapes"] = _error(
    lambda tf: _gt(tf, tf.constant(_S), tf.constant([[[0, 0]]]), [1], 9))
CASES["error/gather_tree_end_rank"] = _error(
    lambda tf: _gt(tf, tf.constant(_S), tf.constant(_S), [1], [9]))
CASES["error/gather_tree_batch"] = _error(
    lambda tf: _gt(tf, tf.constant(_S), tf.constant(_S), [1, 2], 9))
CASES["error/gather_tree_dtype"] = _error(
    lambda tf: _gt(tf, tf.constant(_S, tf.int64), tf.constant(_S), [1], 9))
CASES["error/gather_tree_parent"] = _error(
    lambda tf: _gt(tf, tf.constant(_S), tf.constant([[[0, 0]], [[5, 0]]]), [2], 9))
CASES["error/tile_batch_rank"] = _error(
    lambda tf: tf.contrib.seq2seq.tile_batch(tf.constant(3.0), 2))
CASES["error/start_tokens"] = _error(lambda tf: tf.contrib.seq2seq.BeamSearchDecoder(
    tf.nn.rnn_cell.GRUCell(2), tf.ones([4, 2]), [[1]], 2, tf.zeros([6, 2]), 3))
CASES["error/untiled_state"] = _error(lambda tf: tf.contrib.seq2seq.BeamSearchDecoder(
    tf.nn.rnn_cell.GRUCell(2), tf.ones([4, 2]), [1, 1], 2, tf.zeros([2, 2]), 3))
CASES["error/coverage_no_attention"] = _error(lambda tf: tf.contrib.seq2seq.BeamSearchDecoder(
    tf.nn.rnn_cell.GRUCell(2), tf.ones([4, 2]), [1, 1], 2, tf.zeros([6, 2]), 3,
    coverage_penalty_weight=0.5).initialize())


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
