"""Knowledge distillation with a temperature softmax, the losses public TF1 scripts write:
a small conv teacher trained first (Adam, its own var_list), then a dense student trained
by RMSProp on T^2 * tf.losses.softmax_cross_entropy(soft teacher targets at T=4, student
logits / T) plus the hard-label tf.losses.sparse_softmax_cross_entropy; the same soft loss
three more ways (tf.keras.losses.KLD of the two temperature softmaxes,
tf.distributions.kl_divergence of two Categoricals, hand-written
sum(p * (log p - log_softmax(q)))), with tf.stop_gradient on the teacher and
label_smoothing on the hard loss; gradients of each loss with respect to the student's
logits, op counts and values at full precision."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(4031)
rs = np.random.RandomState(4032)
X = rs.rand(16, 4, 4, 1).astype(np.float32)
Y = (X[:, :2, :, 0].sum((1, 2)) > X[:, 2:, :, 0].sum((1, 2))).astype(np.int32) + (
    X[:, :, :2, 0].sum((1, 2)) > 4.0
).astype(np.int32)
T = 4.0

with tf.variable_scope("teacher"):
    c = tf.layers.conv2d(
        X, 6, 3, activation=tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=1)
    )
    t_logits = tf.layers.dense(
        tf.layers.flatten(c), 3, kernel_initializer=tf.glorot_uniform_initializer(seed=2)
    )
t_loss = tf.losses.sparse_softmax_cross_entropy(Y, t_logits)
t_vars = tf.trainable_variables("teacher")
t_train = tf.train.AdamOptimizer(0.05).minimize(t_loss, var_list=t_vars)

with tf.variable_scope("student"):
    s_logits = tf.layers.dense(
        tf.reshape(X, [-1, 16]), 3, kernel_initializer=tf.glorot_uniform_initializer(seed=3)
    )
s_vars = tf.trainable_variables("student")
soft = tf.stop_gradient(tf.nn.softmax(t_logits / T))
soft_loss = tf.losses.softmax_cross_entropy(soft, s_logits / T) * (T * T)
hard_loss = tf.losses.sparse_softmax_cross_entropy(Y, s_logits)
smooth_loss = tf.losses.softmax_cross_entropy(tf.one_hot(Y, 3), s_logits, label_smoothing=0.1)
total = tf.add(0.7 * soft_loss, 0.3 * hard_loss, name="distill_loss")
s_train = tf.train.RMSPropOptimizer(0.01).minimize(total, var_list=s_vars)

p_s = tf.nn.softmax(s_logits / T)
kld = tf.reduce_mean(tf.keras.losses.KLD(soft, p_s))
kl_cat = tf.reduce_mean(
    tf.distributions.kl_divergence(
        tf.distributions.Categorical(logits=tf.stop_gradient(t_logits / T)),
        tf.distributions.Categorical(logits=s_logits / T),
    )
)
kl_hand = tf.reduce_mean(tf.reduce_sum(soft * (tf.log(soft) - tf.nn.log_softmax(s_logits / T)), 1))
grads = tf.gradients([soft_loss, hard_loss, smooth_loss, kld, kl_cat, kl_hand], s_logits)
each = [
    tf.gradients(loss_, s_logits)[0] for loss_ in (soft_loss, kld, kl_cat, kl_hand, smooth_loss)
]

print("ops", len(tf.get_default_graph().get_operations()))
print("vars", [v.name for v in t_vars], [v.name for v in s_vars])

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(25):
        lv, _ = s.run([t_loss, t_train])
        if i % 8 == 0:
            print("teacher", i, repr(float(lv)))
    print(
        "teacher acc",
        repr(
            float(
                s.run(
                    tf.reduce_mean(
                        tf.cast(
                            tf.equal(tf.argmax(t_logits, 1, output_type=tf.int32), Y), tf.float32
                        )
                    )
                )
            )
        ),
    )
    print("soft", H(s.run(soft)), R(s.run(soft)[:2]))
    for i in range(20):
        r = s.run([total, soft_loss, hard_loss, s_train])
        if i % 5 == 0:
            print("student", i, R(r[:3]))
    print("losses", R(s.run([soft_loss, hard_loss, smooth_loss, kld, kl_cat, kl_hand])))
    print("grad sum", H(s.run(grads[0])))
    print("grads", [H(g) for g in s.run(each)])
    print("grad row", R(s.run(each[2])[0]), R(s.run(each[3])[0]))
    print("student", H(s.run(s_vars[0])), R(s.run(s_vars[1])))
