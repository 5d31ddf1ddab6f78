"""In-graph replication, as TF 1.x's multi-tower scripts: one client (worker 0) builds one
graph with a tower per worker device (`/job:worker/task:k`) on its share of the batch and
the weights on ps:0; ps:0 and worker 1 only serve (server.join()).

    flowgrad run ingraph_train.py --ps=HOST:PORT --workers=H0:P0,H1:P1 --job=ps|worker
    flowgrad run ingraph_train.py --single      # the same graph in one process
"""
import argparse

import numpy as np
import tensorflow as tf

p = argparse.ArgumentParser()
p.add_argument("--ps", default="localhost:1")
p.add_argument("--workers", default="localhost:2,localhost:3")
p.add_argument("--job", default="worker")
p.add_argument("--task", type=int, default=0)
p.add_argument("--steps", type=int, default=5)
p.add_argument("--single", action="store_true")
args = p.parse_args()

workers = args.workers.split(",")
target = ""
if not args.single:
    cluster = tf.train.ClusterSpec({"ps": [args.ps], "worker": workers})
    server = tf.train.Server(cluster, job_name=args.job, task_index=args.task)
    if args.job == "ps" or args.task > 0:
        print("%s %d ready" % (args.job, args.task), flush=True)
        server.join()
    target = server.target

rng = np.random.RandomState(0)
x = rng.randn(12, 3).astype(np.float32)
y = x.dot([[1.0], [-2.0], [0.5]]).astype(np.float32)
n = len(workers)
per = len(x) // n
# (in one process the devices are left out: a local session rejects /job:ps, as TF's)
ps_device = None if args.single else "/job:ps/task:0"
with tf.device(ps_device):
    w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
    gs = tf.train.get_or_create_global_step()
grads = []
for k in range(n):
    with tf.device(None if args.single else "/job:worker/task:%d" % k), \
            tf.name_scope("tower_%d" % k):
        loss = tf.reduce_mean(tf.square(tf.matmul(x[k * per:(k + 1) * per], w)
                                        - y[k * per:(k + 1) * per]))
        grads.append(tf.gradients(loss, [w])[0])
with tf.device(ps_device):
    train = tf.train.GradientDescentOptimizer(0.1).apply_gradients(
        [(tf.add_n(grads) / float(n), w)], global_step=gs)

with tf.Session(target) as sess:
    if not args.single:
        try:
            sess.run(w)
        except tf.errors.FailedPreconditionError as e:
            print("before init: %s" % " | ".join(e.message.splitlines()[:2]))
    sess.run(tf.global_variables_initializer())
    for _ in range(args.steps):
        sess.run(train)
    print("step %d final w %s" % (sess.run(gs), " ".join("%.8g" % v for v in sess.run(w).ravel())))
