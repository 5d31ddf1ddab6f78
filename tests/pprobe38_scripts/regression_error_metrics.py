"""Regression evaluation over dataset batches: root_mean_squared_error and mean_relative_error
with weights, mean_cosine_distance on normalized rows, percentage_below, mean_absolute_error
and mean_tensor; the metrics read from an initializable iterator, reset for a second pass."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3821)
rs = np.random.RandomState(3822)
X = rs.randn(20, 3).astype(np.float32)
Y = (X * np.float32(1.5) + rs.randn(20, 3).astype(np.float32) * np.float32(0.3)).astype(np.float32)
W = rs.rand(20).astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((X, Y, W)).batch(6)
it = ds.make_initializable_iterator()
x, y, w = it.get_next()
k = tf.get_variable("k", [3], initializer=tf.random_uniform_initializer(1.0, 2.0, seed=5))
pred = x * k + tf.random_normal(tf.shape(x), stddev=0.01, seed=9)
ms = {
    "rmse_w": tf.metrics.root_mean_squared_error(y, pred, weights=w[:, None]),
    "rmse": tf.metrics.root_mean_squared_error(y, pred),
    "mre_w": tf.metrics.mean_relative_error(y, pred, tf.abs(y) + 0.5, weights=w[:, None]),
    "mre": tf.metrics.mean_relative_error(y, pred, y),
    "cos": tf.metrics.mean_cosine_distance(tf.nn.l2_normalize(y, 1),
                                           tf.nn.l2_normalize(pred, 1), 1),
    "cos_w": tf.metrics.mean_cosine_distance(tf.nn.l2_normalize(y, 1),
                                             tf.nn.l2_normalize(pred, 1), 1,
                                             weights=w[:, None]),
    "below": tf.metrics.percentage_below(tf.abs(y - pred), 0.4),
    "below_w": tf.metrics.percentage_below(tf.abs(y - pred)[:, 0], 0.3, weights=w),
    "mae_w": tf.metrics.mean_absolute_error(y, pred, weights=w[:, None]),
    "mt": tf.metrics.mean_tensor(tf.reduce_mean(y - pred, 0)),
}
keys = sorted(ms)
upd = [ms[k][1] for k in keys]
val = [ms[k][0] for k in keys]
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in tf.local_variables()))
print([(ms[k][0].name, ms[k][1].name) for k in keys])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(repr(s.run(k).tolist()))
    for rnd in range(2):
        s.run([tf.local_variables_initializer(), it.initializer])
        b = 0
        while True:
            try:
                u = s.run(upd)
            except tf.errors.OutOfRangeError:
                break
            print(rnd, b, [(kk, repr(np.asarray(v).tolist())) for kk, v in zip(keys, u)])
            b += 1
        for kk, v in zip(keys, s.run(val)):
            print(kk, repr(np.asarray(v).tolist()))
