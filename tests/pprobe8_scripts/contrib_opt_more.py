"""More tf.contrib.opt optimizers on one small regression: AdaMax, LARS, RegAdagrad, the
MultitaskOptimizerWrapper with clip_gradients_by_global_norm, and the
VariableClippingOptimizer; losses and weights per step."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


co = tf.contrib.opt
rs = np.random.RandomState(131)
X = rs.randn(10, 4).astype(np.float32)
Y = rs.randn(10, 3).astype(np.float32)
makers = [
    ("adamax", lambda w: co.AdaMaxOptimizer(0.05)),
    ("lars", lambda w: co.LARSOptimizer(0.5, momentum=0.9, weight_decay=0.001)),
    ("regadagrad", lambda w: co.RegAdagradOptimizer(0.2)),
    ("multitask", lambda w: co.MultitaskOptimizerWrapper(tf.train.MomentumOptimizer(0.1, 0.8))),
    ("varclip", lambda w: co.VariableClippingOptimizer(tf.train.GradientDescentOptimizer(0.3),
                                                       {w: [0]}, 0.8)),
]
for name, make in makers:
    tf.reset_default_graph()
    tf.set_random_seed(132)
    w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=5))
    b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) + b - Y))
    gs = tf.train.get_or_create_global_step()
    opt = make(w)
    gv = opt.compute_gradients(loss)
    if name == "multitask":
        gv = co.clip_gradients_by_global_norm(gv, 0.5)[0]
    train = opt.apply_gradients(gv, global_step=gs)
    n = len(tf.get_default_graph().get_operations())
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        ls = []
        for i in range(4):
            ls.append(repr(float(s.run([loss, train])[0])))
        print(name, n, ls, H(s.run(w)), s.run(gs))
