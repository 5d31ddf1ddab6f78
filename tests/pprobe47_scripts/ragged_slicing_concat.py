"""Restructuring ragged tensors in TF1 graph mode: RaggedTensor __getitem__ (row, range,
[:, 1:], [:, -1] style on uniform rows, inner slices), tf.concat / tf.stack of ragged along
axis 0 and 1, tf.ragged.boolean_mask (ragged and dense masks), tf.tile and tf.expand_dims on
ragged, tf.ragged.segment_ids_to_row_splits, tf.ragged.placeholder fed a RaggedTensorValue,
tf.gather_nd and tf.where on ragged, tf.ragged.constant_value; and a sum-pooled embedding
model trained over the fed ragged ids (embedding_lookup on flat_values, segment_sum by
value_rowids, RMSProp): op counts and values at full precision."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4751)
np.random.seed(4751)
g = tf.get_default_graph()
a = tf.ragged.constant([[1, 2, 3], [], [4, 5], [6, 7, 8, 9]])
b = tf.ragged.constant([[10], [11, 12], [], [13]])
n0 = len(g.get_operations())
sl = dict(row=a[2], rows=a[1:3], inner=a[:, 1:], inner2=a[::2, :2], neg=a[-1])
print("getitem ops", len(g.get_operations()) - n0)
n1 = len(g.get_operations())
cc0 = tf.concat([a, b], axis=0)
cc1 = tf.concat([a, b], axis=1)
st0 = tf.stack([a, b], axis=0)
st1 = tf.stack([a, b], axis=1)
print("concat/stack ops", len(g.get_operations()) - n1)
bm = tf.ragged.boolean_mask(a, tf.ragged.map_flat_values(tf.greater, a, 3))
bm2 = tf.ragged.boolean_mask(a, [True, False, True, True])
tl = tf.tile(a, [2, 2])
ed = tf.expand_dims(a, 1)
rs = tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 2, 3], num_segments=5)
gn = tf.gather_nd(a, [[3, 1], [0, 0], [2, 1]])
wh = tf.where(tf.ragged.map_flat_values(tf.equal, a, 5))
cv = tf.ragged.constant_value([[1.5], [2.5, 3.5]])
ph = tf.ragged.placeholder(tf.int64, 1, [])
emb = tf.get_variable("emb", [12, 3], initializer=tf.truncated_normal_initializer(seed=4752))
vec = tf.nn.embedding_lookup(emb, ph.flat_values)
pooled = tf.math.unsorted_segment_sum(vec, ph.value_rowids(), ph.nrows())
wo = tf.get_variable("wo", [3], initializer=tf.constant_initializer([0.5, -0.25, 1.0]))
score = tf.tensordot(pooled, wo, 1)
loss = tf.reduce_mean(tf.square(score - tf.constant([1.0, -1.0, 0.5])))
step = tf.train.RMSPropOptimizer(0.05).minimize(loss)
print("op count", len(g.get_operations()))
feed = {ph: tf.ragged.constant_value([[1, 4, 7], [2], [9, 9, 11, 0]], dtype=np.int64)}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    v = s.run(sl)
    for k in sorted(v):
        print(k, v[k].to_list() if hasattr(v[k], "to_list") else v[k].tolist())
    for k, r in [("cc0", cc0), ("cc1", cc1), ("st0", st0), ("st1", st1), ("bm", bm),
                 ("bm2", bm2), ("tl", tl), ("ed", ed)]:
        print(k, s.run(r).to_list(), r.shape)
    print(s.run(rs).tolist(), s.run(gn).tolist())
    print(s.run(wh).to_list() if hasattr(wh, "flat_values") else s.run(wh).tolist())
    print(cv.to_list(), type(cv).__name__)
    print(s.run(ph, feed).to_list())
    for i in range(4):
        print(i, repr(float(s.run([loss, step], feed)[0])))
    print([repr(float(t)) for t in s.run(score, feed)])
