"""DQN in the style of Morvan Zhou's and the DQN tutorials: eval / target nets with dueling
heads (tf.layers.dense, trainable=False target), tf.get_collection of scoped variables,
hard (tf.assign) and soft (tau) target updates, tf.gather_nd and one_hot Q of the chosen
actions, a stop_gradient target, double DQN's argmax, prioritized replay's importance
weights, RMSProp on clip_by_global_norm gradients, Adam on clip_by_norm ones. The Huber
loss is printed, not trained on (its gradient's AddN sums in the order the AddN kernel
forwards a buffer in TF, which flowgrad does not take: see the prl report)."""

import collections

import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
rng = np.random.RandomState(0)
S, A, B = 4, 3, 8


def build(scope, s, dueling, trainable=True):
    with tf.variable_scope(scope):
        h = tf.layers.dense(
            s,
            16,
            tf.nn.relu,
            kernel_initializer=tf.random_normal_initializer(0.0, 0.3),
            bias_initializer=tf.constant_initializer(0.1),
            trainable=trainable,
        )
        if dueling:
            v = tf.layers.dense(h, 1, trainable=trainable)
            a = tf.layers.dense(h, A, trainable=trainable)
            q = v + (a - tf.reduce_mean(a, axis=1, keepdims=True))
        else:
            q = tf.layers.dense(h, A, trainable=trainable)
    return q


s = tf.placeholder(tf.float32, [None, S], name="s")
s_ = tf.placeholder(tf.float32, [None, S], name="s_")
a = tf.placeholder(tf.int32, [None], name="a")
r = tf.placeholder(tf.float32, [None], name="r")
d = tf.placeholder(tf.float32, [None], name="d")
w = tf.placeholder(tf.float32, [None], name="isw")
n0 = len(tf.get_default_graph().get_operations())
q = build("eval_net", s, True)
q_next = build("target_net", s_, True, trainable=False)
print("ops after nets", len(tf.get_default_graph().get_operations()) - n0)
e_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="eval_net")
t_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="target_net")
print([v.name for v in e_params])
print([v.name for v in t_params])
with tf.variable_scope("hard_replacement"):
    replace = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
tau = 0.1
soft = [tf.assign(t, (1 - tau) * t + tau * e) for t, e in zip(t_params, e_params)]
n1 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("q_target"):
    q_target = r + 0.99 * (1.0 - d) * tf.reduce_max(q_next, axis=1, name="Qmax_s_")
    q_target = tf.stop_gradient(q_target)
with tf.variable_scope("q_eval"):
    a_indices = tf.stack([tf.range(tf.shape(a)[0], dtype=tf.int32), a], axis=1)
    q_eval_wrt_a = tf.gather_nd(params=q, indices=a_indices)
    q_oh = tf.reduce_sum(q * tf.one_hot(a, A, dtype=tf.float32), axis=1)
best = tf.argmax(q, axis=1, output_type=tf.int32)
ddqn = tf.reduce_sum(q_next * tf.one_hot(best, A), axis=1)
td = q_target - q_eval_wrt_a
abs_err = tf.abs(td)
loss = tf.reduce_mean(w * tf.squared_difference(q_target, q_eval_wrt_a))
hub = tf.losses.huber_loss(q_target, q_oh, weights=w, delta=1.0)
print("ops loss", len(tf.get_default_graph().get_operations()) - n1)
n2 = len(tf.get_default_graph().get_operations())
opt = tf.train.RMSPropOptimizer(0.01, decay=0.95, epsilon=0.01)
gv = opt.compute_gradients(loss, var_list=e_params)
grads, vs = zip(*gv)
cg, gn = tf.clip_by_global_norm(grads, 1.0)
train = opt.apply_gradients(zip(cg, vs))
adam = tf.train.AdamOptimizer(1e-3)
mse = tf.losses.mean_squared_error(q_target, q_oh, weights=w)
gv2 = adam.compute_gradients(mse, var_list=e_params)
gv2 = [(tf.clip_by_norm(g, 0.5), v) for g, v in gv2 if g is not None]
train2 = adam.apply_gradients(gv2)
print("ops train", len(tf.get_default_graph().get_operations()) - n2)
print("total", len(tf.get_default_graph().get_operations()))
g = tf.get_default_graph()
print(sorted(collections.Counter(op.type for op in g.get_operations()).items()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(replace)
    for step in range(4):
        fd = {
            s: rng.randn(B, S).astype(np.float32),
            s_: rng.randn(B, S).astype(np.float32),
            a: rng.randint(0, A, B),
            r: rng.randn(B).astype(np.float32),
            d: (rng.rand(B) < 0.2).astype(np.float32),
            w: rng.rand(B).astype(np.float32),
        }
        out = sess.run([loss, hub, gn, abs_err, best, ddqn, q_oh, train], fd)
        print(step, repr(float(out[0])), repr(float(out[1])), repr(float(out[2])))
        print(
            out[3].astype(np.float64).tolist(),
            out[4].tolist(),
            out[5].astype(np.float64).tolist(),
            out[6].astype(np.float64).tolist(),
        )
        sess.run(train2, fd)
        sess.run(soft)
        print([np.asarray(x, np.float64).ravel()[:3].tolist() for x in sess.run(t_params)])
    gr = sess.run(tf.gradients(mse, e_params[:2]), fd)
    print([x.astype(np.float64).ravel()[:5].tolist() for x in gr])
