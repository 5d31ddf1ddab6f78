"""A small sequence-to-sequence model with attention (a TF 1.x NMT-tutorial-style script):
it learns to reverse digit sequences. Encoder: embedding + dynamic_rnn LSTM; decoder:
AttentionWrapper(LSTMCell, BahdanauAttention) from the encoder's final state,
TrainingHelper + BasicDecoder + dynamic_decode, sequence_loss, Adam. After training it
saves a checkpoint, decodes greedily, then builds an inference graph with a
BeamSearchDecoder (tile_batch) that restores the checkpoint and prints the beams.
Seeded initializers, so TF 1.14 and flowgrad print the same numbers.
Run: python nmt_attention.py, or flowgrad run nmt_attention.py."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

VOCAB, EMB, HIDDEN, BATCH, MAX_LEN = 12, 8, 16, 8, 6
GO, EOS = 1, 2
rng = np.random.RandomState(7)


def make_batch():
    lens = rng.randint(3, MAX_LEN + 1, BATCH)
    src = np.zeros((BATCH, MAX_LEN), np.int32)
    tgt_in = np.zeros((BATCH, MAX_LEN + 1), np.int32)
    tgt_out = np.zeros((BATCH, MAX_LEN + 1), np.int32)
    for i, n in enumerate(lens):
        seq = rng.randint(3, VOCAB, n)
        src[i, :n] = seq
        tgt_in[i, :n + 1] = np.concatenate([[GO], seq[::-1]])
        tgt_out[i, :n + 1] = np.concatenate([seq[::-1], [EOS]])
    return src, lens.astype(np.int32), tgt_in, tgt_out, (lens + 1).astype(np.int32)


def encoder(src, src_len):
    emb = tf.get_variable("embedding", [VOCAB, EMB])
    cell = tf.nn.rnn_cell.LSTMCell(HIDDEN)
    outputs, state = tf.nn.dynamic_rnn(cell, tf.nn.embedding_lookup(emb, src),
                                       sequence_length=src_len, dtype=tf.float32,
                                       scope="encoder")
    return emb, outputs, state


def decoder_cell(memory, memory_len, enc_state, batch):
    mech = tf.contrib.seq2seq.BahdanauAttention(HIDDEN, memory,
                                                memory_sequence_length=memory_len)
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(HIDDEN), mech,
                                               attention_layer_size=HIDDEN)
    init = cell.zero_state(batch, tf.float32).clone(cell_state=enc_state)
    return cell, init


init = tf.random_uniform_initializer(-0.25, 0.25, seed=11)
ckpt_dir = tempfile.mkdtemp()
graph = tf.Graph()
with graph.as_default():
    src = tf.placeholder(tf.int32, [BATCH, MAX_LEN])
    src_len = tf.placeholder(tf.int32, [BATCH])
    tgt_in = tf.placeholder(tf.int32, [BATCH, MAX_LEN + 1])
    tgt_out = tf.placeholder(tf.int32, [BATCH, MAX_LEN + 1])
    tgt_len = tf.placeholder(tf.int32, [BATCH])
    with tf.variable_scope("nmt", initializer=init):
        emb, memory, enc_state = encoder(src, src_len)
        cell, dec_init = decoder_cell(memory, src_len, enc_state, BATCH)
        projection = tf.layers.Dense(VOCAB, name="projection")
        helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in),
                                                   tgt_len)
        dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, dec_init, output_layer=projection)
        out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True)
        logits = out.rnn_output
        weights = tf.sequence_mask(tgt_len, tf.shape(logits)[1], dtype=tf.float32)
        loss = tf.contrib.seq2seq.sequence_loss(logits, tgt_out[:, :tf.shape(logits)[1]],
                                                weights)
        greedy = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([BATCH], GO), EOS)
        infer = tf.contrib.seq2seq.BasicDecoder(cell, greedy, dec_init, output_layer=projection)
        infer_out, _, infer_len = tf.contrib.seq2seq.dynamic_decode(
            infer, maximum_iterations=MAX_LEN + 2)
    grads = [tf.convert_to_tensor(g) for g in tf.gradients(loss, tf.trainable_variables())]
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    saver = tf.train.Saver()
    for v in tf.trainable_variables():
        print(v.name, v.shape.as_list())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        batch = make_batch()
        feed = dict(zip([src, src_len, tgt_in, tgt_out, tgt_len], batch))
        print("grad norms", " ".join("%.5f" % np.linalg.norm(g)
                                     for g in sess.run(grads, feed)))
        for step in range(60):
            feed = dict(zip([src, src_len, tgt_in, tgt_out, tgt_len], make_batch()))
            _, l = sess.run([train, loss], feed)
            if step % 10 == 0:
                print("step %d loss %.4f" % (step, l))
        test = make_batch()
        feed = {src: test[0], src_len: test[1]}
        ids, lens = sess.run([infer_out.sample_id, infer_len], feed)
        print("source", test[0].tolist())
        print("greedy", ids.tolist(), lens.tolist())
        saver.save(sess, os.path.join(ckpt_dir, "model"))

BEAM = 3
with tf.Graph().as_default():
    src = tf.placeholder(tf.int32, [BATCH, MAX_LEN])
    src_len = tf.placeholder(tf.int32, [BATCH])
    with tf.variable_scope("nmt"):
        emb, memory, enc_state = encoder(src, src_len)
        tiled = tf.contrib.seq2seq.tile_batch((memory, src_len, enc_state), BEAM)
        cell, dec_init = decoder_cell(tiled[0], tiled[1], tiled[2], BATCH * BEAM)
        projection = tf.layers.Dense(VOCAB, name="projection")
        dec = tf.contrib.seq2seq.BeamSearchDecoder(cell, emb, tf.fill([BATCH], GO), EOS,
                                                   dec_init, BEAM, output_layer=projection,
                                                   length_penalty_weight=0.6)
        out, state, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=MAX_LEN + 2)
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, os.path.join(ckpt_dir, "model"))
        ids, scores = sess.run([out.predicted_ids, out.beam_search_decoder_output.scores],
                               {src: test[0], src_len: test[1]})
        print("beams", ids[:, :, 0].tolist())
        print("best scores", " ".join("%.3f" % s for s in scores[:, -1, 0]))
shutil.rmtree(ckpt_dir)
