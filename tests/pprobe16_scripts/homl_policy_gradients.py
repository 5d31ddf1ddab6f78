"""Hands-On ML (1st ed.) ch. 16: the book's REINFORCE code on a tiny deterministic
cart-pole-like environment written in NumPy: a one-hidden-layer policy, p_left_and_right =
tf.concat([p_left, 1 - p_left]), action = tf.multinomial(tf.log(p_left_and_right), 1,
seed), y = 1 - action, the sigmoid cross-entropy, optimizer.compute_gradients, one
gradient placeholder per variable and apply_gradients on the fed, reward-weighted mean
gradients (in float64: NumPy 1.16 and 2 promote a float64 scalar times a float32 array
differently); discount_and_normalize_rewards in NumPy; op counts and values at full
precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


class TinyPole(object):
    """Deterministic: x' = x + 0.1 v, v' = v + 0.1 (a ? 1 : -1) + 0.05 sin(3 x)."""

    def reset(self, k):
        self.s = np.array([0.05 * ((k % 5) - 2), 0.02 * ((k % 3) - 1), 0.01 * k, 0.0])
        return self.s.copy()

    def step(self, a):
        x, v, th, w = self.s
        w = w + 0.1 * (1.0 if a else -1.0) - 0.2 * th
        th = th + 0.1 * w
        v = v + 0.05 * np.sin(3 * x)
        x = x + 0.1 * v
        self.s = np.array([x, v, th, w])
        done = abs(th) > 0.3 or abs(x) > 1.0
        return self.s.copy(), 1.0, done


tf.set_random_seed(1661)
n_inputs, n_hidden, n_outputs = 4, 4, 1
initializer = tf.contrib.layers.variance_scaling_initializer(seed=1662)
X = tf.placeholder(tf.float32, shape=[None, n_inputs])
hidden = tf.layers.dense(X, n_hidden, activation=tf.nn.elu, kernel_initializer=initializer)
logits = tf.layers.dense(hidden, n_outputs, kernel_initializer=initializer)
outputs = tf.nn.sigmoid(logits)
p_left_and_right = tf.concat(axis=1, values=[outputs, 1 - outputs])
action = tf.multinomial(tf.log(p_left_and_right), num_samples=1, seed=1663)
y = 1. - tf.to_float(action)
cross_entropy = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits)
optimizer = tf.train.AdamOptimizer(0.01)
grads_and_vars = optimizer.compute_gradients(cross_entropy)
gradients = [grad for grad, variable in grads_and_vars]
gradient_placeholders = []
grads_and_vars_feed = []
for grad, variable in grads_and_vars:
    gradient_placeholder = tf.placeholder(tf.float32, shape=grad.get_shape())
    gradient_placeholders.append(gradient_placeholder)
    grads_and_vars_feed.append((gradient_placeholder, variable))
training_op = optimizer.apply_gradients(grads_and_vars_feed)


def discount_rewards(rewards, discount_rate):
    discounted = np.empty(len(rewards))
    cumulative = 0
    for step in reversed(range(len(rewards))):
        cumulative = rewards[step] + cumulative * discount_rate
        discounted[step] = cumulative
    return discounted


def discount_and_normalize_rewards(all_rewards, discount_rate):
    all_discounted = [discount_rewards(r, discount_rate) for r in all_rewards]
    flat = np.concatenate(all_discounted)
    return [(d - flat.mean()) / flat.std() for d in all_discounted]


g = tf.get_default_graph()
print(len(g.get_operations()), action.name, y.name, [p.name for p in gradient_placeholders])
env = TinyPole()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for iteration in range(5):
        all_rewards, all_gradients = [], []
        for game in range(4):
            current_rewards, current_gradients = [], []
            obs = env.reset(iteration * 4 + game)
            for step in range(20):
                action_val, gradients_val = sess.run(
                    [action, gradients], feed_dict={X: obs.reshape(1, n_inputs)})
                obs, reward, done = env.step(action_val[0][0])
                current_rewards.append(reward)
                current_gradients.append(gradients_val)
                if done:
                    break
            all_rewards.append(current_rewards)
            all_gradients.append(current_gradients)
        all_rewards = discount_and_normalize_rewards(all_rewards, 0.95)
        feed_dict = {}
        for var_index, gp in enumerate(gradient_placeholders):
            mean_gradients = np.mean(
                [reward * all_gradients[game_index][step][var_index].astype(np.float64)
                 for game_index, rewards in enumerate(all_rewards)
                 for step, reward in enumerate(rewards)], axis=0)
            feed_dict[gp] = mean_gradients
        sess.run(training_op, feed_dict=feed_dict)
        print(iteration, [len(r) for r in all_rewards],
              repr(float(all_gradients[0][0][0].sum())))
    print([H(v) for v in sess.run(tf.trainable_variables())])
    print(sess.run(outputs, feed_dict={X: np.eye(4)}).ravel().tolist())
