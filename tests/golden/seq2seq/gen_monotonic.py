"""TF 1.14 goldens for the monotonic attention mechanisms in float32 (TF 1.14's recursive
mode builds float32 tensors, so float32 is what works there): BahdanauMonotonicAttention
(recursive, parallel with seeded sigmoid noise) and LuongMonotonicAttention (hard, with
a score bias) in an AttentionWrapper decoder; outputs, states, gradients w.r.t. the
inputs and every variable. Variables are set from their names (gen_decoder).

Output: monotonic.json, read by tests/test_seq2seq_decoder.py.
"""
import numpy as np

from gen_decoder import MEM, U, V, X, _run


def _case(tf, kind, **kw):
    tf.set_random_seed(2)
    mem = tf.constant(MEM.astype(np.float32))
    s2s = tf.contrib.seq2seq
    if kind == "bahdanau":
        mech = s2s.BahdanauMonotonicAttention(U, mem, memory_sequence_length=[4, 2, 3], **kw)
    else:
        mech = s2s.LuongMonotonicAttention(U, mem, **kw)
    cell = s2s.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(U), mech, attention_layer_size=3,
                                alignment_history=True)
    x = tf.constant(X.astype(np.float32))
    helper = s2s.TrainingHelper(x, tf.constant([5, 3, 4]))
    dec = s2s.BasicDecoder(cell, helper, cell.zero_state(3, tf.float32),
                           output_layer=tf.layers.Dense(V))
    out, state, lens = s2s.dynamic_decode(dec, impute_finished=True)
    return _run(tf, out, state, lens, [x, mem])


CASES = {
    "bahdanau_recursive": lambda tf: _case(tf, "bahdanau", mode="recursive"),
    "bahdanau_parallel_noise_norm": lambda tf: _case(
        tf, "bahdanau", mode="parallel", sigmoid_noise=0.5, sigmoid_noise_seed=3,
        normalize=True, score_bias_init=0.5),
    "luong_hard_scale": lambda tf: _case(tf, "luong", mode="hard", scale=True,
                                         score_bias_init=-0.2),
    "luong_recursive": lambda tf: _case(tf, "luong", mode="recursive"),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
