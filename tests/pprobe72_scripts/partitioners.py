"""Partitioned variables as TF1 embedding code creates them: tf.fixed_size_partitioner,
tf.min_max_variable_partitioner and tf.variable_axis_size_partitioner in get_variable and
in a variable_scope, the PartitionedVariable's slices (names, shapes, save_slice_info),
embedding_lookup over the partitions with a training loop, and the errors."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(9)
rs = np.random.RandomState(4)
IDS = rs.randint(0, 10, size=(6,)).astype(np.int64)
Y = rs.randn(6, 1).astype(np.float32)

emb = tf.get_variable("emb", [10, 4], partitioner=tf.fixed_size_partitioner(3),
                      initializer=tf.truncated_normal_initializer(stddev=0.1, seed=1))
print(type(emb).__name__, emb.name, emb.get_shape(), len(list(emb)))
for p in emb:
    print(p.name, p.get_shape(), p._save_slice_info.full_name,
          p._save_slice_info.var_offset, p._save_slice_info.var_shape)
with tf.variable_scope("mm", partitioner=tf.min_max_variable_partitioner(
        max_partitions=4, axis=0, min_slice_size=16)):
    big = tf.get_variable("big", [20, 8], initializer=tf.random_uniform_initializer(seed=2))
print([(p.name, p.get_shape().as_list()) for p in big])
part = tf.variable_axis_size_partitioner(max_shard_bytes=64, axis=0)
axp = tf.get_variable("axp", [9, 3], partitioner=part, initializer=tf.ones_initializer())
print([(p.name, p.get_shape().as_list()) for p in axp])
print(tf.fixed_size_partitioner(4)(shape=tf.TensorShape([10, 3]), dtype=tf.float32))
mmp = tf.min_max_variable_partitioner(3, min_slice_size=8)
print(mmp(shape=tf.TensorShape([40, 2]), dtype=tf.float32))
with tf.variable_scope("", reuse=True):
    again = tf.get_variable("emb", [10, 4], partitioner=tf.fixed_size_partitioner(3))
print(again is emb, [v.name for v in tf.global_variables()][:4])
try:
    tf.get_variable("emb", [10, 4], partitioner=tf.fixed_size_partitioner(3))
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    with tf.variable_scope("", reuse=True):
        tf.get_variable("emb", [10, 4], partitioner=tf.fixed_size_partitioner(2))
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])

ids = tf.placeholder(tf.int64, [None])
y = tf.placeholder(tf.float32, [None, 1])
e = tf.nn.embedding_lookup(emb, ids, partition_strategy="div")
w = tf.get_variable("w", [4, 1], initializer=tf.glorot_uniform_initializer(seed=5))
pred = tf.matmul(e, w)
loss = tf.reduce_mean(tf.square(pred - y))
train = tf.train.AdagradOptimizer(0.5).minimize(loss)
full = tf.convert_to_tensor(emb)
print(e.op.type, full.op.name, len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = sess.run([loss, train], {ids: IDS, y: Y})
        print(i, "%.9g" % lv)
    print(sess.run(full).shape, sess.run(tf.reduce_sum(big.as_tensor())))
    print(sess.run(emb.as_tensor())[IDS[:2]].tolist())
