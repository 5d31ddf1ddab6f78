"""slim.learning.train for a few steps, then slim.evaluation.evaluate_once with
slim.metrics on the checkpoint, then the graph frozen with the private-module import
`from tensorflow.python.framework import graph_util` and imported back."""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.framework import graph_util

slim = tf.contrib.slim
rng = np.random.RandomState(0)
X = rng.rand(16, 6).astype(np.float32)
Y = rng.randint(0, 3, 16)
logdir = tempfile.mkdtemp()


def net(inputs):
    with slim.arg_scope([slim.fully_connected],
                        weights_initializer=tf.truncated_normal_initializer(stddev=0.3, seed=1),
                        weights_regularizer=slim.l2_regularizer(0.01)):
        n = slim.fully_connected(inputs, 8, scope="fc1")
        return slim.fully_connected(n, 3, activation_fn=None, scope="logits")


with tf.Graph().as_default():
    logits = net(tf.constant(X))
    slim.losses.softmax_cross_entropy(logits, tf.one_hot(Y, 3))
    total = slim.losses.get_total_loss()
    train_op = slim.learning.create_train_op(total, tf.train.GradientDescentOptimizer(0.5))
    # (no timer threads: with them, their first save or summary at step 0 can land after
    # the final save of a fast 6-step run, in TF as in flowgrad, and the latest checkpoint
    # is then model.ckpt-0)
    final = slim.learning.train(train_op, logdir, number_of_steps=6,
                                save_summaries_secs=0, save_interval_secs=0)
    print("final loss %.4f" % final)
ckpt = tf.train.latest_checkpoint(logdir)
print("checkpoint", os.path.basename(ckpt))

with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 6], name="x")
    logits = net(x)
    probs = tf.nn.softmax(logits, name="probs")
    predictions = tf.argmax(logits, 1)
    values, updates = slim.metrics.aggregate_metric_map({
        "accuracy": slim.metrics.streaming_accuracy(predictions, Y),
        "recall": slim.metrics.streaming_recall(tf.equal(predictions, 0), tf.equal(Y, 0)),
    })
    print(sorted(values), slim.metrics.streaming_accuracy is tf.contrib.metrics.streaming_accuracy)
    result = slim.evaluation.evaluate_once(
        "", ckpt, os.path.join(logdir, "eval"), num_evals=2,
        eval_op=list(updates.values()), final_op=values,
        eval_op_feed_dict={x: X}, final_op_feed_dict={x: X},
        summary_op=None, variables_to_restore=slim.get_variables_to_restore())
    print(sorted((k, round(float(v), 4)) for k, v in result.items()))
    with tf.Session() as sess:
        slim.assign_from_checkpoint_fn(ckpt, slim.get_model_variables())(sess)
        frozen = graph_util.convert_variables_to_constants(
            sess, sess.graph.as_graph_def(), ["probs"])
        want = sess.run(probs, {x: X[:2]})
    print([(n.name, n.op) for n in frozen.node])

with tf.Graph().as_default() as g:
    tf.import_graph_def(frozen, name="")
    with tf.Session() as sess:
        got = sess.run("probs:0", {"x:0": X[:2]})
    print(np.round(got, 4), np.allclose(got, want))
