"""local_variables_initializer with streaming metrics (reset by re-running it), metric
variables in LOCAL_VARIABLES / METRIC_VARIABLES, tables_initializer over two tables, and a
grouped init op (global + local + tables) as tf.train.Scaffold builds it."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3640)
rs = np.random.RandomState(3641)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None])
y = tf.placeholder(tf.float32, [None])
w = tf.get_variable("w", [], initializer=tf.random_normal_initializer(seed=41))
pred = x * w
mse, mse_up = tf.metrics.mean_squared_error(y, pred)
acc, acc_up = tf.metrics.accuracy(tf.cast(y > 0, tf.int32), tf.cast(pred > 0, tf.int32))
mn, mn_up = tf.metrics.mean(pred, weights=tf.abs(y))
print([v.name for v in tf.local_variables()])
print([v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)])
keys = tf.constant(["a", "b", "c"])
t1 = tf.contrib.lookup.HashTable(
    tf.contrib.lookup.KeyValueTensorInitializer(keys, tf.constant([1, 2, 3], tf.int64)), -1)
t2 = tf.contrib.lookup.index_table_from_tensor(tf.constant(["x", "y"]), num_oov_buckets=1)
s_in = tf.placeholder(tf.string, [None])
l1 = t1.lookup(s_in)
l2 = t2.lookup(s_in)
ti = tf.tables_initializer()
li = tf.local_variables_initializer()
print(ti.name, ti.type, sorted(o.name for o in ti.control_inputs))
print(li.name, li.type, len(li.control_inputs))
print([o.name for o in tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS)])
both = tf.group(tf.global_variables_initializer(), li, ti, name="all_init")
print(both.name, len(both.control_inputs))
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(both)
    for i in range(3):
        xb = rs.randn(5).astype(np.float32)
        yb = rs.randn(5).astype(np.float32)
        s.run([mse_up, acc_up, mn_up], {x: xb, y: yb})
        print(i, repr(s.run(mse).item()), repr(s.run(acc).item()), repr(s.run(mn).item()))
    s.run(li)
    print(s.run([mse, acc, mn]))
    xb = rs.randn(4).astype(np.float32)
    yb = rs.randn(4).astype(np.float32)
    print([repr(float(v)) for v in s.run([mse_up, acc_up, mn_up], {x: xb, y: yb})])
    print(s.run([l1, l2], {s_in: ["a", "x", "q", "c", "y"]}))
    print(repr(s.run(w).item()))
