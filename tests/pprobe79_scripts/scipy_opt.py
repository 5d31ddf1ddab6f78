"""tf.contrib.opt.ScipyOptimizerInterface as TF1 tutorials use it: L-BFGS-B on a
least-squares fit with var_to_bounds, a loss_callback and step_callback counting calls,
fetches; SLSQP with an equality and an inequality constraint; the ValueErrors of bad
arguments. Values rounded (scipy's iterations differ a little across versions)."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(5)
rs = np.random.RandomState(11)
X = rs.randn(20, 3).astype(np.float32)
w_true = np.array([[1.5], [-2.0], [0.5]], np.float32)
Y = X.dot(w_true) + 0.01 * rs.randn(20, 1).astype(np.float32)

w = tf.Variable(tf.zeros([3, 1]), name="w")
b = tf.Variable(0.0, name="b")
pred = tf.matmul(X, w) + b
loss = tf.reduce_mean(tf.square(pred - Y), name="mse")
n_ops = len(tf.get_default_graph().get_operations())
opt = tf.contrib.opt.ScipyOptimizerInterface(
    loss, method="L-BFGS-B", options={"maxiter": 50},
    var_to_bounds={w: ([[-1.0], [-1.0], [0.0]], [[1.0], [1.0], [0.3]])})
print("ops added", len(tf.get_default_graph().get_operations()) - n_ops)
print(type(opt).__name__, opt.optimizer_kwargs if hasattr(opt, "optimizer_kwargs") else None)
losses = []
steps = [0]


def loss_cb(lv, bv):
    losses.append(float(lv))


def step_cb(x):
    steps[0] += 1


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("initial loss %.5f" % sess.run(loss))
    opt.minimize(sess, fetches=[loss, b], loss_callback=loss_cb, step_callback=step_cb)
    print("w", np.round(sess.run(w).ravel(), 4).tolist(), "b %.4f" % sess.run(b))
    print("final loss %.4f" % sess.run(loss), "steps>0", steps[0] > 0,
          "losses decreasing", losses[-1] <= losses[0], len(losses) >= steps[0])

# SLSQP: minimize (x-1)^2 + (y-2.5)^2 subject to x + y == 2 and x >= 0.8
tf.reset_default_graph()
v = tf.Variable([0.0, 0.0], dtype=tf.float64, name="v")
obj = tf.square(v[0] - 1.0) + tf.square(v[1] - 2.5)
eq = [v[0] + v[1] - 2.0]
ineq = [v[0] - 0.8]
slsqp = tf.contrib.opt.ScipyOptimizerInterface(obj, equalities=eq, inequalities=ineq,
                                               method="SLSQP")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    slsqp.minimize(sess)
    print("slsqp", np.round(sess.run(v), 4).tolist(), "obj %.4f" % sess.run(obj))

# var_list and bounds on a scalar variable
c = tf.Variable(5.0, dtype=tf.float64, name="c")
q = tf.square(c + 3.0)
bnd = tf.contrib.opt.ScipyOptimizerInterface(q, var_list=[c], var_to_bounds={c: (-1.0, 10.0)})
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    bnd.minimize(sess)
    print("bounded c %.4f" % sess.run(c), "q %.4f" % sess.run(q))

for kwargs in [dict(loss=tf.constant(1.0)), dict(loss=q, var_list=[])]:
    try:
        tf.contrib.opt.ScipyOptimizerInterface(**kwargs)
    except ValueError as e:
        print("ValueError:", e)
try:
    tf.contrib.opt.ScipyOptimizerInterface(q, var_list=[c], method="SLSQP",
                                           equalities=[c[0]])
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
try:
    tf.contrib.opt.ScipyOptimizerInterface(q, var_list=[c], var_to_bounds={c: (3.0,)})
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
