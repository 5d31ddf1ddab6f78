"""Online / monotonic attention and several mechanisms in one AttentionWrapper:
BahdanauMonotonicAttention(normalize=True, sigmoid_noise, score_bias_init, mode="parallel"),
LuongMonotonicAttention(scale=True, mode="recursive"), mode="hard" with 0/1 scores,
attention_layer_size as a list, output_attention=False, alignment_history on both,
monotonic_attention and safe_cumprod on their own, hardmax; a few training steps, the
alignments and state shapes, and the errors TF raises. parallel_iterations=1: TF's
sigmoid noise in a parallel loop is drawn in a racy order."""
import numpy as np
import tensorflow as tf

np.random.seed(9)
tf.set_random_seed(41)
rs = np.random.RandomState(29)
B, TM, TD, D, H = 2, 5, 4, 6, 5
mem = rs.randn(B, TM, D).astype(np.float32)
mlen = np.array([5, 3], np.int32)
dec_x = rs.randn(B, TD, 3).astype(np.float32)
target = rs.randn(B, TD, 4).astype(np.float32)

memory = tf.constant(mem)
with tf.variable_scope("mono", initializer=tf.glorot_uniform_initializer(seed=6)):
    bm = tf.contrib.seq2seq.BahdanauMonotonicAttention(
        H, memory, memory_sequence_length=mlen, normalize=True, sigmoid_noise=1.0,
        sigmoid_noise_seed=3, score_bias_init=-1.0, mode="parallel")
    lm = tf.contrib.seq2seq.LuongMonotonicAttention(
        H, memory, memory_sequence_length=mlen, scale=True, score_bias_init=0.5,
        mode="recursive")
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.nn.rnn_cell.LSTMCell(H, name="lstm"), [bm, lm], attention_layer_size=[4, 3],
        alignment_history=True, output_attention=False, name="multi")
    print("sizes", cell.output_size, cell.state_size.attention,
          cell.state_size.alignments, cell.state_size.attention_state)
    helper = tf.contrib.seq2seq.TrainingHelper(tf.constant(dec_x), tf.constant([4, 2]))
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float32),
                                          output_layer=tf.layers.Dense(4, name="out"))
    o, st, fl = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True,
                                                  parallel_iterations=1)
    print("outputs", o.rnn_output.shape, st.attention.shape,
          [a.shape for a in st.alignments], type(st.alignment_history).__name__)
    hist = [h.stack() for h in st.alignment_history]
    loss = tf.reduce_mean(tf.square(o.rnn_output - target))
    train = tf.train.AdamOptimizer(0.05).minimize(loss)
    print("vars", [v.op.name for v in tf.trainable_variables()])

p = tf.constant([[0.5, 0.9, 0.2, 0.7, 1.0], [0.1, 0.0, 0.99, 0.3, 0.6]], tf.float32)
prev = tf.constant([[0.6, 0.4, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0]], tf.float32)
ma = {m: tf.contrib.seq2seq.monotonic_attention(p, prev, m) for m in
      ["recursive", "parallel"]}
hp = tf.constant([[0., 1., 0., 1., 1.], [1., 0., 1., 0., 0.]])
ma["hard"] = tf.contrib.seq2seq.monotonic_attention(hp, prev, "hard")
cp = tf.contrib.seq2seq.safe_cumprod(p, axis=1, exclusive=True)
hm = tf.contrib.seq2seq.hardmax(tf.constant([[1.0, 3.0, 3.0, 2.0], [-1.0, -2.0, 0.5, 0.5]]))
print(hm.op.name, cp.op.name, ma["hard"].op.name, hm.dtype)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = sess.run([loss, train])
        print("step", i, repr(float(lv)))
    h0, h1, al, f = sess.run(hist + [st.alignments, fl])
    print("hist0", h0.shape, h0[:, 1].round(5).tolist())
    print("hist1", h1.shape, h1[:, 0].round(5).tolist())
    print("final", [a.round(5).tolist() for a in al], f.tolist())
    for m in ["recursive", "parallel", "hard"]:
        print(m, sess.run(ma[m]).round(6).tolist())
    print("cumprod", sess.run(cp).round(6).tolist())
    print("hardmax", sess.run(hm).tolist())

for bad in [lambda: tf.contrib.seq2seq.monotonic_attention(p, prev, "soft"),
            lambda: tf.contrib.seq2seq.AttentionWrapper(
                tf.nn.rnn_cell.LSTMCell(H), [bm, lm], attention_layer_size=[4]),
            lambda: tf.contrib.seq2seq.AttentionWrapper(
                tf.nn.rnn_cell.LSTMCell(H), bm, attention_layer_size=[4]),
            lambda: tf.contrib.seq2seq.BahdanauMonotonicAttention(H, memory, mode="bogus")]:
    try:
        r = bad()
        print("built", type(r).__name__)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
