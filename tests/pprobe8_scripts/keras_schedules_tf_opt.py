"""tf.keras.optimizers.schedules objects (ExponentialDecay, PiecewiseConstantDecay,
PolynomialDecay with cycle, InverseTimeDecay) called on the global step and handed to tf.train
optimizers as callables; their get_config and the rates and losses per step."""
import numpy as np
import tensorflow as tf

S = tf.keras.optimizers.schedules
rs = np.random.RandomState(121)
X = tf.constant(rs.randn(8, 3).astype(np.float32))
Y = tf.constant(rs.randn(8, 1).astype(np.float32))
tf.set_random_seed(122)
gs = tf.train.get_or_create_global_step()
scheds = {
    "exp": S.ExponentialDecay(0.1, 2, 0.7, staircase=True),
    "piece": S.PiecewiseConstantDecay([2, 4], [0.2, 0.1, 0.02]),
    "poly": S.PolynomialDecay(0.1, 3, 0.01, power=0.5, cycle=True),
    "inv": S.InverseTimeDecay(0.1, 1, 0.3),
}
trains, rates, losses = [], {}, {}
for k in sorted(scheds):
    print(k, sorted(scheds[k].get_config().items()))
    w = tf.get_variable("w_" + k, [3, 1], initializer=tf.random_normal_initializer(seed=3))
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) - Y))
    rate = scheds[k](gs)
    rates[k], losses[k] = rate, loss
    opt = tf.train.MomentumOptimizer(lambda k=k: scheds[k](gs), 0.9)
    trains.append(opt.minimize(loss))
print(len(tf.get_default_graph().get_operations()))
inc = tf.assign_add(gs, 1)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        r, lv, _ = s.run([rates, losses, trains])
        s.run(inc)
        print(i, [(k, repr(float(r[k])), repr(float(lv[k]))) for k in sorted(r)])
