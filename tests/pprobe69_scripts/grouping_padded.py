"""Variable-length sequences: group_by_window, bucket_by_sequence_length, padded_batch."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.random.seed(3)

lengths = np.random.randint(1, 8, size=20)
seqs = [list(range(1, int(n) + 1)) for n in lengths]
print("lengths", lengths.tolist())


def gen():
    for s in seqs:
        yield s, len(s)


ds = tf.data.Dataset.from_generator(gen, output_types=(tf.int64, tf.int32),
                                    output_shapes=(tf.TensorShape([None]), tf.TensorShape([])))
print("gen", ds.output_types, ds.output_shapes)

pb = ds.padded_batch(3, padded_shapes=([8], []), padding_values=(np.int64(-1), 0),
                     drop_remainder=True)
print("padded_batch shapes", pb.output_shapes)
nxt = pb.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    count = 0
    try:
        while True:
            a, ln = sess.run(nxt)
            if count < 2:
                print(a.tolist(), ln.tolist())
            count += 1
    except tf.errors.OutOfRangeError:
        print("batches", count)

# group_by_window on length buckets
def key_f(s, n):
    return tf.cast(tf.minimum(n // 3, 2), tf.int64)


def reduce_f(key, win):
    return win.padded_batch(4, padded_shapes=([None], []))


g = ds.apply(tf.data.experimental.group_by_window(key_f, reduce_f, window_size=4))
gn = g.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    try:
        while True:
            a, ln = sess.run(gn)
            print("group", a.shape, ln.tolist())
    except tf.errors.OutOfRangeError:
        print("group end")

# bucket_by_sequence_length feeding an embedding bag model
bk = ds.apply(tf.data.experimental.bucket_by_sequence_length(
    lambda s, n: n, bucket_boundaries=[3, 5], bucket_batch_sizes=[4, 3, 2],
    padded_shapes=([None], []), padding_values=(np.int64(0), 0), pad_to_bucket_boundary=False))
print("bucket shapes", bk.output_shapes)
bk = bk.repeat()
toks, n = bk.make_one_shot_iterator().get_next()
emb = tf.get_variable("emb", [8, 4], initializer=tf.random_normal_initializer(seed=5))
e = tf.nn.embedding_lookup(emb, toks)
mask = tf.sequence_mask(n, tf.shape(toks)[1], dtype=tf.float32)
pooled = tf.reduce_sum(e * mask[:, :, None], 1) / tf.cast(n, tf.float32)[:, None]
target = tf.cast(n, tf.float32) / 7.0
out = tf.layers.dense(pooled, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
loss = tf.reduce_mean(tf.square(tf.squeeze(out, 1) - target))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        t, lv, _ = sess.run([tf.shape(toks), loss, train])
        print("step", i, t.tolist(), "%.9g" % lv)

# errors: bucket_batch_sizes length mismatch
try:
    ds.apply(tf.data.experimental.bucket_by_sequence_length(
        lambda s, n: n, [3, 5], [4, 3]))
except ValueError as ex:
    print("ValueError", ex)
try:
    ds.padded_batch(2, padded_shapes=([8],))
except Exception as ex:
    print(type(ex).__name__, ex)
