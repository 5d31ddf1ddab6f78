"""Second-order pieces of a TF1 optimisation notebook: Hessian-vector products by the
double-gradient trick (tf.gradients of (grad . v), Pearlmutter style) checked against
tf.hessians, the R-op by the double-backward trick (tf.gradients with grad_ys of a dummy),
a Gauss-Newton / natural-gradient step for a small logistic regression (Jacobian rows from
tf.gradients of each output, Fisher = J^T diag(p(1-p)) J + damping, tf.matrix_solve and
tf.cholesky_solve, applied with tf.assign_sub), softmax cross entropy's second derivative,
and tf.hessians' errors.
Values at full precision, op counts and names."""
import numpy as np
import tensorflow as tf

np.random.seed(5)
tf.set_random_seed(59)
X_np = np.random.randn(6, 3).astype(np.float32)
y_np = (np.random.rand(6, 1) > 0.5).astype(np.float32)


def f(v):
    return [repr(float(t)) for t in np.ravel(v)]


X = tf.constant(X_np)
y = tf.constant(y_np)
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5, seed=1), name="w")
b = tf.Variable(tf.zeros([1]), name="b")
logits = tf.matmul(X, w) + b
p = tf.sigmoid(logits)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))

v = tf.constant([[1.0], [-0.5], [0.25]])
g = tf.gradients(loss, w)[0]
hvp = tf.gradients(tf.reduce_sum(g * tf.stop_gradient(v)), w)[0]
H = tf.hessians(loss, w)[0]
print("H shape", H.shape, "hvp shape", hvp.shape)
print("hessians names", H.op.name, H.op.type)
H2 = tf.reshape(H, [3, 3])
hvp2 = tf.matmul(H2, v)

# R-op (Jacobian-vector product) by the double-backward trick
dummy = tf.ones_like(logits)
vjp = tf.gradients(logits, w, grad_ys=dummy)[0]
jvp = tf.gradients(vjp, dummy, grad_ys=v)[0]
print("jvp shape", jvp.shape)

# Gauss-Newton / natural-gradient step
rows = [tf.reshape(tf.gradients(logits[i, 0], w)[0], [3]) for i in range(6)]
J = tf.stack(rows)                       # [6, 3]
D = tf.reshape(p * (1.0 - p), [6])
F = tf.matmul(J, J * D[:, None], transpose_a=True) / 6.0 + 1e-3 * tf.eye(3)
nat = tf.matrix_solve(F, g)
chol = tf.cholesky(F)
nat2 = tf.cholesky_solve(chol, g)
step = tf.assign_sub(w, 0.5 * nat, name="natgrad_step")
print("J shape", J.shape, "F shape", F.shape)

# softmax cross entropy: second derivative through SoftmaxCrossEntropyWithLogits
z = tf.Variable(tf.random_normal([2, 4], seed=2), name="z")
lab = tf.constant([[0.0, 1.0, 0.0, 0.0], [0.5, 0.0, 0.5, 0.0]])
xent = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab, logits=z))
gz = tf.gradients(xent, z)[0]
ggz = tf.gradients(tf.reduce_sum(gz * gz), z)[0]
Hz = tf.hessians(xent, z)[0]
print("Hz shape", Hz.shape)
try:
    tf.hessians(tf.reduce_sum(z), [z], colocate_gradients_with_ops=True, bogus=1)
except TypeError as e:
    print("TypeError", e)
try:
    tf.hessians(tf.reduce_sum(X), [w])
except Exception as e:
    print(type(e).__name__, e)
print("ops", len(tf.get_default_graph().get_operations()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, c, d = sess.run([hvp, hvp2, H2])
    print("hvp", f(a))
    print("hvp from H", f(c))
    print("H", f(d))
    print("jvp", f(sess.run(jvp)))
    print("F", f(sess.run(F)))
    n1, n2 = sess.run([nat, nat2])
    print("nat", f(n1), "chol", f(n2))
    for i in range(3):
        lv = sess.run(loss)
        sess.run(step)
        print("gn step", i, repr(float(lv)), f(sess.run(w)))
    print("ggz", f(sess.run(ggz)))
    print("Hz", f(sess.run(Hz))[:16])
