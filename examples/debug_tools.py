"""flowgrad's debugging tools on a small model (issue 15): why a gradient is None, where the
first NaN came from, and a Chrome trace of one step.

    flowgrad run examples/debug_tools.py [trace.json]

(flowgrad extensions: `import flowgrad`, not TensorFlow; the timeline and check_numerics
parts are TF 1.14's API.)
"""
from __future__ import print_function

import sys

import numpy as np

import flowgrad as tf
import flowgrad.debug
from flowgrad.client import timeline

x = tf.placeholder(tf.float32, [None, 3], name="x")
labels = tf.placeholder(tf.float32, [None], name="labels")
with tf.variable_scope("model"):
    w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    unused = tf.get_variable("unused", [3], initializer=tf.zeros_initializer())
logits = tf.squeeze(tf.matmul(x, w) + b, axis=1)
# a bug: the log of a difference that can reach zero
loss = tf.reduce_mean(-tf.log(1.0 - tf.abs(tf.tanh(logits) - labels)))
rounded = tf.round(logits)          # a non-differentiable op on one path

# 1. the gradient doctor
print("== explain_gradients")
for e in tf.explain_gradients(tf.reduce_sum(rounded) + loss, [w, unused, tf.identity(b)]):
    print(e)

train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
feed = {x: np.array([[1.0, 2.0, 3.0], [0.5, 0.1, -0.2]], np.float32),
        labels: np.array([-1.0, 0.0], np.float32)}

# 2. the first NaN/Inf: forward or backward, with its inputs and source line
print("== nan_origin")
print(flowgrad.debug.nan_origin(sess, loss, feed))

# 3. TF 1.14's timeline of one traced step (chrome://tracing, ui.perfetto.dev)
md = tf.RunMetadata()
ok_feed = {x: feed[x], labels: np.array([0.5, 0.0], np.float32)}
sess.run(train, ok_feed, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
         run_metadata=md)
trace = timeline.Timeline(md.step_stats).generate_chrome_trace_format(show_memory=True)
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(trace)
print("== timeline: %d ops traced" % len(md.step_stats.dev_stats[0].node_stats))
