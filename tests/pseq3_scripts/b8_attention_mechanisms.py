"""Monotonic (Bahdanau with sigmoid noise, Luong recursive and hard), hardmax and masked
Luong attention: one call with gradients of every variable, then an AttentionWrapper over
an LSTM in dynamic_rnn (parallel_iterations=1: TF's noise in a parallel loop is racy);
op counts, alignments and gradient sums at full precision."""
import numpy as np
import tensorflow as tf

B, T, D, H = 3, 5, 4, 6
MECHS = [
    ("bmono", lambda mem, mlen: tf.contrib.seq2seq.BahdanauMonotonicAttention(
        H, mem, memory_sequence_length=mlen, normalize=True, score_bias_init=-1.0,
        sigmoid_noise=1.0, sigmoid_noise_seed=5, mode="parallel")),
    ("lmono", lambda mem, mlen: tf.contrib.seq2seq.LuongMonotonicAttention(
        H, mem, memory_sequence_length=mlen, scale=True, mode="recursive")),
    ("lmono_hard", lambda mem, mlen: tf.contrib.seq2seq.LuongMonotonicAttention(
        H, mem, memory_sequence_length=mlen, mode="hard", sigmoid_noise=0.0)),
    ("bahdanau_hardmax", lambda mem, mlen: tf.contrib.seq2seq.BahdanauAttention(
        H, mem, memory_sequence_length=mlen, probability_fn=tf.contrib.seq2seq.hardmax)),
    ("luong_mask_value", lambda mem, mlen: tf.contrib.seq2seq.LuongAttention(
        H, mem, memory_sequence_length=mlen, score_mask_value=-1e4)),
]

for name, make in MECHS:
    for stage in ["call", "wrapper"]:
        with tf.Graph().as_default():
            tf.set_random_seed(77)
            rng = np.random.RandomState(8)
            mem = tf.constant(rng.randn(B, T, D).astype(np.float32))
            m = make(mem, tf.constant([5, 3, 4]))
            if stage == "call":
                al = m(tf.constant(rng.randn(B, H).astype(np.float32)),
                       m.initial_alignments(B, tf.float32))
                al = al[0] if isinstance(al, tuple) else al
                g = tf.gradients(tf.reduce_sum(al * tf.range(5.0)), tf.trainable_variables())
            else:
                cell = tf.contrib.seq2seq.AttentionWrapper(
                    tf.nn.rnn_cell.LSTMCell(H), m, output_attention=name != "bmono",
                    alignment_history=True)
                x = tf.constant(rng.randn(B, 4, 3).astype(np.float32))
                out, st = tf.nn.dynamic_rnn(cell, x, initial_state=cell.zero_state(B, tf.float32),
                                            dtype=tf.float32, parallel_iterations=1)
                al = st.alignment_history.stack()
                g = []
            print(name, stage, len(tf.get_default_graph().get_operations()))
            print([v.name for v, q in zip(tf.trainable_variables(), g) if q is None])
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                print(s.run(al).astype(np.float64).tolist())
                print([repr(float(np.abs(s.run(q)).sum())) for q in g if q is not None])
