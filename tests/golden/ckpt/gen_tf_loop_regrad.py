"""TF 1.14 writes a model with a tf.while_loop over a variable as a .meta (forward only:
TF's Enter/Merge/Switch/Exit/NextIteration frame, no gradient yet), then differentiates it
and trains it 2 steps with SGD. flowgrad imports that .meta, differentiates TF's frame
itself (V1FramesGrad) and writes the gradient as TF's v1 gradient frames
(lowered_model.py `v1_frames_regrad`); TF 1.14 runs flowgrad's GraphDef
(gen_flowgrad_lowered.py) and both give these values (tests/test_export_lowered.py); `loss3`/`w3` after a third step
are what TF reaches continuing flowgrad's run directory of one step (train_model.py
`regrad`, tests/test_train_graph_interop.py)."""
import numpy as np

X = np.array([0.5, -1.5, 2.0], np.float32)


def build(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    w = tf.Variable([0.5, -0.25, 0.75], name="w")
    _, acc = tf.while_loop(lambda i, a: i < 3,
                           lambda i, a: (i + 1, tf.sin(a * w) * tf.exp(-a * a) + x),
                           [tf.constant(0), tf.zeros([3])])
    tf.reduce_sum(tf.square(acc - 1.0), name="loss")
    tf.variables_initializer([w], name="init")


def build_cond(tf):   # a cond in the loop body (TF's Switch/Merge in the frame)
    x = tf.placeholder(tf.float32, [3], name="x")
    w = tf.Variable([0.5, -0.25, 0.75], name="w")

    def body(i, a):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: tf.sin(a * w) + x,
                              lambda: tf.tanh(a * a * w) - tf.constant(0.25))
    _, acc = tf.while_loop(lambda i, a: i < 5, body, [tf.constant(0), x])
    tf.reduce_sum(tf.square(acc - 0.5), name="loss")
    tf.variables_initializer([w], name="init")


def cases(tf):
    out = {}
    with tf.Graph().as_default() as g:
        build(tf)
        out["meta"] = tf.train.export_meta_graph(graph=g).SerializeToString(deterministic=True)
        loss = g.get_tensor_by_name("loss:0")
        gw, gx = tf.gradients(loss, [g.get_tensor_by_name("w:0"),
                                     g.get_tensor_by_name("x:0")])
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as s:
            s.run("init")
            out["grads"] = s.run([loss, gw, gx], {"x:0": X})
            out["losses"] = [s.run([loss, step], {"x:0": X})[0] for _ in range(2)]
            out["w"] = s.run("w:0")
            s.run(step, {"x:0": X})   # a third step: what train_model.py `regrad` reaches
            out["loss3"], out["w3"] = s.run([loss, "w:0"], {"x:0": X})
    with tf.Graph().as_default() as g:   # `cond_*`: the model with a cond in the body
        build_cond(tf)
        out["cond_meta"] = tf.train.export_meta_graph(graph=g).SerializeToString(
            deterministic=True)
        loss = g.get_tensor_by_name("loss:0")
        gw, gx = tf.gradients(loss, [g.get_tensor_by_name("w:0"),
                                     g.get_tensor_by_name("x:0")])
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as s:
            s.run("init")
            out["cond_grads"] = s.run([loss, gw, gx], {"x:0": X})
            out["cond_losses"] = [s.run([loss, step], {"x:0": X})[0] for _ in range(2)]
            out["cond_w"] = s.run("w:0")
    return out
