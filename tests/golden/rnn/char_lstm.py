"""A character-level LSTM language model on a tiny text (a TF 1.x tutorial-style script):
dynamic_rnn over one-hot characters, a softmax layer, Adam; prints the loss every 10 steps.
Fixed initial weights (seeded op-level initializers), so TF 1.14 and flowgrad print the
same losses. Run: python char_lstm.py, or flowgrad run char_lstm.py."""
import numpy as np
import tensorflow as tf

TEXT = ("the quick brown fox jumps over the lazy dog. "
        "a stitch in time saves nine. all that glitters is not gold. ") * 3
chars = sorted(set(TEXT))
vocab = len(chars)
ids = np.array([chars.index(c) for c in TEXT], np.int32)
batch, steps, hidden = 4, 12, 16


def batches():
    starts = np.arange(0, len(ids) - steps - 1, 7)
    for k in range(0, len(starts) - batch + 1, batch):
        s = starts[k:k + batch]
        x = np.stack([ids[i:i + steps] for i in s])
        y = np.stack([ids[i + 1:i + steps + 1] for i in s])
        yield x, y


x = tf.placeholder(tf.int32, [batch, steps], name="x")
y = tf.placeholder(tf.int32, [batch, steps], name="y")
lengths = tf.placeholder(tf.int32, [batch], name="lengths")
init = tf.random_uniform_initializer(-0.3, 0.3, seed=42)
with tf.variable_scope("model", initializer=init):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(hidden),
                                        tf.nn.rnn_cell.GRUCell(hidden)])
    outputs, state = tf.nn.dynamic_rnn(cell, tf.one_hot(x, vocab), sequence_length=lengths,
                                       dtype=tf.float32)
    w = tf.get_variable("softmax_w", [hidden, vocab])
    b = tf.get_variable("softmax_b", [vocab], initializer=tf.zeros_initializer())
logits = tf.reshape(tf.matmul(tf.reshape(outputs, [-1, hidden]), w) + b,
                    [batch, steps, vocab])
mask = tf.sequence_mask(lengths, steps, dtype=tf.float32)
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
loss = tf.reduce_sum(xent * mask) / tf.reduce_sum(mask)
train = tf.train.AdamOptimizer(0.02).minimize(loss)

for v in tf.trainable_variables():
    print(v.name, v.shape.as_list())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    step = 0
    for epoch in range(3):
        for bx, by in batches():
            lens = np.array([steps, steps - 3, steps, steps - 5], np.int32)
            _, l = sess.run([train, loss], {x: bx, y: by, lengths: lens})
            if step % 10 == 0:
                print("step %d loss %.4f" % (step, l))
            step += 1
    print("final loss %.4f" % l)
