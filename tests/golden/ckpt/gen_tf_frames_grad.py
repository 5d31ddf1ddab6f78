"""TF 1.14 writes a model with a tf.while_loop and a tf.cond over variables as a .meta
(before any gradient exists: the graph holds TF's Switch/Merge/Enter/Exit/NextIteration
forward only), then takes its gradients and trains it 3 steps with SGD. flowgrad imports
the .meta, builds the gradients itself through TF's frames and must get TF's gradients
and losses (tests/test_tf_frames_grad.py)."""
import numpy as np

X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], np.float32)


def build(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable(np.array([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]], np.float32), name="w")
    v = tf.Variable(np.array([0.7, -0.3], np.float32), name="v")
    h = tf.matmul(x, w)

    def body(i, a):
        a = tf.tanh(a * v + h) + tf.cond(i < 2, lambda: a * 0.5, lambda: tf.square(a) * v)
        return i + 1, a

    _, acc = tf.while_loop(lambda i, a: i < 4, body, [tf.constant(0), h])
    y = tf.cond(tf.reduce_sum(acc) > 0, lambda: acc * w[0], lambda: acc - v)
    tf.reduce_mean(tf.square(y), name="loss")
    tf.variables_initializer([w, v], name="init")


def cases(tf):
    out = {}
    with tf.Graph().as_default() as g:
        build(tf)
        out["meta"] = tf.train.export_meta_graph(graph=g).SerializeToString(deterministic=True)
        loss = g.get_tensor_by_name("loss:0")
        ws = [g.get_tensor_by_name("w:0"), g.get_tensor_by_name("v:0")]
        wvars = [v for v in tf.global_variables()]
        grads = tf.gradients(loss, ws)
        gx = tf.gradients(loss, g.get_tensor_by_name("x:0"))[0]
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=wvars)
        with tf.Session() as s:
            s.run("init")
            out["grads"] = s.run(grads + [gx], {"x:0": X})
            losses = []
            for _ in range(3):
                losses.append(s.run([loss, step], {"x:0": X})[0])
            out["losses"] = losses
            out["weights"] = s.run(wvars)
    return out
