"""Carlini-Wagner L2 in the style of its reference code: tanh-space modifier, assign
placeholders, Adam over the modifier alone, variables_initializer of the new variables."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(3)
IMG = rng.rand(4, 8, 8, 1).astype(np.float32)
LAB = np.eye(10, dtype=np.float32)[rng.randint(0, 10, 4)]
# fixed "model": conv + dense with constant weights
W1 = (rng.randn(3, 3, 1, 4) * 0.3).astype(np.float32)
W2 = (rng.randn(8 * 8 * 4, 10) * 0.1).astype(np.float32)


def model(x):
    h = tf.nn.relu(tf.nn.conv2d(x, W1, [1, 1, 1, 1], "SAME"))
    return tf.matmul(tf.reshape(h, [-1, 8 * 8 * 4]), W2)


boxmul, boxplus = 0.5, 0.5
timg = tf.Variable(np.zeros((4, 8, 8, 1), np.float32), name="timg")
tlab = tf.Variable(np.zeros((4, 10), np.float32), name="tlab")
const = tf.Variable(np.zeros(4, np.float32), name="const")
modifier = tf.Variable(np.zeros((4, 8, 8, 1), np.float32), name="modifier")
newimg = tf.tanh(modifier + timg) * boxmul + boxplus
output = model(newimg)
l2dist = tf.reduce_sum(tf.square(newimg - (tf.tanh(timg) * boxmul + boxplus)), [1, 2, 3])
real = tf.reduce_sum(tlab * output, 1)
other = tf.reduce_max((1 - tlab) * output - tlab * 10000, 1)
loss1 = tf.maximum(0.0, other - real + 0.0)
loss2 = tf.reduce_sum(l2dist)
loss1 = tf.reduce_sum(const * loss1)
loss = loss1 + loss2
start_vars = set(x.name for x in tf.global_variables())
optimizer = tf.train.AdamOptimizer(0.1)
train = optimizer.minimize(loss, var_list=[modifier])
end_vars = tf.global_variables()
new_vars = [x for x in end_vars if x.name not in start_vars]
assign_timg = tf.placeholder(tf.float32, (4, 8, 8, 1))
assign_tlab = tf.placeholder(tf.float32, (4, 10))
assign_const = tf.placeholder(tf.float32, [4])
setup = [timg.assign(assign_timg), tlab.assign(assign_tlab), const.assign(assign_const)]
init = tf.variables_initializer(var_list=[modifier] + new_vars)
print("ops", len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in new_vars))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(init)
    s.run(
        setup,
        {
            assign_timg: np.arctanh(
                ((IMG - boxplus) / boxmul * 0.999999).astype(np.float64)
            ).astype(np.float32),
            assign_tlab: LAB,
            assign_const: np.full(4, 10.0, np.float32),
        },
    )
    for i in range(5):
        _, lv, l2s, sc, nimg = s.run([train, loss, l2dist, output, newimg])
        print(i, repr(float(lv)), l2s.tolist(), repr(float(nimg.astype(np.float64).sum())))
    gm = tf.gradients(loss, modifier)[0]
    gh = tf.gradients(loss, output)[0]
    r = s.run([gm, gh])
    print([repr(float(a.astype(np.float64).sum())) for a in r])
