"""tf.contrib.layers.optimize_loss given its optimizer in every form it accepts (a name, an
Optimizer class, a function of the learning rate, an instance), with learning_rate_decay_fn,
increment_global_step=False, a variables subset and update_ops; and the errors for bad
arguments."""
import numpy as np
import tensorflow as tf

rs = np.random.RandomState(71)
X = rs.randn(10, 3).astype(np.float32)
Y = rs.randn(10, 1).astype(np.float32)
forms = [
    ("name-Ftrl", "Ftrl", 0.2),
    ("name-RMSProp", "RMSProp", 0.05),
    ("class", tf.train.AdagradOptimizer, 0.3),
    ("fn", lambda lr: tf.train.MomentumOptimizer(lr, 0.5, use_nesterov=True), 0.1),
    ("instance", tf.train.AdadeltaOptimizer(1.0), None),
]
for name, optimizer, lr in forms:
    tf.reset_default_graph()
    tf.set_random_seed(72)
    w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=1))
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    mean = tf.Variable(0.0, trainable=False, name="mean")
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) + b - Y))
    upd = tf.assign(mean, 0.5 * mean + 0.5 * loss)
    gs = tf.train.get_or_create_global_step()
    def decay(r, s):
        return tf.train.inverse_time_decay(r, s, 2, 0.5)
    train = tf.contrib.layers.optimize_loss(
        loss, gs, lr, optimizer, learning_rate_decay_fn=decay if lr is not None else None,
        variables=[w], update_ops=[upd], increment_global_step=(name != "class"),
        summaries=["loss"])
    ops = tf.get_default_graph().get_operations()
    print(name, train.name, len(ops), sorted({o.type for o in ops if "OptimizeLoss" in o.name}))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(3):
            lv = s.run(train)
        print(repr(float(lv)), s.run(gs), repr(s.run(w).ravel().tolist()), s.run(b),
              repr(float(s.run(mean))))

tf.reset_default_graph()
w = tf.Variable([1.0])
loss = tf.reduce_sum(w * w)
gs = tf.train.get_or_create_global_step()
bad = [
    dict(learning_rate=0.1, optimizer="Nope"),
    dict(learning_rate=None, optimizer="SGD"),
    dict(learning_rate=0.1, optimizer=tf.train.GradientDescentOptimizer(0.1)),
    dict(learning_rate=0.1, optimizer="SGD", summaries=["bogus"]),
    dict(learning_rate=0.1, optimizer=42),
]
for kw in bad:
    try:
        tf.contrib.layers.optimize_loss(loss, gs, **kw)
        print("no error")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
