"""OpenAI baselines' A2C with its recurrent policy (LstmPolicy): a step model (nenv rows,
one step) and a train model (nenv * nsteps rows) sharing variables through
variable_scope(reuse), baselines' batch_to_seq / seq_to_batch (tf.split, tf.squeeze,
tf.concat, tf.reshape) and its hand-written lstm with done masks resetting c and h
(tf.split of the state, four sigmoid / tanh gates); a value head and policy logits on the
shared trunk, actions by tf.random.categorical with an op seed, neglogp by
sparse_softmax_cross_entropy_with_logits, baselines' categorical entropy (logits - max,
exp, sum, p * (log z - a)), the value loss by tf.losses.mean_squared_error, gradients
clipped by global norm 0.5, RMSProp(decay=0.99, epsilon=1e-5); four NumPy cart-poles run
in lockstep, n-step discounted returns with dones in NumPy."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


class Poles(object):
    def __init__(self, n, seed):
        self.rng = np.random.RandomState(seed)
        self.n = n
        self.s = self.rng.uniform(-0.05, 0.05, size=(n, 4))
        self.t = np.zeros(n, np.int64)

    def step(self, a):
        f = np.where(a == 1, 1.0, -1.0)
        x, v, th, w = self.s.T
        acc = 9.8 * th - 0.6 * f
        w = w + 0.02 * acc
        th = th + 0.02 * w
        v = v + 0.02 * (f - 0.1 * acc)
        x = x + 0.02 * v
        self.s = np.stack([x, v, th, w], 1)
        self.t += 1
        done = (np.abs(th) > 0.12) | (np.abs(x) > 2.4) | (self.t >= 25)
        rew = np.where(done & (self.t < 25), 0.0, 1.0)
        for i in np.nonzero(done)[0]:
            self.s[i] = self.rng.uniform(-0.05, 0.05, size=4)
            self.t[i] = 0
        return self.s.copy(), rew, done


def batch_to_seq(h, nbatch, nsteps, flat=False):
    if flat:
        h = tf.reshape(h, [nbatch, nsteps])
    else:
        h = tf.reshape(h, [nbatch, nsteps, -1])
    return [tf.squeeze(v, [1]) for v in tf.split(axis=1, num_or_size_splits=nsteps, value=h)]


def seq_to_batch(h, flat=False):
    shape = h[0].get_shape().as_list()
    if not flat:
        assert len(shape) > 1
        nh = h[0].get_shape()[-1].value
        return tf.reshape(tf.concat(axis=1, values=h), [-1, nh])
    else:
        return tf.reshape(tf.stack(values=h, axis=1), [-1])


def lstm(xs, ms, s, scope, nh, init_scale=1.0):
    nbatch, nin = [v.value for v in xs[0].get_shape()]
    with tf.variable_scope(scope):
        wx = tf.get_variable("wx", [nin, nh * 4],
                             initializer=tf.orthogonal_initializer(init_scale, seed=21))
        wh = tf.get_variable("wh", [nh, nh * 4],
                             initializer=tf.orthogonal_initializer(init_scale, seed=22))
        b = tf.get_variable("b", [nh * 4], initializer=tf.constant_initializer(0.0))
    c, h = tf.split(axis=1, num_or_size_splits=2, value=s)
    for idx, (x, m) in enumerate(zip(xs, ms)):
        c = c * (1 - m)
        h = h * (1 - m)
        z = tf.matmul(x, wx) + tf.matmul(h, wh) + b
        i, f, o, u = tf.split(axis=1, num_or_size_splits=4, value=z)
        i = tf.nn.sigmoid(i)
        f = tf.nn.sigmoid(f)
        o = tf.nn.sigmoid(o)
        u = tf.tanh(u)
        c = f * c + i * u
        h = o * tf.tanh(c)
        xs[idx] = h
    s = tf.concat(axis=1, values=[c, h])
    return xs, s


class LstmPolicy(object):
    def __init__(self, nenv, nsteps, nlstm=8, reuse=False):
        nbatch = nenv * nsteps
        X = tf.placeholder(tf.float32, [nbatch, 4], "X")
        M = tf.placeholder(tf.float32, [nbatch], "M")
        S = tf.placeholder(tf.float32, [nenv, nlstm * 2], "S")
        with tf.variable_scope("model", reuse=reuse):
            h = tf.layers.dense(X, 16, tf.nn.relu, name="fc1",
                                kernel_initializer=tf.orthogonal_initializer(2 ** 0.5, seed=20))
            xs = batch_to_seq(h, nenv, nsteps)
            ms = batch_to_seq(M, nenv, nsteps)
            h5, snew = lstm(xs, ms, S, "lstm1", nh=nlstm)
            h5 = seq_to_batch(h5)
            pi = tf.layers.dense(h5, 2, name="pi",
                                 kernel_initializer=tf.orthogonal_initializer(0.01, seed=23))
            vf = tf.layers.dense(h5, 1, name="v",
                                 kernel_initializer=tf.orthogonal_initializer(1.0, seed=24))
        a0 = tf.squeeze(tf.random.categorical(pi, 1, seed=25), 1)
        self.X, self.M, self.S, self.pi, self.vf, self.a0, self.snew = X, M, S, pi, vf, a0, snew
        self.initial_state = np.zeros((nenv, nlstm * 2), dtype=np.float32)


def cat_entropy(logits):
    a0 = logits - tf.reduce_max(logits, 1, keepdims=True)
    ea0 = tf.exp(a0)
    z0 = tf.reduce_sum(ea0, 1, keepdims=True)
    p0 = ea0 / z0
    return tf.reduce_sum(p0 * (tf.log(z0) - a0), 1)


tf.set_random_seed(808)
nenv, nsteps, gamma = 4, 5, 0.9
step_model = LstmPolicy(nenv, 1, reuse=False)
train_model = LstmPolicy(nenv, nsteps, reuse=True)
A = tf.placeholder(tf.int32, [nenv * nsteps])
ADV = tf.placeholder(tf.float32, [nenv * nsteps])
R = tf.placeholder(tf.float32, [nenv * nsteps])
LR = tf.placeholder(tf.float32, [])
neglogpac = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=train_model.pi, labels=A)
entropy = tf.reduce_mean(cat_entropy(train_model.pi))
pg_loss = tf.reduce_mean(ADV * neglogpac)
vf_loss = tf.losses.mean_squared_error(tf.squeeze(train_model.vf), R)
loss = pg_loss - entropy * 0.01 + vf_loss * 0.5
params = tf.trainable_variables("model")
grads = tf.gradients(loss, params)
grads, grad_norm = tf.clip_by_global_norm(grads, 0.5)
trainer = tf.train.RMSPropOptimizer(learning_rate=LR, decay=0.99, epsilon=1e-5)
_train = trainer.apply_gradients(list(zip(grads, params)))
print("params", [p.name for p in params])
print("ops", len(tf.get_default_graph().get_operations()))


def discount_with_dones(rewards, dones, gamma):
    discounted = []
    r = 0
    for reward, done in zip(rewards[::-1], dones[::-1]):
        r = reward + gamma * r * (1. - done)
        discounted.append(r)
    return discounted[::-1]


env = Poles(nenv, 4)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    obs = env.s.copy()
    state = step_model.initial_state
    dones = np.zeros(nenv, np.float64)
    total = 0.0
    for update in range(6):
        mb_obs, mb_rewards, mb_actions, mb_values, mb_dones = [], [], [], [], []
        mb_states = state
        for n in range(nsteps):
            actions, values, state = sess.run(
                [step_model.a0, step_model.vf, step_model.snew],
                {step_model.X: obs.astype(np.float32), step_model.S: state,
                 step_model.M: dones.astype(np.float32)})
            mb_obs.append(obs.copy())
            mb_actions.append(actions)
            mb_values.append(values[:, 0])
            mb_dones.append(dones)
            obs, rewards, d = env.step(actions)
            dones = d.astype(np.float64)
            total += rewards.sum()
            mb_rewards.append(rewards)
        mb_dones.append(dones)
        mb_obs = np.asarray(mb_obs).swapaxes(1, 0).reshape(nenv * nsteps, 4)
        mb_rewards = np.asarray(mb_rewards).swapaxes(1, 0)
        mb_actions = np.asarray(mb_actions).swapaxes(1, 0)
        mb_values = np.asarray(mb_values, dtype=np.float32).swapaxes(1, 0)
        mb_dones = np.asarray(mb_dones).swapaxes(1, 0)
        mb_masks = mb_dones[:, :-1]
        mb_dones = mb_dones[:, 1:]
        last_values = sess.run(step_model.vf, {step_model.X: obs.astype(np.float32),
                                               step_model.S: state,
                                               step_model.M: dones.astype(np.float32)})[:, 0]
        for n, (rewards, dn, value) in enumerate(zip(mb_rewards, mb_dones, last_values)):
            rewards = rewards.tolist()
            dn = dn.tolist()
            if dn[-1] == 0:
                rewards = discount_with_dones(rewards + [float(value)], dn + [0], gamma)[:-1]
            else:
                rewards = discount_with_dones(rewards, dn, gamma)
            mb_rewards[n] = rewards
        returns = mb_rewards.flatten().astype(np.float32)
        values = mb_values.flatten()
        advs = returns - values
        td_map = {train_model.X: mb_obs.astype(np.float32), A: mb_actions.flatten(), ADV: advs,
                  R: returns, LR: 7e-3, train_model.S: mb_states,
                  train_model.M: mb_masks.flatten().astype(np.float32)}
        pl, vl, ent, gn, _ = sess.run([pg_loss, vf_loss, entropy, grad_norm, _train], td_map)
        print(update, repr(float(pl)), repr(float(vl)), repr(float(ent)), repr(float(gn)),
              mb_actions.flatten().tolist())
    print("total reward", total)
    print("state", H(state))
    for p in params:
        print(p.name, H(sess.run(p)))
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())
