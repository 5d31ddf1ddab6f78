"""slim with arg_scope, weight decay and slim.losses (contrib losses), tf.losses totals
and threshold metrics; one graph-level seed."""
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
tf.set_random_seed(5)
rng = np.random.RandomState(4)
feats = rng.rand(16, 6).astype(np.float32)
labels = (rng.rand(16, 1) > 0.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.float32, [None, 1])
with slim.arg_scope([slim.fully_connected], weights_regularizer=slim.l2_regularizer(0.05),
                    weights_initializer=slim.xavier_initializer()):
    net = slim.stack(x, slim.fully_connected, [8, 8], scope="fc")
    net = slim.dropout(net, 0.8, is_training=True)
    logits = slim.fully_connected(net, 1, activation_fn=None, scope="logits")
slim.losses.sigmoid_cross_entropy(logits, y, label_smoothing=0.05)
slim.losses.mean_squared_error(tf.sigmoid(logits), y, weights=2.0)
total = tf.losses.get_total_loss()
reg = tf.losses.get_regularization_loss()
train = tf.train.GradientDescentOptimizer(0.3).minimize(total)
prob = tf.sigmoid(logits)
prec, prec_up = tf.metrics.precision_at_thresholds(y, prob, [0.3, 0.5, 0.7])
rec, rec_up = tf.metrics.recall_at_thresholds(y, prob, [0.3, 0.5, 0.7])
tp, tp_up = tf.metrics.true_positives(y, tf.round(prob))
with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    for step in range(6):
        _, tl, rl = sess.run([train, total, reg], {x: feats, y: labels})
        print("step %d total %.5f reg %.5f" % (step, tl, rl))
    sess.run([prec_up, rec_up, tp_up], {x: feats, y: labels})
    print(np.round(sess.run(prec), 4), np.round(sess.run(rec), 4), sess.run(tp))
    print([v.op.name for v in slim.get_model_variables()])
    print(sorted(v.op.name for v in slim.get_variables_to_restore(exclude=["fc/fc_1"])))
