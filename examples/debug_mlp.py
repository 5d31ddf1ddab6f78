"""flowgrad's debugging tools on a training model (issue 15): a 3-layer MLP classifier
(32-128-128-10, Adam, softmax cross-entropy) learning 10 Gaussian clusters, and each tool
asked what a user asks of it.

    flowgrad run examples/debug_mlp.py [trace.json [graph.html]]
    flowgrad profile examples/debug_mlp.py    (top ops by time and by memory, source lines)
    flowgrad graph examples/debug_mlp.py      (graph.html: the viewer of the graph it builds)

examples/debug_tools.py shows the same tools on a 4-parameter model, line by line.
"""
from __future__ import print_function

import sys
import time
import warnings

import numpy as np

import flowgrad as tf
import flowgrad.debug
import flowgrad.tools.graph_viewer
from flowgrad.client import timeline
from flowgrad.engine.runtime import plan_cost

rs = np.random.RandomState(0)
centers = rs.randn(10, 32).astype(np.float32) * 0.5


def batch(n=64):
    y = rs.randint(0, 10, n)
    return (centers[y] + rs.randn(n, 32).astype(np.float32)), y


x = tf.placeholder(tf.float32, [64, 32], name="x")
y = tf.placeholder(tf.int64, [64], name="y")
h = x
for i, width in enumerate([128, 128]):
    h = tf.layers.dense(h, width, activation=tf.nn.relu, name="layer%d" % i)
logits = tf.layers.dense(h, 10, name="logits")
# the cross-entropy written out by hand: log(softmax) underflows for large logits
probs = tf.nn.softmax(logits)
loss = -tf.reduce_mean(tf.reduce_sum(tf.one_hot(y, 10) * tf.log(probs), axis=1))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
# a temperature the author meant to learn, but read through stop_gradient
temperature = tf.Variable(1.0, name="temperature")
scaled = logits / tf.stop_gradient(temperature)
train = tf.train.AdamOptimizer(1e-2).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(60):
    bx, by = batch()
    sess.run(train, {x: bx, y: by})
bx, by = batch()
feed = {x: bx, y: by}
print("== trained: loss %.3f, accuracy %.2f" % tuple(sess.run([loss, accuracy], feed)))

# 1. why is this gradient None?
print("== explain_gradients")
kernel0 = tf.trainable_variables()[0]
for e in tf.explain_gradients(tf.reduce_sum(scaled) + accuracy, [kernel0, temperature]):
    print(e)

# 2. where did the NaN come from? (a batch far from the clusters: softmax underflows; the
#    forward Log is not in the train step's plan, its gradient's Reciprocal is)
print("== nan_origin")
print(flowgrad.debug.nan_origin(sess, train, {x: bx * 100.0, y: by}))

# 3. TF 1.14's timeline of one traced training step, and its slowest op
md = tf.RunMetadata()
sess.run(train, feed, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
         run_metadata=md)
trace = timeline.Timeline(md.step_stats).generate_chrome_trace_format(show_memory=True)
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(trace)
stats = md.step_stats.dev_stats[0].node_stats
slowest = max(stats, key=lambda s: s.all_end_rel_micros)
print("== timeline: %d ops traced, slowest %s" % (len(stats), slowest.node_name))

# 4. the cost model, before running: float ops, peak memory and time of the train step
cost = plan_cost(sess, train, feed)
runs = []
for _ in range(20):
    t0 = time.perf_counter()
    sess.run(train, feed)
    runs.append(time.perf_counter() - t0)
print("== plan_cost: %d TF float ops, peak %d bytes (measured %d), %d nodes; predicted "
      "%.2f ms, fastest run %.2f ms" % (cost["tf_flops"], cost["peak_bytes"], md.peak_bytes,
                                        len(cost["nodes"]), cost["seconds"] * 1e3,
                                        min(runs) * 1e3))

# 5. tf.profiler: parameters per layer, float ops per op type, one layer's float ops,
#    and the ProfileProto for the tfprof tools
B = tf.profiler.ProfileOptionBuilder
params = tf.profiler.profile(options=B(B.trainable_variables_parameter())
                             .with_empty_output().build())
print("== profiler: %d parameters" % params.total_parameters)
top = tf.profiler.profile(cmd="op", options=B(B.float_operation()).with_empty_output()
                          .build()).children[0]
print("== profiler: most float ops in %s (%d)" % (top.name, top.float_ops))
layer1 = tf.profiler.profile(options=B(B.float_operation()).with_empty_output()
                             .with_node_names(start_name_regexes=["layer1"]).build())
print("== profiler: layer1 %d float ops" % layer1.total_float_ops)
prof = tf.profiler.Profiler()
prof.add_step(1, md)
print("== profiler: ProfileProto of %d bytes" % len(prof.serialize_to_string()))

# 6. race warnings: fetching the weights with the train step is fine (a summary's read);
#    rescaling them in the same run as a forward pass has no defined order
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    sess.run([train, kernel0], feed)
    sess.run([tf.assign(kernel0, kernel0 * 0.5), logits], feed)
print("== race warnings: %d" % sum(issubclass(c.category, flowgrad.debug.RaceWarning)
                                   for c in caught))

# 7. the graph viewer: the train step's plan, what each optimizer pass did, memory
if len(sys.argv) > 2:
    flowgrad.tools.show_graph(train, feed, path=sys.argv[2])
    print("== graph viewer written")
