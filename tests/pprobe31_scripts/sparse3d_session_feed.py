"""A 3-D sparse click log [user, session, item] fed every way a Session takes a SparseTensor:
a tf.sparse_placeholder with a partly known shape fed a SparseTensorValue, a plain
(indices, values, shape) tuple, and a SparseTensor whose component tensors are fed
separately; tf.sparse.transpose with a perm, tf.sparse.softmax over items, a 3-D
tf.sparse.reduce_max / reduce_sum with keepdims, tf.sparse.reshape to 2-D and
sparse_tensor_dense_matmul into item factors, tf.sparse.add of a SparseTensor and a dense
tensor with its gradient; a per-user score trained with Adagrad; fetched SparseTensorValues,
op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def show(name, st):
    print(name, type(st).__name__, st.indices.tolist(), H(st.values), list(st.dense_shape))


tf.set_random_seed(23)
rs = np.random.RandomState(23)
U, S, NI, K = 4, 3, 6, 3
cells = sorted(set((int(a), int(b), int(c)) for a, b, c in
                   zip(rs.randint(0, U, 20), rs.randint(0, S, 20), rs.randint(0, NI, 20))))
idx = np.array(cells, np.int64)
clicks = rs.randint(1, 5, len(cells)).astype(np.float32)
target = rs.rand(U, 1).astype(np.float32)
log = tf.sparse_placeholder(tf.float32, shape=[U, None, NI], name="log")
print(log.get_shape(), log.dense_shape.shape, log.indices.name)
items = tf.get_variable("items", [NI, K], initializer=tf.random_uniform_initializer(-0.5, 0.5,
                                                                                   seed=8))
bias = tf.get_variable("bias", [U, S * NI], initializer=tf.zeros_initializer())
tr = tf.sparse.transpose(log, [0, 2, 1])
att = tf.sparse.softmax(log)
m3 = tf.sparse.reduce_max(log, axis=[1, 2], keepdims=True)
s3 = tf.sparse.reduce_sum(log, axis=1)
flat = tf.sparse.reshape(log, [-1, NI])
vec = tf.sparse_tensor_dense_matmul(flat, items)
user = tf.reduce_sum(tf.reshape(vec, [U, -1, K]), axis=[1, 2])[:, None]
boosted = tf.sparse.add(tf.sparse.reshape(att, [U, S * NI]), bias)
score = user * 0.1 + tf.reduce_sum(boosted, 1, keepdims=True)
loss = tf.reduce_mean(tf.square(score - target))
g = tf.gradients(loss, [items, bias, log.values])
train = tf.train.AdagradOptimizer(0.2, initial_accumulator_value=0.05).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Sparse" in o.type)))
print(tr.dense_shape.name, att.values.name, m3.shape, s3.shape, flat.dense_shape.name)
val = tf.SparseTensorValue(idx, clicks, [U, S, NI])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a = s.run([tr, att, s3], {log: val})
    b = s.run([tr, att, s3], {log: (idx, clicks, np.array([U, S, NI], np.int64))})
    c = s.run([tr, att, s3], {log.indices: idx, log.values: clicks, log.dense_shape: [U, S, NI]})
    show("tr", a[0])
    show("att", a[1])
    print(H(a[2]), all(H(x.values) == H(y.values) for x, y in zip(a[:2], b[:2])),
          all(H(x.values) == H(y.values) for x, y in zip(a[:2], c[:2])), H(b[2]) == H(c[2]))
    print(H(s.run(m3, {log: val})), H(s.run(vec, {log: val})))
    for v in s.run(g, {log: val}):
        print(H(v))
    for i in range(8):
        lv, _ = s.run([loss, train], {log: val})
        print(i, repr(float(lv)))
    print(H(s.run(items)), H(s.run(bias)))
