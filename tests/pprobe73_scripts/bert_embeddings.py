"""google-research/bert's modeling.py embeddings: embedding_lookup with and without
use_one_hot_embeddings (a one_hot MatMul vs a gather on the flattened ids), token-type
embeddings by one_hot, position embeddings by tf.slice of the full table under an
assert_less_equal, embedding_postprocessor's layer_norm_and_dropout (contrib layer_norm over
the last axis), get_shape_list with a dynamic batch; the gradients (IndexedSlices vs dense),
losses over a few steps, op counts and the InvalidArgumentError of a too long sequence;
then a BERT-BiLSTM-CRF-NER style CRF head on the embeddings (its weights by the
xavier_initializer of `from tensorflow.contrib.layers.python.layers import initializers`,
lengths by tf.sign(tf.abs(input_ids)), crf_log_likelihood and crf_decode)."""
import collections

import numpy as np
import tensorflow as tf
from tensorflow.contrib.layers.python.layers import initializers

np.random.seed(7)
tf.set_random_seed(13)
rs = np.random.RandomState(21)
VOCAB, TYPES, MAXPOS, H = 11, 2, 8, 6
IDS = rs.randint(1, VOCAB, size=(3, 5)).astype(np.int32)
SEG = np.array([[0, 0, 0, 1, 1], [0, 0, 1, 1, 1], [0, 0, 0, 0, 1]], np.int32)
Y = rs.randn(3, 5, H).astype(np.float32)


def get_shape_list(tensor, expected_rank=None, name=None):
    shape = tensor.shape.as_list()
    non_static_indexes = []
    for (index, dim) in enumerate(shape):
        if dim is None:
            non_static_indexes.append(index)
    if not non_static_indexes:
        return shape
    dyn_shape = tf.shape(tensor)
    for index in non_static_indexes:
        shape[index] = dyn_shape[index]
    return shape


def create_initializer(initializer_range=0.02):
    return tf.truncated_normal_initializer(stddev=initializer_range, seed=3)


def embedding_lookup(input_ids, vocab_size, embedding_size=128, initializer_range=0.02,
                     word_embedding_name="word_embeddings", use_one_hot_embeddings=False):
    if input_ids.shape.ndims == 2:
        input_ids = tf.expand_dims(input_ids, axis=[-1])
    embedding_table = tf.get_variable(
        name=word_embedding_name, shape=[vocab_size, embedding_size],
        initializer=create_initializer(initializer_range))
    flat_input_ids = tf.reshape(input_ids, [-1])
    if use_one_hot_embeddings:
        one_hot_input_ids = tf.one_hot(flat_input_ids, depth=vocab_size)
        output = tf.matmul(one_hot_input_ids, embedding_table)
    else:
        output = tf.gather(embedding_table, flat_input_ids)
    input_shape = get_shape_list(input_ids)
    output = tf.reshape(output, input_shape[0:-1] + [input_shape[-1] * embedding_size])
    return (output, embedding_table)


def layer_norm(input_tensor, name=None):
    return tf.contrib.layers.layer_norm(
        inputs=input_tensor, begin_norm_axis=-1, begin_params_axis=-1, scope=name)


def dropout(input_tensor, dropout_prob):
    if dropout_prob is None or dropout_prob == 0.0:
        return input_tensor
    return tf.nn.dropout(input_tensor, 1.0 - dropout_prob, seed=5)


def embedding_postprocessor(input_tensor, token_type_ids, token_type_vocab_size=16,
                            max_position_embeddings=512, dropout_prob=0.1):
    input_shape = get_shape_list(input_tensor, expected_rank=3)
    batch_size = input_shape[0]
    seq_length = input_shape[1]
    width = input_shape[2]
    output = input_tensor
    token_type_table = tf.get_variable(
        name="token_type_embeddings", shape=[token_type_vocab_size, width],
        initializer=create_initializer())
    flat_token_type_ids = tf.reshape(token_type_ids, [-1])
    one_hot_ids = tf.one_hot(flat_token_type_ids, depth=token_type_vocab_size)
    token_type_embeddings = tf.matmul(one_hot_ids, token_type_table)
    token_type_embeddings = tf.reshape(token_type_embeddings, [batch_size, seq_length, width])
    output += token_type_embeddings
    assert_op = tf.assert_less_equal(seq_length, max_position_embeddings)
    with tf.control_dependencies([assert_op]):
        full_position_embeddings = tf.get_variable(
            name="position_embeddings", shape=[max_position_embeddings, width],
            initializer=create_initializer())
        position_embeddings = tf.slice(full_position_embeddings, [0, 0], [seq_length, -1])
        num_dims = len(output.shape.as_list())
        position_broadcast_shape = []
        for _ in range(num_dims - 2):
            position_broadcast_shape.append(1)
        position_broadcast_shape.extend([seq_length, width])
        position_embeddings = tf.reshape(position_embeddings, position_broadcast_shape)
        output += position_embeddings
    output = layer_norm(output, name="LayerNorm")
    output = dropout(output, dropout_prob)
    return output


