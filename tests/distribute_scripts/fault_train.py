"""A TF1 between-graph job for the fault tests (tests/test_distribute_faults.py), run as
`flowgrad run fault_train.py --job=ps|worker --task=N ...`, one process per task.

--model=count: two 2**20-element variables `a` and `b` on ps:0 and the global step; each
step adds exactly 1 to every element of both (GradientDescent, learning rate 1, on
-(sum(a) + sum(b))) and to the global step, so a consistent state has a == b == global
step everywhere. Each step prints `step GS a=MIN..MAX b=MIN..MAX` (the values before it).

--model=sync: linear regression under SyncReplicasOptimizer(replicas_to_aggregate=R,
total_num_replicas=number of workers).

--wait-file=PATH: the worker waits for PATH to exist before its first step.

--kill-at=K: at global step K the worker kills itself (SIGKILL) from inside the step:
--kill-how=now before the step's update is sent, --kill-how=during 0.05 s later (while the
update travels to and runs on the ps task).
"""
import argparse
import os
import signal
import threading
import time

import numpy as np
import tensorflow as tf

p = argparse.ArgumentParser()
p.add_argument("--ps", required=True)
p.add_argument("--workers", required=True)
p.add_argument("--job", required=True)
p.add_argument("--task", type=int, default=0)
p.add_argument("--model", default="count")
p.add_argument("--steps", type=int, default=20)
p.add_argument("--kill-at", type=int, default=-1)
p.add_argument("--kill-how", default="now")
p.add_argument("--chief", action="store_true")
p.add_argument("--checkpoint-dir", default=None)
p.add_argument("--save-steps", type=int, default=None)
p.add_argument("--replicas", type=int, default=0)
p.add_argument("--timeout-ms", type=int, default=0)
p.add_argument("--wait-file", default=None)
args = p.parse_args()

workers = args.workers.split(",")
cluster = tf.train.ClusterSpec({"ps": args.ps.split(","), "worker": workers})
server = tf.train.Server(cluster, job_name=args.job, task_index=args.task)
if args.job == "ps":
    import ray  # noqa: E402  (the Ray node this task's process and actor are on)
    print("ps ready on node %s" % ray.util.get_node_ip_address(), flush=True)
    server.join()
    raise SystemExit(0)


def maybe_kill(gs):
    if int(gs) == args.kill_at:
        if args.kill_how == "now":
            os.kill(os.getpid(), signal.SIGKILL)
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGKILL)).start()
    return np.float32(1.0)


with tf.device(tf.train.replica_device_setter(
        worker_device="/job:worker/task:%d" % args.task, cluster=cluster)):
    global_step = tf.train.get_or_create_global_step()
    one = tf.py_func(maybe_kill, [global_step], tf.float32, stateful=True)
    if args.model == "count":
        a = tf.get_variable("a", [1 << 20], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [1 << 20], initializer=tf.zeros_initializer())
        loss = -(tf.reduce_sum(a) + tf.reduce_sum(b)) * one
        opt = tf.train.GradientDescentOptimizer(1.0)
        report = [global_step, tf.reduce_min(a), tf.reduce_max(a), tf.reduce_min(b),
                  tf.reduce_max(b)]
    else:
        rng = np.random.RandomState(args.task)
        xs = rng.randn(32, 3).astype(np.float32)
        ys = xs.dot([[1.0], [2.0], [-1.0]]).astype(np.float32)
        w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
        loss = tf.reduce_mean(tf.square(tf.matmul(xs, w) - ys)) * one
        opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.2),
                                             replicas_to_aggregate=args.replicas,
                                             total_num_replicas=len(workers))
        report = [global_step, loss]
    train_op = opt.minimize(loss, global_step=global_step)

hooks = [tf.train.StopAtStepHook(last_step=args.steps)]
if args.model == "sync":
    hooks.append(opt.make_session_run_hook(args.chief))
config = tf.ConfigProto(operation_timeout_in_ms=args.timeout_ms) if args.timeout_ms else None


def fmt(values):
    if args.model == "count":
        return "%d a=%g..%g b=%g..%g" % tuple(values)
    return "%d loss=%.6f" % tuple(values)


try:
    with tf.train.MonitoredTrainingSession(
            master=server.target, is_chief=args.chief, checkpoint_dir=args.checkpoint_dir,
            save_checkpoint_steps=args.save_steps,
            save_checkpoint_secs=None if args.save_steps else 600,
            scaffold=tf.train.Scaffold(saver=tf.train.Saver(sharded=True, max_to_keep=None)),
            hooks=hooks, config=config, stop_grace_period_secs=5,
            save_summaries_steps=None, save_summaries_secs=None, log_step_count_steps=0) \
            as sess:
        while args.wait_file and not os.path.exists(args.wait_file):
            time.sleep(0.1)
        while not sess.should_stop():
            print("step " + fmt(sess.run(report)), flush=True)
            if not sess.should_stop():
                sess.run(train_op)
except tf.errors.OpError as e:
    print("raised %s: %s" % (type(e).__name__, e.message), flush=True)
    raise SystemExit(3)
with tf.Session(server.target) as sess:
    print("done " + fmt(sess.run(report)), flush=True)
