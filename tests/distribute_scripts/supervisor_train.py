"""A TF1 between-graph replication script in the tf.train.Supervisor style: one ps task,
workers that train y = 2*x0 - 3*x1 + 1 through `sv.managed_session(server.target)`; the
chief (worker 0) initializes the variables and writes the graph and checkpoints to logdir,
the other workers wait for it."""
import argparse

import numpy as np
import tensorflow as tf

p = argparse.ArgumentParser()
p.add_argument("--ps_hosts")
p.add_argument("--worker_hosts")
p.add_argument("--job_name")
p.add_argument("--task_index", type=int)
p.add_argument("--steps", type=int, default=50)
p.add_argument("--logdir")
a = p.parse_args()

cluster = tf.train.ClusterSpec({"ps": a.ps_hosts.split(","),
                                "worker": a.worker_hosts.split(",")})
server = tf.train.Server(cluster, job_name=a.job_name, task_index=a.task_index)
if a.job_name == "ps":
    server.join()
else:
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % a.task_index, cluster=cluster)):
        x = tf.placeholder(tf.float32, [None, 2])
        y = tf.placeholder(tf.float32, [None, 1])
        w = tf.Variable(tf.zeros([2, 1]), name="w")
        b = tf.Variable(0.0, name="b")
        gs = tf.train.get_or_create_global_step()
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        train = tf.train.GradientDescentOptimizer(0.2).minimize(loss, global_step=gs)
        init = tf.global_variables_initializer()
        saver = tf.train.Saver()
    rng = np.random.RandomState(a.task_index)
    sv = tf.train.Supervisor(is_chief=a.task_index == 0, logdir=a.logdir, init_op=init,
                             saver=saver, global_step=gs, summary_op=None,
                             save_model_secs=1, recovery_wait_secs=1)
    with sv.managed_session(server.target) as sess:
        step, value = 0, None
        while not sv.should_stop() and step < a.steps:
            xs = rng.rand(16, 2).astype(np.float32)
            ys = xs @ np.array([[2.0], [-3.0]], np.float32) + 1.0
            _, step, value = sess.run([train, gs, loss], {x: xs, y: ys})
        if sv.is_chief:   # the final checkpoint, as TF1 Supervisor scripts save it
            sv.saver.save(sess, sv.save_path, global_step=gs)
        print("worker %d done: step %d loss %g" % (a.task_index, step, value), flush=True)
    sv.stop()
