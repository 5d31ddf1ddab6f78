"""flowgrad's debugging tools on a small model (issue 15): why a gradient is None, where the
first NaN came from, a Chrome trace of one step, the cost model, tf.profiler and its
advisor, a race warning and the graph viewer.

    flowgrad run examples/debug_tools.py [trace.json [graph.html]]

(flowgrad extensions: `import flowgrad`, not TensorFlow; the timeline and check_numerics
parts are TF 1.14's API.)
"""
from __future__ import print_function

import sys

import numpy as np

import flowgrad as tf
import flowgrad.debug
import flowgrad.tools.graph_viewer
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

# 4. the cost model, before running: TF's float ops, bytes, predicted peak and time
from flowgrad.engine.runtime import plan_cost  # noqa: E402

cost = plan_cost(sess, train, ok_feed)
print("== plan_cost: %d TF float ops, %d bytes moved, peak %d bytes, %d nodes"
      % (cost["tf_flops"], cost["bytes"], cost["peak_bytes"], len(cost["nodes"])))

# 5. tf.profiler (TF 1.14's API): the op view of float ops, and the advisor on the trace
B = tf.profiler.ProfileOptionBuilder
top = tf.profiler.profile(cmd="op", options=B(B.float_operation()).with_empty_output()
                          .build()).children[0]
print("== profiler: most float ops in %s (%d)" % (top.name, top.float_ops))
advice = tf.profiler.advise(run_meta=md)

# 6. a race: an assign and a read of the same variable with no ordering, in one run
bump = tf.assign_add(b, [1.0])
with tf.Session() as s2:
    s2.run(tf.global_variables_initializer())
    import warnings  # noqa: E402
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s2.run([bump, logits], feed)
    print("== race warnings: %d" % sum(issubclass(c.category, flowgrad.debug.RaceWarning)
                                       for c in caught))

# 7. the graph viewer: one offline HTML page (the plan of the train step, with what each
#    optimizer pass pruned, folded and merged)
if len(sys.argv) > 2:
    flowgrad.tools.show_graph(train, ok_feed, path=sys.argv[2])
    print("== graph viewer written")
