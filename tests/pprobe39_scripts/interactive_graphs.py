"""InteractiveSession with Tensor.eval / Operation.run, sess.list_devices, tf.Session(graph=g)
on a second graph, fetching a tensor of another graph (TF's error), and Graph.finalize then
building (TF's RuntimeError)."""
import tensorflow as tf

tf.set_random_seed(7)
sess = tf.InteractiveSession()
v = tf.Variable(tf.truncated_normal([3], seed=4), name="v")
v.initializer.run()
print(repr(v.eval().tolist()))
p = tf.placeholder(tf.float32, [3])
e = tf.reduce_prod(v + p)
print(repr(e.eval(feed_dict={p: [1.0, 2.0, 3.0]})))
upd = tf.assign(v, v * 2.0)
print(upd.op.run(), repr(v.eval().tolist()))
print(tf.get_default_session() is sess)
devs = sess.list_devices()
print([d.name for d in devs][:1], [d.device_type for d in devs][:1])
sess.close()

g2 = tf.Graph()
with g2.as_default():
    tf.set_random_seed(7)
    q = tf.constant([1.0, 2.0], name="q")
    z = tf.random_uniform([2], seed=1, name="z")
    s = tf.add(q, z, name="s")
with tf.Session(graph=g2) as s2:
    print(s2.graph is g2, repr(s2.run(s).tolist()))
    try:
        s2.run(e)
    except Exception as ex:  # noqa
        print(type(ex).__name__, str(ex).split("\n")[0])
    try:
        s2.run(tf.constant(1.0))
    except Exception as ex:  # noqa
        print(type(ex).__name__, str(ex).split("\n")[0])
with tf.Session() as s3:
    try:
        s3.run(s)
    except Exception as ex:  # noqa
        print(type(ex).__name__, str(ex).split("\n")[0])
g2.finalize()
print(g2.finalized)
try:
    with g2.as_default():
        tf.constant(3.0)
except RuntimeError as ex:
    print(type(ex).__name__, ex)
with tf.Session(graph=g2) as s4:
    print(repr(s4.run({"s": s, "q": q})["s"].tolist()))
print(len(g2.get_operations()), len(tf.get_default_graph().get_operations()))
