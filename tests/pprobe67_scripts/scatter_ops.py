"""tf.scatter_nd and the tensor_scatter ops with their gradients, and the variable scatter
ops (scatter_update / add / sub / mul / max, scatter_nd_update / add) as TF1 code uses them
for masked updates and one-hot building: values, shapes, op names and gradients."""
import numpy as np
import tensorflow as tf

np.random.seed(8)
tf.set_random_seed(1)
rng = np.random.RandomState(12)
upd = tf.constant(rng.randn(4, 3).astype(np.float32))
ind = tf.constant([[1], [3], [1], [0]])
snd = tf.scatter_nd(ind, upd, [5, 3])
ind2 = tf.constant([[0, 1], [2, 2], [0, 1]])
snd2 = tf.scatter_nd(ind2, tf.constant([1.5, -2.0, 4.0]), tf.constant([3, 3]))
base = tf.constant(rng.randn(5, 3).astype(np.float32))
tsu = tf.tensor_scatter_update(base, tf.constant([[1], [4]]), upd[:2])
tsa = tf.tensor_scatter_add(base, ind, upd)
tss = tf.tensor_scatter_sub(base, ind2, tf.constant([1.0, 2.0, 3.0]))
loss = tf.reduce_sum(snd * snd) + tf.reduce_sum(tf.sin(tsu)) + tf.reduce_sum(tsa * base)
grads = tf.gradients(loss, [upd, base])
print([t.name for t in [snd, snd2, tsu, tsa, tss] + grads])
print([t.get_shape().as_list() for t in [snd, snd2, tsu, tsa, tss]])
v = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="v")
ops = [tf.scatter_update(v, [1, 3], tf.ones([2, 3])),
       tf.scatter_add(v, [0, 0], tf.fill([2, 3], 0.5)),
       tf.scatter_sub(v, [2], [[1.0, 2.0, 3.0]]),
       tf.scatter_mul(v, [3], [[2.0, 3.0, 4.0]]),
       tf.scatter_max(v, [1, 2], [[5.0, 0.0, 5.0], [0.0, 9.0, 0.0]]),
       tf.scatter_min(v, [0], [[-1.0, 100.0, 0.25]]),
       tf.scatter_nd_update(v, [[0, 0], [3, 2]], [10.0, 20.0]),
       tf.scatter_nd_add(v, [[1], [1]], [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]),
       tf.scatter_nd_sub(v, [[2, 1]], [7.0])]
print([o.name for o in ops], [o.op.type for o in ops])
labels = tf.constant([2, 0, 1, 2])
onehot = tf.scatter_nd(tf.stack([tf.range(4), labels], 1), tf.ones([4]), [4, 3])
with tf.Session() as sess:
    for t in sess.run([snd, snd2, tsu, tsa, tss] + grads + [onehot]):
        print(t.tolist())
    sess.run(v.initializer)
    for o in ops:
        print(sess.run(o).tolist())
