"""A variable-length sequence pipeline: Dataset.from_generator, map to lengths,
bucket_by_sequence_length (padded batches per bucket), group_by_window with a reduce
function, window + flat_map, zip, and a make_initializable_iterator feeding a GRU
classifier trained with Adam over two epochs (re-initialising the iterator)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(141)
rs = np.random.RandomState(142)
seqs = [rs.randint(1, 9, size=rs.randint(2, 9)).astype(np.int64) for _ in range(14)]
labels = [int(s.sum() % 2) for s in seqs]


def gen():
    for s_, l_ in zip(seqs, labels):
        yield s_, l_


ds = tf.data.Dataset.from_generator(
    gen, (tf.int64, tf.int64), (tf.TensorShape([None]), tf.TensorShape([]))
)
ds = ds.map(lambda s, lv: (s, tf.size(s), lv))
bk = ds.apply(
    tf.data.experimental.bucket_by_sequence_length(
        lambda s, n, lv: n, [4, 7], [3, 3, 2], padded_shapes=([None], [], [])
    )
)
it = bk.make_initializable_iterator()
sx, sn, sl = it.get_next()
emb = tf.get_variable("emb", [9, 4], initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1))
cell = tf.nn.rnn_cell.GRUCell(6)
out, st = tf.nn.dynamic_rnn(
    cell, tf.nn.embedding_lookup(emb, sx), sequence_length=sn, dtype=tf.float32
)
logits = tf.layers.dense(st, 2)
loss = tf.losses.sparse_softmax_cross_entropy(sl, logits)
train = tf.train.AdamOptimizer(0.05).minimize(loss)

gw = tf.data.Dataset.range(12).apply(
    tf.data.experimental.group_by_window(lambda x: x % 3, lambda k, d: d.batch(3), window_size=3)
)
win = (
    tf.data.Dataset.range(7).window(3, shift=2, drop_remainder=True).flat_map(lambda w: w.batch(3))
)
zz = tf.data.Dataset.zip((tf.data.Dataset.range(4), tf.data.Dataset.range(10, 14))).map(
    lambda a, b: a * b
)


def drain(d):
    nxt = d.make_one_shot_iterator().get_next()
    out_ = []
    with tf.Session() as s2:
        while True:
            try:
                out_.append(s2.run(nxt).tolist())
            except tf.errors.OutOfRangeError:
                return out_


print("group", drain(gw))
print("window", drain(win))
print("zip", drain(zz))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for ep in range(2):
        s.run(it.initializer)
        k = 0
        while True:
            try:
                lv, n, _ = s.run([loss, sn, train])
                print("ep", ep, k, n.tolist(), repr(float(lv)))
                k += 1
            except tf.errors.OutOfRangeError:
                break
    print("emb", H(s.run(emb)))
