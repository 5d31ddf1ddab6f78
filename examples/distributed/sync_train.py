"""Synchronous between-graph replication: tf.train.SyncReplicasOptimizer on a ps task.
Every global step applies the mean of one gradient from each of the workers.

    flowgrad run sync_train.py --ps_hosts=localhost:2222 \
        --worker_hosts=localhost:2223,localhost:2224 --job_name=ps --task_index=0 &
    flowgrad run sync_train.py ... --job_name=worker --task_index=0 &
    flowgrad run sync_train.py ... --job_name=worker --task_index=1
"""
import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("ps_hosts", "", "comma-separated ps host:port pairs")
flags.DEFINE_string("worker_hosts", "", "comma-separated worker host:port pairs")
flags.DEFINE_string("job_name", "", "ps or worker")
flags.DEFINE_integer("task_index", 0, "index of the task in its job")
flags.DEFINE_integer("steps", 20, "global steps to train for")
FLAGS = flags.FLAGS


def main(_):
    workers = FLAGS.worker_hosts.split(",")
    cluster = tf.train.ClusterSpec({"ps": FLAGS.ps_hosts.split(","), "worker": workers})
    server = tf.train.Server(cluster, job_name=FLAGS.job_name, task_index=FLAGS.task_index)
    if FLAGS.job_name == "ps":
        server.join()
        return
    rng = np.random.RandomState(FLAGS.task_index)
    xs = rng.randn(32, 3).astype(np.float32)
    ys = xs.dot([[1.0], [2.0], [-1.0]]).astype(np.float32)
    is_chief = FLAGS.task_index == 0
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
        loss = tf.reduce_mean(tf.square(tf.matmul(xs, w) - ys))
        global_step = tf.train.get_or_create_global_step()
        opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.2),
                                             replicas_to_aggregate=len(workers),
                                             total_num_replicas=len(workers))
        train_op = opt.minimize(loss, global_step=global_step)
    hooks = [opt.make_session_run_hook(is_chief),
             tf.train.StopAtStepHook(last_step=FLAGS.steps)]
    local_steps = 0
    with tf.train.MonitoredTrainingSession(master=server.target, is_chief=is_chief,
                                           hooks=hooks, stop_grace_period_secs=5) as sess:
        while not sess.should_stop():
            sess.run(train_op)
            local_steps += 1
    with tf.Session(server.target) as sess:
        step, l = sess.run([global_step, loss])
    print("worker %d done: %d local steps, global step %d, loss %.6f"
          % (FLAGS.task_index, local_steps, step, l), flush=True)


if __name__ == "__main__":
    tf.app.run()
