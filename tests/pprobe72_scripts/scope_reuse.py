"""tf.variable_scope with reuse=tf.AUTO_REUSE and reuse_variables() as a siamese network
shares its tower, the ValueError for a variable that exists or does not, and name_scope vs
variable_scope in the op and variable names: losses over a few steps, names and counts."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(5)
rs = np.random.RandomState(11)
A = rs.randn(6, 4).astype(np.float32)
B = rs.randn(6, 4).astype(np.float32)
L = rs.randint(0, 2, size=(6, 1)).astype(np.float32)


def tower(x):
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [4, 3], initializer=tf.glorot_uniform_initializer(seed=1))
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.matmul(x, w) + b)


a = tf.placeholder(tf.float32, [None, 4], name="a")
b = tf.placeholder(tf.float32, [None, 4], name="b")
lab = tf.placeholder(tf.float32, [None, 1], name="lab")
ea = tower(a)
eb = tower(b)
print(ea.name, eb.name, ea.op.inputs[0].op.name, eb.op.inputs[0].op.name)
d = tf.reduce_sum(tf.square(ea - eb), axis=1, keepdims=True)
loss = tf.reduce_mean(lab * d + (1 - lab) * tf.square(tf.maximum(1.0 - tf.sqrt(d + 1e-6), 0.)))
print([v.name for v in tf.global_variables()])

with tf.variable_scope("enc") as sc:
    h1 = tf.layers.dense(a, 3, name="fc",
                         kernel_initializer=tf.truncated_normal_initializer(seed=2))
    sc.reuse_variables()
    h2 = tf.layers.dense(b, 3, name="fc")
    print(sc.name, sc.reuse, sc.original_name_scope)
print(h1.name, h2.name)

with tf.name_scope("ns"):
    v1 = tf.get_variable("v1", [2], initializer=tf.ones_initializer())
    v2 = tf.Variable([1.0, 2.0], name="v2")
    s = tf.add(v1, v2, name="s")
with tf.variable_scope("vs"):
    v3 = tf.get_variable("v3", [2], initializer=tf.ones_initializer())
    v4 = tf.Variable([1.0, 2.0], name="v4")
    t = tf.add(v3, v4, name="t")
with tf.variable_scope("vs"):
    u = tf.identity(t, name="u")
with tf.variable_scope("vs", reuse=True):
    v3b = tf.get_variable("v3")
print(v1.name, v2.name, s.name, v3.name, v4.name, t.name, u.name, v3b is v3)
with tf.variable_scope("outer"):
    with tf.name_scope("inner"):
        c = tf.get_variable("c", [1])
        op = tf.multiply(c, 2.0, name="m")
print(c.name, op.name)

try:
    with tf.variable_scope("tower"):
        tf.get_variable("w", [4, 3])
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    with tf.variable_scope("nothere", reuse=True):
        tf.get_variable("q", [2])
except ValueError as e:
    print("ValueError:", str(e))
try:
    with tf.variable_scope("tower", reuse=True):
        tf.get_variable("w", [4, 5])
except ValueError as e:
    print("ValueError:", str(e))

opt = tf.train.GradientDescentOptimizer(0.1)
train = opt.minimize(loss)
print(len(tf.get_default_graph().get_operations()), len(tf.trainable_variables()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, _ = sess.run([loss, train], {a: A, b: B, lab: L})
        print(step, "%.9g" % lv)
    print(sess.run(h1, {a: A[:2]}).tolist() == sess.run(h2, {b: A[:2]}).tolist())
    print(sess.run(tf.get_default_graph().get_tensor_by_name("tower/b:0")).tolist())
