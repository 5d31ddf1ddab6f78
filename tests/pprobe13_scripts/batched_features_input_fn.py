"""An input_fn in the tf.estimator style built on tf.data.experimental.make_batched_features_dataset
(TFRecord shards in a temp directory, no shuffle, two epochs, label_key, one reader and parser
thread, drop_final_batch) and its sibling make_tf_record_dataset-free forms: the contrib
aliases (tf.contrib.data.parallel_interleave, sliding_window_batch), Counter zipped in,
prefetch_to_device("/cpu:0"); feature columns (bucketized, hashed indicator, embedding)
into a linear model and a DNN trained with FTRL and SGD on it; losses at full precision."""

import os
import tempfile
import numpy as np
import tensorflow as tf

tf.set_random_seed(53)
rs = np.random.RandomState(29)
d = tempfile.mkdtemp()
for k in range(3):
    with tf.python_io.TFRecordWriter(os.path.join(d, "shard-%d" % k)) as w:
        for i in range(7):
            x = rs.uniform(-2, 2, 2).astype(np.float32)
            w.write(tf.train.Example(features=tf.train.Features(feature={
                "x": tf.train.Feature(float_list=tf.train.FloatList(value=x.tolist())),
                "kind": tf.train.Feature(bytes_list=tf.train.BytesList(
                    value=[[b"cat", b"dog", b"eel"][(i + k) % 3]])),
                "y": tf.train.Feature(int64_list=tf.train.Int64List(
                    value=[int(x[0] - x[1] > 0)]))})).SerializeToString())
fc = tf.feature_column
x = fc.numeric_column("x", shape=[2])
kind = fc.categorical_column_with_hash_bucket("kind", 5)
cols_lin = [fc.bucketized_column(x, [-1.0, 0.0, 1.0]), kind]
cols_dnn = [x, fc.indicator_column(kind), fc.embedding_column(kind, 2)]
spec = fc.make_parse_example_spec(cols_lin + cols_dnn)
spec["y"] = tf.FixedLenFeature([], tf.int64)


def input_fn():
    ds = tf.data.experimental.make_batched_features_dataset(
        os.path.join(d, "shard-*"), batch_size=4, features=spec, label_key="y",
        reader_num_threads=1, parser_num_threads=1, shuffle=False, num_epochs=2,
        drop_final_batch=True, sloppy_ordering=False)
    return ds.prefetch(1)


g = tf.get_default_graph()
ds = input_fn()
print(len(g.get_operations()), sorted(ds.output_types[0].items()), ds.output_types[1])
feats, label = ds.make_one_shot_iterator().get_next()
lin = fc.linear_model(feats, cols_lin)
net = tf.layers.dense(fc.input_layer(feats, cols_dnn), 3, tf.nn.tanh,
                      kernel_initializer=tf.glorot_uniform_initializer(seed=1))
dnn = tf.layers.dense(net, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
yf = tf.cast(tf.expand_dims(label, 1), tf.float32)
loss = tf.losses.sigmoid_cross_entropy(yf, lin + dnn)
lin_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "linear_model")
dnn_vars = [v for v in tf.trainable_variables() if v not in lin_vars]
train = tf.group(tf.train.FtrlOptimizer(0.2).minimize(loss, var_list=lin_vars),
                 tf.train.GradientDescentOptimizer(0.3).minimize(loss, var_list=dnn_vars))
print(len(g.get_operations()))

files = tf.data.Dataset.list_files(os.path.join(d, "shard-*"), shuffle=False)
recs = files.apply(tf.contrib.data.parallel_interleave(tf.data.TFRecordDataset, cycle_length=2))
win = tf.data.Dataset.range(9).apply(tf.contrib.data.sliding_window_batch(4, 3))
cnt = tf.data.Dataset.zip((tf.data.experimental.Counter(start=100, step=-3), win)).apply(
    tf.data.experimental.prefetch_to_device("/cpu:0"))
n_recs = recs.reduce(np.int64(0), lambda s, r: s + 1)
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    step = 0
    while True:
        try:
            lv, yv, _ = s.run([loss, label, train])
        except tf.errors.OutOfRangeError:
            break
        print(step, yv.tolist(), repr(float(lv)))
        step += 1
    for v in tf.trainable_variables():
        print(v.name, [repr(float(t)) for t in s.run(v).ravel()[:4]])
    print(s.run(n_recs))
    nxt = cnt.make_one_shot_iterator().get_next()
    while True:
        try:
            c, w = s.run(nxt)
        except tf.errors.OutOfRangeError:
            break
        print(c, w.tolist())
