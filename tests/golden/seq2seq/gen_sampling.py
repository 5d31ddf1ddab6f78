"""TF 1.14 goldens for the sampling helpers of tf.contrib.seq2seq under a graph seed and
op seeds (SampleEmbeddingHelper, ScheduledEmbeddingTrainingHelper,
ScheduledOutputTrainingHelper with sampling probabilities strictly between 0 and 1):
sampled ids, outputs and final states of a whole decode, run twice in one session (the
random ops draw new numbers on each run).

Output: sampling.json, read by tests/test_seq2seq_decoder.py.
"""
import numpy as np

from gen_decoder import B, D, LENGTHS, V, X, _cell, _embedding, _leaves, _set_weights


def _decode(tf, helper_fn, max_iter=None):
    tf.set_random_seed(5)
    cell = _cell(tf)
    helper = helper_fn()
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                                          output_layer=tf.layers.Dense(V))
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=max_iter)
    fetch = [_leaves(tf, out), _leaves(tf, state), lens]
    assigns = _set_weights(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        return [sess.run(fetch), sess.run(fetch)]


def _sample(tf, temperature):
    emb = _embedding(tf)
    return _decode(tf, lambda: tf.contrib.seq2seq.SampleEmbeddingHelper(
        emb, tf.fill([B], 1), 2, softmax_temperature=temperature, seed=3), max_iter=6)


def _scheduled_embedding(tf):
    emb = _embedding(tf)
    inputs = tf.constant(np.tile(X, (1, 1, 2))[:, :, :3])
    return _decode(tf, lambda: tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
        inputs, tf.constant(LENGTHS), emb, 0.5, seed=7, scheduling_seed=9))


def _scheduled_output(tf, aux):
    x = tf.constant(X)
    kwargs = {"next_inputs_fn": lambda o: o[:, :D] * 0.5}
    if aux:
        kwargs = {"auxiliary_inputs": tf.constant(X[:, :, :1]),
                  "next_inputs_fn": lambda o: o[:, :D]}
    return _decode(tf, lambda: tf.contrib.seq2seq.ScheduledOutputTrainingHelper(
        x, tf.constant(LENGTHS), 0.4, seed=4, **kwargs))


CASES = {
    "sample": lambda tf: _sample(tf, None),
    "sample_temperature": lambda tf: _sample(tf, 0.5),
    "scheduled_embedding": _scheduled_embedding,
    "scheduled_output": lambda tf: _scheduled_output(tf, False),
    "scheduled_output_aux": lambda tf: _scheduled_output(tf, True),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