def build(one_hot, seq_static):
    ids = tf.placeholder(tf.int32, [None, 5 if seq_static else None], name="input_ids")
    seg = tf.placeholder(tf.int32, [None, 5 if seq_static else None], name="segment_ids")
    with tf.variable_scope("bert"):
        with tf.variable_scope("embeddings"):
            emb, table = embedding_lookup(ids, VOCAB, H, use_one_hot_embeddings=one_hot)
            out = embedding_postprocessor(emb, seg, TYPES, MAXPOS, dropout_prob=0.0)
    return ids, seg, emb, table, out


for one_hot in (False, True):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(13)
        ids, seg, emb, table, out = build(one_hot, seq_static=True)
        print("one_hot", one_hot, emb.shape, out.shape, out.name)
        loss = tf.reduce_mean(tf.squared_difference(out, Y))
        grads = tf.gradients(loss, tf.trainable_variables())
        print([(v.name, v.shape.as_list()) for v in tf.trainable_variables()])
        print([type(gr).__name__ for gr in grads], grads[0].name if one_hot else
              (grads[0].indices.name, grads[0].values.name, grads[0].dense_shape.name))
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        counts = collections.Counter(op.type for op in g.get_operations())
        print(sorted(counts.items()))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {ids: IDS, seg: SEG}
            print(sess.run(out, feed)[0, :2].tolist())
            for step in range(4):
                lv, _ = sess.run([loss, train], feed)
                print(step, repr(lv))
            print(sess.run(table)[IDS[0, 0]].tolist())

g = tf.Graph()
with g.as_default():
    ids, seg, emb, table, out = build(False, seq_static=False)
    print(out.shape, [op.name for op in g.get_operations() if "assert" in op.name.lower()][:6])
    long_ids = rs.randint(1, VOCAB, size=(2, 10)).astype(np.int32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(tf.shape(out), {ids: IDS[:, :4], seg: SEG[:, :4]}).tolist())
        try:
            sess.run(out, {ids: long_ids, seg: np.zeros((2, 10), np.int32)})
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, e.op.name if e.op is not None else None)
            print(e.message.splitlines()[0])

NUM_LABELS = 4
TAGS = rs.randint(0, NUM_LABELS, size=(3, 5)).astype(np.int32)
PAD_IDS = IDS.copy()
PAD_IDS[1, 3:] = 0
PAD_IDS[2, 4:] = 0
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(13)
    ids, seg, emb, table, out = build(True, seq_static=True)
    labels = tf.placeholder(tf.int32, [None, 5], name="label_ids")
    lengths = tf.reduce_sum(tf.sign(tf.abs(ids)), reduction_indices=1)
    with tf.variable_scope("project"):
        W = tf.get_variable("W", shape=[H, NUM_LABELS], dtype=tf.float32,
                            initializer=initializers.xavier_initializer(seed=4))
        b = tf.get_variable("b", shape=[NUM_LABELS], dtype=tf.float32,
                            initializer=tf.zeros_initializer())
        output = tf.reshape(out, shape=[-1, H])
        pred = tf.tanh(tf.nn.xw_plus_b(output, W, b))
        logits = tf.reshape(pred, [-1, 5, NUM_LABELS])
    with tf.variable_scope("crf_loss"):
        trans = tf.get_variable("transitions", shape=[NUM_LABELS, NUM_LABELS],
                                initializer=initializers.xavier_initializer(seed=5))
        log_likelihood, trans = tf.contrib.crf.crf_log_likelihood(
            inputs=logits, tag_indices=labels, transition_params=trans,
            sequence_lengths=lengths)
        loss = tf.reduce_mean(-log_likelihood)
    pred_ids, best_score = tf.contrib.crf.crf_decode(potentials=logits, transition_params=trans,
                                                     sequence_length=lengths)
    train = tf.train.AdamOptimizer(0.05).minimize(loss)
    print(initializers.xavier_initializer is tf.contrib.layers.xavier_initializer)
    print(lengths.name, log_likelihood.name, pred_ids.name, pred_ids.shape)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {ids: PAD_IDS, seg: SEG, labels: TAGS}
        print(sess.run(lengths, feed).tolist(), sess.run(W)[0].tolist())
        for step in range(4):
            lv, _ = sess.run([loss, train], feed)
            print(step, repr(lv))
        p, sc = sess.run([pred_ids, best_score], feed)
        print(p.tolist(), sc.tolist())
