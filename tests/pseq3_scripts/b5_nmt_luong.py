"""The TF NMT tutorial's model pieces: embedding_lookup, a bidirectional_dynamic_rnn encoder,
scaled LuongAttention + AttentionWrapper, TrainingHelper / BasicDecoder / dynamic_decode,
masked cross-entropy, clip_by_global_norm, Adam with staircase exponential decay: op
count (before the gradients), losses, norms and values after three steps."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
rng = np.random.RandomState(5)
B, T_src, T_tgt, V_src, V_tgt, E, H = 3, 6, 5, 20, 22, 8, 10
src = rng.randint(3, V_src, (B, T_src)).astype(np.int32)
src_len = np.array([6, 4, 5], np.int32)
tgt_in = rng.randint(3, V_tgt, (B, T_tgt)).astype(np.int32)
tgt_out = rng.randint(3, V_tgt, (B, T_tgt)).astype(np.int32)
tgt_len = np.array([5, 3, 4], np.int32)

source = tf.placeholder(tf.int32, [None, None], name="source")
source_len = tf.placeholder(tf.int32, [None], name="source_len")
target_in = tf.placeholder(tf.int32, [None, None], name="target_in")
target_out = tf.placeholder(tf.int32, [None, None], name="target_out")
target_len = tf.placeholder(tf.int32, [None], name="target_len")
init = tf.random_uniform_initializer(-0.1, 0.1, seed=3)
with tf.variable_scope("nmt", initializer=init):
    with tf.variable_scope("embeddings"):
        emb_enc = tf.get_variable("embedding_encoder", [V_src, E])
        emb_dec = tf.get_variable("embedding_decoder", [V_tgt, E])
    with tf.variable_scope("encoder"):
        enc_inp = tf.nn.embedding_lookup(emb_enc, source)
        fw = tf.nn.rnn_cell.BasicLSTMCell(H // 2)
        bw = tf.nn.rnn_cell.BasicLSTMCell(H // 2)
        (ofw, obw), (sfw, sbw) = tf.nn.bidirectional_dynamic_rnn(
            fw, bw, enc_inp, dtype=tf.float32, sequence_length=source_len)
        enc_out = tf.concat([ofw, obw], -1)
        enc_state = tf.nn.rnn_cell.LSTMStateTuple(
            tf.concat([sfw.c, sbw.c], -1), tf.concat([sfw.h, sbw.h], -1))
    with tf.variable_scope("decoder") as dscope:
        attn = tf.contrib.seq2seq.LuongAttention(H, enc_out, memory_sequence_length=source_len,
                                                 scale=True)
        cell = tf.nn.rnn_cell.BasicLSTMCell(H)
        cell = tf.contrib.seq2seq.AttentionWrapper(cell, attn, attention_layer_size=H,
                                                   alignment_history=False, name="attention")
        batch = tf.shape(source)[0]
        dinit = cell.zero_state(batch, tf.float32).clone(cell_state=enc_state)
        dec_inp = tf.nn.embedding_lookup(emb_dec, target_in)
        helper = tf.contrib.seq2seq.TrainingHelper(dec_inp, target_len)
        proj = tf.layers.Dense(V_tgt, use_bias=False, name="output_projection")
        decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, dinit, output_layer=proj)
        outputs, fstate, _ = tf.contrib.seq2seq.dynamic_decode(decoder, scope=dscope)
        logits = outputs.rnn_output
    maxt = tf.shape(target_out)[1]
    crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target_out, logits=logits)
    weights = tf.sequence_mask(target_len, maxt, dtype=logits.dtype)
    loss = tf.reduce_sum(crossent * weights) / tf.to_float(batch)
    print(len(tf.get_default_graph().get_operations()))
    params = tf.trainable_variables()
    grads = tf.gradients(loss, params)
    cgrads, gnorm = tf.clip_by_global_norm(grads, 5.0)
    gs = tf.Variable(0, trainable=False, name="global_step")
    lr = tf.train.exponential_decay(0.01, gs, 2, 0.5, staircase=True)
    opt = tf.train.AdamOptimizer(lr)
    train = opt.apply_gradients(zip(cgrads, params), global_step=gs)
    print("train_ops", len(tf.get_default_graph().get_operations()))
for v in params:
    print(v.name, v.shape.as_list())
fd = {source: src, source_len: src_len, target_in: tgt_in, target_out: tgt_out, target_len: tgt_len}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(3):
        lv, g, _ = s.run([loss, gnorm, train], fd)
        print(step, repr(float(lv)), repr(float(g)))
    lg = s.run(logits, fd)
    print(lg.shape, lg[1, :, :3].astype(np.float64).tolist())
    print(s.run(fstate.attention, fd)[0].astype(np.float64).tolist())
    print(s.run(params[-1])[0, :4].astype(np.float64).tolist())
