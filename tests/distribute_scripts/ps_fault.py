"""A worker that trains on a ps task, reports, waits for a line on stdin (the test kills
the ps task meanwhile), then runs one more step and prints what it raised."""
import sys

import tensorflow as tf

ps, worker = sys.argv[1], sys.argv[2]
cluster = tf.train.ClusterSpec({"ps": [ps], "worker": [worker]})
server = tf.train.Server(cluster, job_name="worker", task_index=0)
with tf.device(tf.train.replica_device_setter(cluster=cluster)):
    w = tf.get_variable("weights", [3], initializer=tf.ones_initializer())
    b = tf.get_variable("bias", [], initializer=tf.zeros_initializer())
    loss = tf.reduce_sum(tf.square(w)) + tf.square(b - 1.0)
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.Session(server.target)
sess.run(tf.global_variables_initializer())
for _ in range(3):
    sess.run(step)
print("ready", sess.run(b), flush=True)
sys.stdin.readline()
try:
    sess.run(step)
    print("no error")
except tf.errors.OpError as e:
    print("raised", type(e).__name__, e.message, flush=True)
