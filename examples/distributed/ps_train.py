"""Between-graph replication, TF 1.x style: one ps task holds the variables, each worker
trains a linear model on its shard and updates them asynchronously.

    flowgrad run ps_train.py --ps_hosts=localhost:2222 \
        --worker_hosts=localhost:2223,localhost:2224 --job_name=ps --task_index=0 &
    flowgrad run ps_train.py ... --job_name=worker --task_index=0 &
    flowgrad run ps_train.py ... --job_name=worker --task_index=1
"""
import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("ps_hosts", "", "comma-separated ps host:port pairs")
flags.DEFINE_string("worker_hosts", "", "comma-separated worker host:port pairs")
flags.DEFINE_string("job_name", "", "ps or worker")
flags.DEFINE_integer("task_index", 0, "index of the task in its job")
flags.DEFINE_integer("steps", 200, "global steps to train for")
flags.DEFINE_string("checkpoint_dir", "", "the chief's checkpoint directory")
FLAGS = flags.FLAGS


def main(_):
    cluster = tf.train.ClusterSpec({"ps": FLAGS.ps_hosts.split(","),
                                    "worker": FLAGS.worker_hosts.split(",")})
    server = tf.train.Server(cluster, job_name=FLAGS.job_name, task_index=FLAGS.task_index)
    if FLAGS.job_name == "ps":
        server.join()
        return
    rng = np.random.RandomState(FLAGS.task_index)
    true_w = np.array([[2.0], [-3.0]], np.float32)
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        x = tf.placeholder(tf.float32, [None, 2])
        y = tf.placeholder(tf.float32, [None, 1])
        w = tf.get_variable("w", [2, 1], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        global_step = tf.train.get_or_create_global_step()
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss,
                                                                   global_step=global_step)
    hooks = [tf.train.StopAtStepHook(last_step=FLAGS.steps)]
    with tf.train.MonitoredTrainingSession(master=server.target,
                                           is_chief=FLAGS.task_index == 0,
                                           checkpoint_dir=FLAGS.checkpoint_dir or None,
                                           hooks=hooks) as sess:
        while not sess.should_stop():
            xs = rng.randn(16, 2).astype(np.float32)
            _, step, l = sess.run([train_op, global_step, loss],
                                  {x: xs, y: xs.dot(true_w) + 0.5})
        print("worker %d done: step %d loss %.6f" % (FLAGS.task_index, step, l))


if __name__ == "__main__":
    tf.app.run()
