"""TF 1.14 writes .meta files of forward-only models whose loops hold what flowgrad's
frame executor must differentiate without running anything twice: a stateful op in the
loop body (`stateful`: an assign_add counter the body reads) and a dynamic_rnn LSTM
(`rnn`: TensorArrays read and written in the loop). TF then takes the gradients and
trains with SGD; flowgrad imports the .meta, builds the gradients itself and must get
TF's values (tests/test_tf_frames_ta.py)."""
import numpy as np

X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], np.float32)
XS = np.linspace(-1.0, 1.0, 24).reshape(2, 4, 3).astype(np.float32)
LENGTHS = np.array([4, 2], np.int32)


def build_stateful(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    v = tf.Variable(np.array([0.7, -0.3, 0.4], np.float32), name="v")
    cnt = tf.Variable(0.0, name="cnt")

    def body(i, a):
        c = tf.assign_add(cnt, 1.0)
        return i + 1, tf.tanh(a * v + c * 0.1)

    # one iteration at a time: the counter read (a ref) sees its own iteration's update
    _, acc = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x], parallel_iterations=1)
    tf.reduce_sum(tf.square(acc), name="loss")
    tf.variables_initializer([v, cnt], name="init")


def build_rnn(tf):
    xs = tf.placeholder(tf.float32, [2, 4, 3], name="xs")
    lengths = tf.placeholder(tf.int32, [2], name="lengths")
    cell = tf.nn.rnn_cell.LSTMCell(5, initializer=tf.random_normal_initializer(seed=3))
    out, state = tf.nn.dynamic_rnn(cell, xs, sequence_length=lengths, dtype=tf.float32)
    tf.identity(tf.reduce_sum(tf.square(out)) + tf.reduce_sum(state.c), name="loss")
    tf.variables_initializer(tf.global_variables(), name="init")


FEEDS = {"stateful": {"x:0": X}, "rnn": {"xs:0": XS, "lengths:0": LENGTHS}}


def cases(tf):
    out = {}
    for name, build in (("stateful", build_stateful), ("rnn", build_rnn)):
        with tf.Graph().as_default() as g:
            build(tf)
            meta = tf.train.export_meta_graph(graph=g).SerializeToString(deterministic=True)
            loss = g.get_tensor_by_name("loss:0")
            wvars = tf.trainable_variables()
            wvars = [w for w in wvars if w.op.name != "cnt"]
            grads = tf.gradients(loss, wvars)
            step = tf.train.GradientDescentOptimizer(0.05).minimize(loss, var_list=wvars)
            feeds = {g.get_tensor_by_name(k): v for k, v in FEEDS[name].items()}
            with tf.Session() as s:
                s.run("init")
                case = {"meta": meta, "names": [w.op.name for w in wvars],
                        "initial": s.run(wvars)}
                got = s.run([loss] + grads, feeds)
                case["loss"], case["grads"] = got[0], got[1:]
                case["after_grads"] = s.run(tf.global_variables())
                losses = []
                for _ in range(2):
                    losses.append(s.run([loss, step], feeds)[0])
                case["losses"] = losses
                case["weights"] = s.run(tf.global_variables())
                case["global_names"] = [w.op.name for w in tf.global_variables()]
            out[name] = case
    return out
