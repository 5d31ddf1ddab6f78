"""A wide model on crossed categorical features: string and int64 id columns as
SparseTensors (one built by tf.SparseTensor.from_value), their crosses by tf.sparse.cross
(strings, with a dense column too) and tf.sparse.cross_hashed (num_buckets, hash_key);
crossed ids looked up in weight tables with tf.nn.embedding_lookup_sparse (sum, mean,
weighted sqrtn) and a bag of ids and weights made by tf.sparse.merge (vocab_size) read by
tf.contrib.layers.safe_embedding_lookup_sparse; logistic loss trained with Ftrl; op counts,
cross values and trained weights."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def show(name, st):
    v = st.values
    print(name, st.indices.tolist(), v.tolist() if v.dtype.kind in "SOU" else H(v),
          st.dense_shape.tolist())


tf.set_random_seed(13)
rs = np.random.RandomState(13)
B = 6
colors = np.array([b"red", b"green", b"blue", b"cyan"])
c_idx, c_val = [], []
for r in range(B):
    for j in range(rs.randint(1, 3)):
        c_idx.append([r, j])
        c_val.append(colors[rs.randint(0, 4)])
color = tf.SparseTensor.from_value(tf.SparseTensorValue(np.array(c_idx, np.int64),
                                                        np.array(c_val), [B, 2]))
size_ids = tf.SparseTensor([[r, 0] for r in range(B)], rs.randint(0, 5, B).astype(np.int64),
                           [B, 1])
shape_d = tf.constant(np.array([[b"sq"], [b"tri"], [b"sq"], [b"circ"], [b"tri"], [b"sq"]]))
y = (rs.rand(B, 1) < 0.5).astype(np.float32)
cross_s = tf.sparse.cross([color, size_ids, shape_d])
cross_h = tf.sparse.cross_hashed([color, size_ids], num_buckets=17)
cross_k = tf.sparse.cross_hashed([size_ids, shape_d], num_buckets=11, hash_key=7)
sizes_w = tf.SparseTensor(size_ids.indices, tf.cast(size_ids.values, tf.float32) * 0.5 + 1,
                          size_ids.dense_shape)
merged = tf.sparse.merge(tf.SparseTensor([[r, 0] for r in range(B)] + [[0, 1], [3, 1]],
                                         np.array([0, 1, 0, 1, 1, 0, 1, 0], np.int64), [B, 2]),
                         tf.SparseTensor([[r, 0] for r in range(B)] + [[0, 1], [3, 1]],
                                         np.linspace(0.5, 2.0, 8).astype(np.float32), [B, 2]),
                         vocab_size=4)
W_h = tf.get_variable("W_h", [17, 1], initializer=tf.zeros_initializer())
W_k = tf.get_variable("W_k", [11, 1], initializer=tf.random_normal_initializer(0, 0.05, seed=2))
W_s = tf.get_variable("W_s", [5, 1], initializer=tf.random_normal_initializer(0, 0.05, seed=3))
W_m = tf.get_variable("W_m", [4, 1], initializer=tf.random_normal_initializer(0, 0.05, seed=4))
logit = (tf.nn.embedding_lookup_sparse(W_h, cross_h, None, combiner="sum")
         + tf.nn.embedding_lookup_sparse(W_k, cross_k, None, combiner="mean")
         + tf.nn.embedding_lookup_sparse(W_s, size_ids, sizes_w, combiner="sqrtn")
         + tf.contrib.layers.safe_embedding_lookup_sparse(
             W_m, tf.SparseTensor(merged.indices, merged.indices[:, 1], merged.dense_shape),
             merged, combiner="sum"))
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logit))
train = tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.01,
                               l2_regularization_strength=0.1).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Sparse" in o.type or "Cross" in o.type)))
print(cross_s.values.name, cross_h.values.name, cross_k.indices.name, merged.indices.name)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r = s.run({"color": color, "cross_s": cross_s, "cross_h": cross_h, "cross_k": cross_k,
               "merged_ids": merged})
    for k in sorted(r):
        show(k, r[k])
    print(s.run(merged.values).tolist())
    for i in range(6):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    for v in s.run([W_h, W_k, W_s, W_m]):
        print(H(v))
    print(s.run(logit).ravel().tolist())
