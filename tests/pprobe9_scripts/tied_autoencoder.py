"""A tied-weight autoencoder: encoder weights W, decoder uses tf.transpose(W) with its own
bias; a stacked (two-layer) variant, masking noise from tf.random_uniform, sigmoid cross
entropy reconstruction plus a contractive penalty from tf.gradients of the code, trained
with Momentum: op counts, losses, weight hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(941)
rs = np.random.RandomState(942)
D, H1, H2 = 12, 7, 4
X = tf.placeholder(tf.float32, [None, D])
W1 = tf.get_variable("W1", [D, H1], initializer=tf.glorot_normal_initializer(seed=943))
W2 = tf.get_variable("W2", [H1, H2], initializer=tf.glorot_normal_initializer(seed=944))
b1 = tf.get_variable("b1", [H1], initializer=tf.zeros_initializer())
b2 = tf.get_variable("b2", [H2], initializer=tf.zeros_initializer())
c1 = tf.get_variable("c1", [D], initializer=tf.zeros_initializer())
c2 = tf.get_variable("c2", [H1], initializer=tf.zeros_initializer())
keep = tf.cast(tf.random_uniform(tf.shape(X), seed=945) > 0.25, tf.float32)
xn = X * keep
h1 = tf.nn.sigmoid(tf.matmul(xn, W1) + b1)
code = tf.nn.sigmoid(tf.matmul(h1, W2) + b2)
r1 = tf.nn.sigmoid(tf.matmul(code, tf.transpose(W2)) + c2)
logits = tf.matmul(r1, W1, transpose_b=True) + c1
rec = tf.reduce_mean(tf.reduce_sum(
    tf.nn.sigmoid_cross_entropy_with_logits(labels=X, logits=logits), 1))
jac = tf.stack([tf.gradients(code[:, j], xn)[0] for j in range(H2)], 1)
contract = tf.reduce_mean(tf.reduce_sum(tf.square(jac), [1, 2]))
loss = rec + 0.1 * contract
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = (rs.rand(20, D) > 0.5).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        a, b, _ = s.run([rec, contract, train], {X: x})
        print(i, repr(float(a)), repr(float(b)))
    print(H(s.run(W1)), H(s.run(W2)))
    print(s.run(code, {X: x[:2]}).tolist())
