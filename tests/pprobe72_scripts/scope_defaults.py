"""variable_scope defaults as TF1 model code sets them: a scope initializer and
regularizer inherited by get_variable and tf.layers, REGULARIZATION_LOSSES in the loss,
default_name uniquification, re-entering a scope by its object, variable lists by scope,
tf.Variable name uniquification and the dtype / initializer errors of get_variable:
names, counts and losses over a few training steps."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(6)
rs = np.random.RandomState(9)
X = rs.randn(7, 4).astype(np.float32)
Y = rs.randn(7, 1).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
reg = tf.contrib.layers.l2_regularizer(0.01)
with tf.variable_scope("model", initializer=tf.random_uniform_initializer(-0.3, 0.3, seed=2),
                       regularizer=reg) as model_scope:
    w1 = tf.get_variable("w1", [4, 3])
    h = tf.nn.sigmoid(tf.matmul(x, w1))
    out = tf.layers.dense(h, 1, name="head")
print(model_scope.name, w1.name, out.name, model_scope.initializer is not None)
print([t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)])
with tf.variable_scope(model_scope, reuse=True):
    w1b = tf.get_variable("w1")
    print(tf.get_variable_scope().name, tf.get_variable_scope().reuse, w1b is w1)
with tf.variable_scope(model_scope):
    extra = tf.get_variable("extra", [2], trainable=False)
    op_in = tf.identity(extra, name="id")
print(extra.name, op_in.name)
names = []
for _ in range(3):
    with tf.variable_scope(None, default_name="block"):
        names.append(tf.get_variable("k", [1], initializer=tf.zeros_initializer()).name)
print(names)
vs = [tf.Variable(0.0, name="step") for _ in range(3)]
print([v.name for v in vs], [v.op.name for v in tf.global_variables("block")])
print([v.name for v in tf.trainable_variables("model")], len(tf.global_variables()))
print(tf.get_variable_scope().name == "", tf.get_variable_scope().reuse)
try:
    tf.get_variable("noshape")
except ValueError as e:
    print("ValueError:", str(e))
try:
    with tf.variable_scope(model_scope, reuse=True):
        tf.get_variable("w1", dtype=tf.float64)
except ValueError as e:
    print("ValueError:", str(e))
mse = tf.losses.mean_squared_error(y, out)
total = tf.losses.get_total_loss()
print(total.op.name, total.op.type, len(tf.losses.get_losses()))
train = tf.train.MomentumOptimizer(0.2, 0.9).minimize(total)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        a, b, _ = sess.run([mse, total, train], {x: X, y: Y})
        print(i, "%.9g %.9g" % (a, b))
    print(sess.run(extra).tolist(), sess.run(vs[2]))
# (last: TF keeps the ops the failed initializer made, flowgrad removes them, as its errors do)
try:
    tf.get_variable("bad", [2], dtype=tf.int32, initializer=tf.random_normal_initializer())
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
