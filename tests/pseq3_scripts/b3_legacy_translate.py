"""The old translate tutorial's seq2seq_model: embedding_attention_seq2seq over a GRU stack
with an output projection, sampled_softmax_loss, model_with_buckets (two buckets),
clip_by_global_norm and SGD per bucket: op counts, norms, losses and outputs."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
rng = np.random.RandomState(1)
src_vocab, tgt_vocab, size, num_samples = 20, 24, 8, 6
buckets = [(3, 4), (5, 6)]
batch = 2
encoder_inputs = [tf.placeholder(tf.int32, [None], name="encoder{0}".format(i))
                  for i in range(buckets[-1][0])]
decoder_inputs = [tf.placeholder(tf.int32, [None], name="decoder{0}".format(i))
                  for i in range(buckets[-1][1] + 1)]
target_weights = [tf.placeholder(tf.float32, [None], name="weight{0}".format(i))
                  for i in range(buckets[-1][1] + 1)]
targets = [decoder_inputs[i + 1] for i in range(len(decoder_inputs) - 1)]
w_t = tf.get_variable("proj_w", [tgt_vocab, size], dtype=tf.float32)
w = tf.transpose(w_t)
b = tf.get_variable("proj_b", [tgt_vocab], dtype=tf.float32)
output_projection = (w, b)


def sampled_loss(labels, logits):
    labels = tf.reshape(labels, [-1, 1])
    return tf.nn.sampled_softmax_loss(weights=w_t, biases=b, labels=labels, inputs=logits,
                                      num_sampled=num_samples, num_classes=tgt_vocab)


cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.GRUCell(size) for _ in range(2)])


def seq2seq_f(enc, dec, do_decode):
    import copy
    return tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
        enc, dec, copy.deepcopy(cell), num_encoder_symbols=src_vocab,
        num_decoder_symbols=tgt_vocab, embedding_size=size,
        output_projection=output_projection, feed_previous=do_decode, dtype=tf.float32)


outputs, losses = tf.contrib.legacy_seq2seq.model_with_buckets(
    encoder_inputs, decoder_inputs, targets, target_weights, buckets,
    lambda x, y: seq2seq_f(x, y, False), softmax_loss_function=sampled_loss)
print("model", len(tf.get_default_graph().get_operations()))
params = tf.trainable_variables()
opt = tf.train.GradientDescentOptimizer(0.5)
updates, norms = [], []
for bi in range(len(buckets)):
    gradients = tf.gradients(losses[bi], params)
    clipped, norm = tf.clip_by_global_norm(gradients, 5.0)
    norms.append(norm)
    updates.append(opt.apply_gradients(zip(clipped, params)))
print(len(tf.get_default_graph().get_operations()))
for p in params:
    print(p.name, p.shape.as_list())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(4):
        bi = step % 2
        es, ds = buckets[bi]
        fd = {}
        for k in range(es):
            fd[encoder_inputs[k].name] = rng.randint(1, src_vocab, batch)
        for k in range(ds):
            fd[decoder_inputs[k].name] = rng.randint(1, tgt_vocab, batch)
            fd[target_weights[k].name] = np.full(batch, float(k < ds - 1), np.float32)
        fd[decoder_inputs[ds].name] = np.zeros(batch, np.int32)
        _, n, lv = s.run([updates[bi], norms[bi], losses[bi]], fd)
        print(step, bi, repr(float(n)), repr(float(lv)))
    o = s.run(outputs[0][0], fd)
    print(o.shape, o[0, :4].astype(np.float64).tolist())
