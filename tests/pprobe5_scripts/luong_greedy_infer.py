"""Seq2seq with tf.contrib.seq2seq: a GRU encoder, LuongAttention(scale=True) in an
AttentionWrapper with output_attention=False, TrainingHelper for training (sequence_loss
with weights), then GreedyEmbeddingHelper inference sharing the decoder's variables."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(161)
rs = np.random.RandomState(162)
s2s = tf.contrib.seq2seq
B, S, T, V, E = 3, 5, 4, 7, 4
src = tf.placeholder(tf.int32, [B, S])
slen = tf.placeholder(tf.int32, [B])
tin = tf.placeholder(tf.int32, [B, T])
tout = tf.placeholder(tf.int32, [B, T])
tlen = tf.placeholder(tf.int32, [B])
emb = tf.get_variable("emb", [V, E])
enc_out, enc_st = tf.nn.dynamic_rnn(
    tf.nn.rnn_cell.GRUCell(6), tf.nn.embedding_lookup(emb, src), slen, dtype=tf.float32, scope="enc"
)
att = s2s.LuongAttention(6, enc_out, memory_sequence_length=slen, scale=True)
cell = s2s.AttentionWrapper(
    tf.nn.rnn_cell.GRUCell(6), att, attention_layer_size=5, output_attention=False
)
init = cell.zero_state(B, tf.float32).clone(cell_state=enc_st)
out_layer = tf.layers.Dense(V, name="out")
with tf.variable_scope("dec"):
    h = s2s.TrainingHelper(tf.nn.embedding_lookup(emb, tin), tlen)
    o, _, _ = s2s.dynamic_decode(s2s.BasicDecoder(cell, h, init, out_layer))
mask = tf.sequence_mask(tlen, T, tf.float32)
loss = s2s.sequence_loss(o.rnn_output, tout, mask)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
with tf.variable_scope("dec", reuse=True):
    gh = s2s.GreedyEmbeddingHelper(emb, tf.fill([B], 1), 2)
    go, gst, glen = s2s.dynamic_decode(
        s2s.BasicDecoder(cell, gh, init, out_layer), maximum_iterations=6
    )
print(len(tf.get_default_graph().get_operations()))
fd = {
    src: rs.randint(3, V, (B, S)),
    slen: [5, 3, 4],
    tin: rs.randint(3, V, (B, T)),
    tout: rs.randint(2, V, (B, T)),
    tlen: [4, 2, 3],
}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    ids, gl, al = s.run([go.sample_id, glen, gst.alignments], fd)
    print(ids.tolist(), gl.tolist(), H(al))
