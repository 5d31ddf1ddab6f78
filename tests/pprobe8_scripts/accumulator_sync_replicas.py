"""Gradient aggregation with tf.ConditionalAccumulator (apply_grad with local steps, a stale
gradient dropped, take_grad averaging) and the graph tf.train.SyncReplicasOptimizer builds for one
replica (its queue runner, token queue, local step and session-run hook)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(91)
rs = np.random.RandomState(92)
acc = tf.ConditionalAccumulator(tf.float32, shape=[3], name="acc")
g = tf.placeholder(tf.float32, [None])
step = tf.placeholder(tf.int64, [])
apply = acc.apply_grad(g, local_step=step)
take = acc.take_grad(2)
setg = acc.set_global_step(tf.constant(2, tf.int64))
print(apply.type, take.op.type, acc.num_accumulated().op.type, acc.name)
with tf.Session() as s:
    for i in range(3):
        s.run(apply, {g: rs.randn(3).astype(np.float32), step: 0})
    print(s.run(acc.num_accumulated()))
    print(repr(s.run(take).tolist()), s.run(acc.num_accumulated()))
    s.run(setg)
    s.run(apply, {g: np.ones(3, np.float32), step: 1})
    print("stale dropped", s.run(acc.num_accumulated()))
    s.run(apply, {g: np.full(3, 2.0, np.float32), step: 2})
    s.run(apply, {g: np.full(3, 4.0, np.float32), step: 3})
    print(repr(s.run(take).tolist()))
    try:
        s.run(apply, {g: np.ones(2, np.float32), step: 5})
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.split("\n")[0])

tf.reset_default_graph()
tf.set_random_seed(93)
x = tf.constant(rs.randn(8, 3).astype(np.float32))
y = tf.constant(rs.randn(8, 1).astype(np.float32))
w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=4))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
gs = tf.train.get_or_create_global_step()
opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                     replicas_to_aggregate=1, total_num_replicas=1)
train = opt.minimize(loss, global_step=gs)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted({o.type for o in ops if o.name.startswith("sync_replicas")}))
hook = opt.make_session_run_hook(is_chief=True)
# (no training run: the chief queue runner applies the aggregated gradients in a thread of
# its own, so which weights each step reads is a race in TF too)
print(type(hook).__name__, sorted(v.op.name for v in tf.local_variables()),
      opt.get_chief_queue_runner().name, opt.get_init_tokens_op().type)
