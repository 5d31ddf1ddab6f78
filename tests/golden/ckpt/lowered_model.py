"""Graphs of flowgrad ops that TF 1.14 lacks, which flowgrad writes as TF's ops
(make_flowgrad_lowered.py writes them; gen_flowgrad_lowered.py imports and runs them in
TF 1.14; tests/test_export_lowered.py). Importable under Python 3.7; takes the tf module."""
import numpy as np

X = np.array([0.5, -1.5, 2.0], np.float32)
GRAPHS = ["initialized_value", "while", "while_nested_cond", "while_max", "tensor_array",
          "map_fn", "dynamic_rnn", "einsum", "cond_names", "while_grad", "while_grad_max",
          "dynamic_rnn_grad", "map_fn_grad", "while_cond_grad", "birnn_grad",
          "ta_split_grad", "nested_while_grad", "nested3_grad", "cond_in_cond_grad",
          "loop_cond_loop_grad", "ta_in_body_grad", "map_rnn_grad", "grad_in_body_grad",
          "v1_frames_regrad", "loop_in_cond_grad", "v1_frames_cond_regrad",
          "v1_frames_rnn_regrad", "print_summary", "scan_unread_grad", "fn_calls",
          "fn_nested", "ta_regrad_grad", "raw_rnn_grad", "cond_grad", "prawgd_loop_cond", "defun_swish",
          "loop_cond_train_grad"]
FETCHES = {"initialized_value": ["out:0", "out2:0"], "while": ["out:0", "n:0"],
           "while_nested_cond": ["out:0"], "while_max": ["out:0"], "tensor_array": ["out:0"],
           "map_fn": ["out:0", "s:0"], "dynamic_rnn": ["out:0", "h:0"],
           "einsum": ["out:0", "t:0", "s:0", "g:0"],
           # fetched by TF 1.14's own names of a cond's and a loop's outputs
           "cond_names": ["cond/Merge:0", "cond/Merge_1:0", "while/Exit_1:0"],
           # loops flowgrad differentiated: TF's stacks and gradient frame
           "while_grad": ["gw:0", "gx:0", "loss:0"], "while_grad_max": ["gx:0", "out:0"],
           # loop gradients holding TensorArrays: TF's TensorArrayGradV3 in the frames
           "dynamic_rnn_grad": ["loss:0", "gk:0", "gb:0", "gx:0"],
           "map_fn_grad": ["out:0", "gx:0", "gs:0"],
           # a cond in the loop body: kept values in its branches pushed and popped there
           "while_cond_grad": ["loss:0", "gw:0", "gx:0"],
           "birnn_grad": ["loss:0", "gx:0", "g0:0", "g1:0", "g2:0", "g3:0", "g4:0",
                          "g5:0"],
           "ta_split_grad": ["s:0", "c:0", "gx:0"],
           # a loop in the loop body: nested gradient frames, stacks entered through both
           "nested_while_grad": ["out:0", "gx:0", "gw:0"], "nested3_grad": ["out:0", "gx:0"],
           # conds in a cond's branches in the body; a cond in a loop in a loop
           "cond_in_cond_grad": ["out:0", "gx:0", "gw:0"],
           "loop_cond_loop_grad": ["out:0", "gx:0"],
           # arrays made in the body; a 2-layer dynamic_rnn in a map_fn
           "ta_in_body_grad": ["out:0", "gx:0"],
           "map_rnn_grad": ["out:0", "gx:0", "g0:0", "g1:0", "g2:0", "g3:0"],
           # tf.gradients called in the loop body, the loop differentiated again
           "grad_in_body_grad": ["out:0", "gx:0", "gw:0"],
           # flowgrad's gradient (V1FramesGrad) of a TF-written loop read from a .meta
           "v1_frames_regrad": ["loss:0", "gw:0", "gx:0"],
           "v1_frames_cond_regrad": ["loss:0", "gw:0", "gx:0"],   # (a cond in TF's loop)
           # TF's dynamic_rnn LSTM with lengths (TensorArrays read and written in its loop)
           "v1_frames_rnn_regrad": ["loss:0", "g0:0", "g1:0"],
           # tf.print (TF's StringFormat + PrintV2) and an image summary (bad_color attr)
           "print_summary": ["out:0", "img:0"],
           # a scan output nothing reads: its array's gradient flow is TF's float 0
           "scan_unread_grad": ["out:0", "gx:0"],
           # tf.function (PartitionedCall, StatefulPartitionedCall over a resource variable)
           # and tf.switch_case (Case, its default branch) and their gradients: TF's func
           # attrs naming FunctionDefs of the GraphDef's library
           "fn_calls": ["f0:0", "f1:0", "c0:0", "c1:0", "s:0", "gx:0", "gy:0"],
           # a function calling a function, a cond, a Case, a loop in a function;
           # Case branches capturing different inputs (TF 1.14 crashes on a Case branch calling a function, even
           # on its own graph of one)
           "fn_nested": ["f:0", "c:0", "k:0", "gx:0", "gk:0", "w:0"],
           # TensorArrays differentiated twice: TF's TensorArrayGradV3 of the gradient arrays
           # (TF 1.14 cannot run that part of its own graph either: "Wrong input container")
           "ta_regrad_grad": ["out:0", "gx:0"],
           # tf.nn.raw_rnn: an input array read in a cond of the body (its capture's
           # gradient a zero flow)
           "raw_rnn_grad": ["out:0", "gx:0", "g0:0", "g1:0"],
           # a loop in a cond's branch in the body (run 0, 2 and 4 times)
           "loop_in_cond_grad": ["out:0", "gx:0", "gw:0"],
           # a cond's gradient: TF's Switch of the gradient, Merges of zeros, AddN
           "cond_grad": ["loss:0", "gw:0", "gx:0"],
           # conds in a loop body as TF's: a predicate, an array and an inner cond's result
           # from outside the loop Entered into its frame
           "prawgd_loop_cond": ["out:0", "s:0"],
           # tf.nn.swish (TF's Defun: a swish_f32 call op, a SymbolicGradient), also in a
           # tf.function's body: the functions and the gradient map in the library
           "defun_swish": ["y:0", "f:0", "gx:0"],
           # conds in a loop body written as TF's gradient (a value both branches'
           # gradients read: a stack per branch; a predicate from outside the loop;
           # a gated minimize)
           "loop_cond_train_grad": ["loss:0", "gw:0", "gx:0"]}
INIT = {"dynamic_rnn": "init", "while_grad": "init", "dynamic_rnn_grad": "init",
        "while_cond_grad": "init", "birnn_grad": "init", "nested_while_grad": "init",
        "cond_in_cond_grad": "init", "map_rnn_grad": "init", "grad_in_body_grad": "init",
        "v1_frames_regrad": "init", "loop_in_cond_grad": "init",
        "v1_frames_cond_regrad": "init", "v1_frames_rnn_regrad": "init", "fn_calls": "init",
        "raw_rnn_grad": "init", "cond_grad": "init", "loop_cond_train_grad": "init"}
# (train op, loss, variable): run twice after FETCHES by TF 1.14 (gen_flowgrad_lowered.py)
TRAIN = {"v1_frames_regrad": ("train", "loss:0", "w:0"),
         "v1_frames_cond_regrad": ("train", "loss:0", "w:0"),
         "v1_frames_rnn_regrad": ("train", "loss:0", "rnn/lstm_cell/kernel:0"),
         "loop_cond_train_grad": ("train", "loss:0", "w:0")}


def feed(name):
    """The feed of model `name`'s placeholders."""
    if name == "v1_frames_rnn_regrad":   # (gen_tf_frames_ta.py's dynamic_rnn)
        import gen_tf_frames_ta
        return dict(gen_tf_frames_ta.FEEDS["rnn"])
    if name.startswith("fn_"):
        return {"x:0": X, "y:0": X[::-1] * 0.5, "i:0": 1}
    return {"x:0": X}


def import_tf_loop_meta(tf, key="meta", stem="tf_loop_regrad"):
    """Imports a .meta TF 1.14 wrote in gen_<stem>.py (flowgrad only)."""
    import os
    import sys
    import tempfile
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(here))
    import goldenio
    _, golden = goldenio.read(os.path.join(here, stem + ".json"))
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "m.meta"), "wb") as f:
            f.write(golden[key] if stem == "tf_loop_regrad" else golden[key]["meta"])
        tf.train.import_meta_graph(os.path.join(d, "m.meta"))


def build(tf, name):
    if name == "initialized_value":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([1.0, 2.0, 3.0], name="w")
        r = tf.get_variable("r", [3], initializer=tf.constant_initializer(5.0),
                            use_resource=True)
        tf.identity(w.initialized_value() * x, name="out")
        tf.identity(r.initialized_value() + x, name="out2")
    elif name == "while":
        x = tf.placeholder(tf.float32, [3], name="x")
        i, acc = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * x + 1.0),
                               [tf.constant(0), tf.ones([3])])
        tf.identity(acc, name="out")
        tf.identity(i, name="n")
    elif name == "while_nested_cond":
        x = tf.placeholder(tf.float32, [3], name="x")

        def body(i, a):
            inner = tf.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b + x), [0, a])[1]
            return i + 1, tf.cond(tf.reduce_sum(inner) > 0, lambda: inner * 0.5,
                                  lambda: inner + x)
        tf.identity(tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1],
                    name="out")
    elif name == "while_max":
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.identity(tf.while_loop(lambda a: tf.reduce_sum(a) < 100.0,
                                  lambda a: a * 2.0 + x, [x], maximum_iterations=5),
                    name="out")
    elif name == "tensor_array":
        x = tf.placeholder(tf.float32, [3], name="x")
        ta = tf.TensorArray(tf.float32, size=3)
        _, ta = tf.while_loop(lambda i, t: i < 3,
                              lambda i, t: (i + 1, t.write(i, x * tf.cast(i, tf.float32))),
                              [0, ta])
        tf.identity(ta.stack(), name="out")
    elif name == "map_fn":
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.identity(tf.map_fn(lambda v: v * 2.0 + 1.0, x), name="out")
        tf.identity(tf.scan(lambda a, v: a * v + 1.0, x), name="s")
    elif name == "dynamic_rnn":
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [8]), [2, 4, 3])
        cell = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.3))
        out, state = tf.nn.dynamic_rnn(cell, xs, sequence_length=[4, 2], dtype=tf.float32)
        tf.identity(out, name="out")
        tf.identity(state.h, name="h")
        tf.variables_initializer(tf.global_variables(), name="init")
    elif name == "einsum":   # TF 1.14 has no Einsum op: its einsum's Transpose/MatMul/Mul/Sum
        x = tf.placeholder(tf.float32, [3], name="x")
        m = tf.reshape(tf.range(6, dtype=tf.float32), [2, 3]) * x
        b = tf.reshape(tf.tile(x, [4]), [2, 2, 3])
        tf.identity(tf.einsum("ij,kj->ik", m, m) + tf.einsum("bij,bkj->bik", b, b), name="out")
        tf.identity(tf.einsum("i,j->ij", x, x) + tf.einsum("ij->ji", tf.einsum("ii", m[:, :2])
                                                               * tf.ones([3, 3])), name="t")
        tf.identity(tf.einsum("i,i,i->", x, x, x), name="s")
        tf.identity(tf.gradients(tf.einsum("ij,jk->ik", m, tf.transpose(m)), x)[0], name="g")
    elif name == "cond_names":
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.cond(tf.reduce_sum(x) > 0, lambda: (x * 2.0, x + 1.0), lambda: (x - 1.0, x))
        tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a + x), [0, x])
    elif name == "while_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")
        _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.sin(a * w) + x),
                               [tf.constant(0), tf.zeros([3])])
        loss = tf.reduce_sum(tf.square(acc - 1.0), name="loss")
        gw, gx = tf.gradients(loss, [w, x])
        tf.identity(gw, name="gw")
        tf.identity(gx, name="gx")
        tf.variables_initializer([w], name="init")
    elif name == "cond_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")
        a, b = tf.cond(tf.reduce_sum(x) > 0, lambda: (tf.sin(x * w), x * x),
                       lambda: (x + w, tf.cos(x)))
        loss = tf.reduce_sum(a * b, name="loss")
        gw, gx = tf.gradients(loss, [w, x])
        tf.identity(gw, name="gw")
        tf.identity(gx, name="gx")
        tf.variables_initializer([w], name="init")
    elif name == "while_grad_max":   # the count comes from the data; runs 0..5 times
        x = tf.placeholder(tf.float32, [3], name="x")
        out = tf.while_loop(lambda a: tf.reduce_sum(a) < 20.0, lambda a: a * a + x * 3.0, [x],
                            maximum_iterations=5)
        tf.identity(out, name="out")
        tf.identity(tf.gradients(tf.reduce_sum(out * out), x)[0], name="gx")
    elif name == "dynamic_rnn_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [8]), [2, 4, 3]) * tf.reshape(tf.range(1.0, 9.0), [2, 4, 1])
        cell = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.3))
        out, state = tf.nn.dynamic_rnn(cell, xs, sequence_length=[4, 2], dtype=tf.float32)
        loss = tf.reduce_sum(tf.square(out), name="loss") + tf.reduce_sum(state.c)
        gk, gb, gx = tf.gradients(loss, tf.trainable_variables() + [x])
        tf.identity(gk, name="gk")
        tf.identity(gb, name="gb")
        tf.identity(gx, name="gx")
        tf.variables_initializer(tf.global_variables(), name="init")
    elif name == "map_fn_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        m = tf.map_fn(lambda v: tf.sin(v) * v, x)
        s = tf.scan(lambda a, v: a * v + 1.0, x)
        tf.identity(m, name="out")
        tf.identity(tf.gradients(tf.reduce_sum(m * m), x)[0], name="gx")
        tf.identity(tf.gradients(tf.reduce_sum(s), x)[0], name="gs")
    elif name == "while_cond_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")

        def body(i, a):
            a = tf.cond(tf.equal(i % 2, 0), lambda: tf.sin(a * w) + x,
                        lambda: tf.tanh(a * a * w))
            return i + 1, a
        _, acc = tf.while_loop(lambda i, a: i < 5, body, [tf.constant(0), x])
        loss = tf.reduce_sum(tf.square(acc - 0.5), name="loss")
        gw, gx = tf.gradients(loss, [w, x])
        tf.identity(gw, name="gw")
        tf.identity(gx, name="gx")
        tf.variables_initializer([w], name="init")
    elif name == "loop_cond_train_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        p = tf.placeholder_with_default(True, [], name="p")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")

        def body(i, a):
            a = tf.cond(tf.reduce_sum(a) > 0.0, lambda: tf.sin(a) * w, lambda: a * a - w)
            return i + 1, tf.cond(p, lambda: a * x, lambda: a + 1.0)
        _, acc = tf.while_loop(lambda i, a: i < 4, body, [tf.constant(0), x])
        loss = tf.reduce_sum(tf.square(acc - 0.5), name="loss")
        gw, gx = tf.gradients(loss, [w, x])
        tf.identity(gw, name="gw")
        tf.identity(gx, name="gx")
        tf.train.GradientDescentOptimizer(0.01).minimize(loss, name="train")
        tf.variables_initializer([w], name="init")
    elif name == "birnn_grad":   # GRU forward, LSTM backward (ReverseSequence), lengths
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [10]), [2, 5, 3]) * tf.reshape(tf.range(1.0, 11.0) * 0.2,
                                                                  [2, 5, 1])
        fw = tf.nn.rnn_cell.GRUCell(4, kernel_initializer=tf.constant_initializer(0.2),
                                    bias_initializer=tf.constant_initializer(0.1))
        bw = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(-0.3))
        (o1, o2), _ = tf.nn.bidirectional_dynamic_rnn(fw, bw, xs, sequence_length=[5, 2],
                                                      dtype=tf.float32)
        loss = tf.identity(tf.reduce_sum(o1) + tf.reduce_sum(o2 * o2), name="loss")
        ws = tf.trainable_variables()
        gs = tf.gradients(loss, [x] + ws)
        tf.identity(gs[0], name="gx")
        for k, gk in enumerate(gs[1:]):
            tf.identity(gk, name="g%d" % k)
        tf.variables_initializer(tf.global_variables(), name="init")
    elif name == "ta_split_grad":   # split before the loop, read in it, concat after
        x = tf.placeholder(tf.float32, [3], name="x")
        ta = tf.TensorArray(tf.float32, size=2, infer_shape=False, clear_after_read=False)
        ta = ta.split(tf.concat([x, x * 2.0], 0), [2, 4])
        _, s = tf.while_loop(lambda i, a: i < 2,
                             lambda i, a: (i + 1, a + tf.reduce_sum(tf.sin(ta.read(i)))),
                             [tf.constant(0), tf.constant(0.0)])
        c = ta.concat()
        tf.identity(s, name="s")
        tf.identity(c, name="c")
        tf.identity(tf.gradients(s + tf.reduce_sum(c * c), x)[0], name="gx")
    elif name == "nested_while_grad":   # the inner count depends on the outer variable
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.3, -0.2, 0.1], name="w")

        def body(i, a):
            inner = tf.while_loop(lambda j, b: j < i,
                                  lambda j, b: (j + 1, tf.tanh(b * w + a)), [0, a * x])[1]
            return i + 1, inner + tf.sin(a)
        out = tf.while_loop(lambda i, a: i < 4, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        gx, gw = tf.gradients(tf.reduce_sum(out * out), [x, w])
        tf.identity(gx, name="gx")
        tf.identity(gw, name="gw")
        tf.variables_initializer([w], name="init")
    elif name == "nested3_grad":   # three loops deep
        x = tf.placeholder(tf.float32, [3], name="x")

        def body(i, a):
            def body2(j, b):
                c = tf.while_loop(lambda k, c: k < 2,
                                  lambda k, c: (k + 1, tf.sin(c) + b * 0.5), [0, b])[1]
                return j + 1, c * x
            return i + 1, tf.while_loop(lambda j, b: j < 2, body2, [0, a])[1]
        out = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        tf.identity(tf.gradients(tf.reduce_sum(out * out), x)[0], name="gx")
    elif name == "cond_in_cond_grad":   # conds two and three deep, data-dependent
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")

        def body(i, a):
            def t1():
                return tf.cond(tf.reduce_sum(a) > 0.5, lambda: tf.sin(a * w) + x,
                               lambda: tf.cond(i > 2, lambda: a * a * w,
                                               lambda: tf.tanh(a) * x))

            def f1():
                return tf.cond(tf.reduce_max(a) > 1.0, lambda: tf.tanh(a * x),
                               lambda: tf.exp(-a * a * w))
            return i + 1, tf.cond(tf.equal(i % 2, 0), t1, f1)
        out = tf.while_loop(lambda i, a: i < 6, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        gx, gw = tf.gradients(tf.reduce_sum(out * out), [x, w])
        tf.identity(gx, name="gx")
        tf.identity(gw, name="gw")
        tf.variables_initializer([w], name="init")
    elif name == "loop_cond_loop_grad":   # a cond in the inner loop of two
        x = tf.placeholder(tf.float32, [3], name="x")

        def body(i, a):
            def ib(j, b):
                return j + 1, tf.cond(tf.reduce_sum(b) > 0, lambda: tf.sin(b) * x,
                                      lambda: b * b)
            return i + 1, tf.while_loop(lambda j, b: j < 3, ib, [0, a])[1] + a
        out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        tf.identity(tf.gradients(tf.reduce_sum(out * out), x)[0], name="gx")
    elif name == "ta_in_body_grad":   # a new TensorArray each iteration
        x = tf.placeholder(tf.float32, [3], name="x")

        def body(i, a):
            ta = tf.TensorArray(tf.float32, size=3).unstack(a * x)
            ta2 = tf.TensorArray(tf.float32, size=2).write(0, tf.sin(a)).write(1, a * 0.5)
            return i + 1, ta.read(1) * a + ta.read(0) + tf.reduce_sum(ta2.stack(), 0)
        out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x * 0.1])[1]
        tf.identity(out, name="out")
        tf.identity(tf.gradients(tf.reduce_sum(out * out), x)[0], name="gx")
    elif name == "map_rnn_grad":   # its arrays are made in map_fn's body; loops in a loop
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [8]), [2, 4, 3]) * tf.reshape(tf.range(1.0, 9.0) * 0.25,
                                                                  [2, 4, 1])
        init = tf.constant_initializer((np.sin(np.arange(72.0)) * 0.5).reshape(6, 12))
        cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(3, initializer=init)
                                            for _ in range(2)])

        def f(seq):
            o, _ = tf.nn.dynamic_rnn(cell, seq[None], dtype=tf.float32)
            return o[0]
        out = tf.map_fn(f, xs)
        tf.identity(out, name="out")
        gs = tf.gradients(tf.reduce_sum(out * out), [x] + tf.trainable_variables())
        tf.identity(gs[0], name="gx")
        for k, gk in enumerate(gs[1:]):
            tf.identity(gk, name="g%d" % k)
        tf.variables_initializer(tf.global_variables(), name="init")
    elif name == "grad_in_body_grad":   # gradient steps in the body (second order after)
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")

        def body(i, a):
            g = tf.gradients(tf.reduce_sum(tf.sin(a * x) * w + a * a), a)[0]
            return i + 1, a - 0.1 * g
        out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        gx, gw = tf.gradients(tf.reduce_sum(out * out), [x, w])
        tf.identity(gx, name="gx")
        tf.identity(gw, name="gw")
        tf.variables_initializer([w], name="init")
    elif name == "loop_in_cond_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([0.5, -0.25, 0.75], name="w")

        def body(i, a):
            def inner():
                return tf.while_loop(lambda j, b: j < i,
                                     lambda j, b: (j + 1, tf.sin(b * w) + x * 0.5), [0, a])[1]
            return i + 1, tf.cond(tf.equal(i % 2, 0), inner, lambda: tf.tanh(a * w))
        out = tf.while_loop(lambda i, a: i < 5, body, [tf.constant(0), x])[1]
        tf.identity(out, name="out")
        gx, gw = tf.gradients(tf.reduce_sum(out * out), [x, w])
        tf.identity(gx, name="gx")
        tf.identity(gw, name="gw")
        tf.variables_initializer([w], name="init")
    elif name == "scan_unread_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [4]), [4, 3]) * tf.reshape(tf.range(1.0, 5.0), [4, 1])
        out = tf.scan(lambda a, r: (a[0] * r + r, a[1] + 1.0), xs,
                      initializer=(tf.ones([3]), tf.zeros([])))
        tf.identity(out[0], name="out")
        tf.identity(tf.gradients(tf.reduce_sum(out[0] * out[0]), x)[0], name="gx")
    elif name == "print_summary":
        x = tf.placeholder(tf.float32, [3], name="x")
        p = tf.print("x:", x, {"first": x[0]}, sep="|", end="!\n", summarize=2)
        with tf.control_dependencies([p]):
            tf.identity(x * 2.0, name="out")
        tf.summary.image("img", tf.reshape(tf.concat([x, -x], 0), [2, 1, 3, 1]),
                         max_outputs=2)
    elif name in ("v1_frames_regrad", "v1_frames_cond_regrad"):   # flowgrad only: TF's .meta
        import_tf_loop_meta(tf, "meta" if name == "v1_frames_regrad" else "cond_meta")
        g = tf.get_default_graph()
        loss = g.get_tensor_by_name("loss:0")
        gw, gx = tf.gradients(loss, [g.get_tensor_by_name("w:0"), g.get_tensor_by_name("x:0")])
        tf.identity(gw, name="gw")
        tf.identity(gx, name="gx")
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, name="train")
    elif name == "v1_frames_rnn_regrad":   # flowgrad only: TF's .meta (gen_tf_frames_ta.py)
        import_tf_loop_meta(tf, "rnn", "tf_frames_ta")
        g = tf.get_default_graph()
        loss = g.get_tensor_by_name("loss:0")
        for k, gk in enumerate(tf.gradients(loss, tf.trainable_variables())):
            tf.identity(gk, name="g%d" % k)
        tf.train.GradientDescentOptimizer(0.05).minimize(loss, name="train")   # (as TF's)
    elif name == "defun_swish":
        x = tf.placeholder(tf.float32, [3], name="x")
        y = tf.nn.swish(x)
        f = tf.function(lambda a: tf.nn.swish(a) * 2.0)(x)
        gx = tf.gradients(tf.reduce_sum(y * y) + tf.reduce_sum(f), x)[0]
        for k, t in dict(y=y, f=f, gx=gx).items():
            tf.identity(t, name=k)
    elif name == "fn_calls":
        x = tf.placeholder(tf.float32, [3], name="x")
        y = tf.placeholder(tf.float32, [3], name="y")
        i = tf.placeholder(tf.int32, [], name="i")
        f0, f1 = tf.function(lambda a, b: (a * b, tf.sin(a) + b))(x, y)
        c0 = tf.switch_case(i, [lambda: x * 2.0, lambda: tf.sin(x) * y])
        c1 = tf.switch_case(i + 1, [lambda: x, lambda: x - 1.0], default=lambda: tf.square(y))
        v = tf.Variable(np.array([1.0, 2.0, 3.0], np.float32), use_resource=True, name="v")
        s = tf.function(lambda a, w: tf.tanh(a) * w)(x, v)
        gx, gy = tf.gradients([f0, f1, c0, c1, s], [x, y])
        for k, t in dict(f0=f0, f1=f1, c0=c0, c1=c1, s=s, gx=gx, gy=gy).items():
            tf.identity(t, name=k)
        tf.variables_initializer([v], name="init")
    elif name == "ta_regrad_grad":   # (tests/op_samples.py's TensorArray row)
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [4]), [4, 3]) * tf.reshape(tf.range(1.0, 5.0), [4, 1])
        ta = tf.TensorArray(tf.float32, 4, clear_after_read=False).unstack(xs * 1.5)
        w = tf.TensorArray(tf.float32, 2).write(0, ta.read(1) * ta.read(1)).write(
            1, tf.sin(ta.read(3)))
        s = tf.TensorArray(tf.float32, 2, infer_shape=False).split(tf.reshape(xs, [-1]),
                                                                    [5, 7])
        outs = [w.stack(), ta.gather([2, 0]), s.concat() * 2.0]
        gx = tf.gradients(outs, x, grad_ys=[tf.ones_like(o) * 0.5 for o in outs])[0]
        tf.identity(outs[0], name="out")
        tf.identity(gx, name="gx")
        tf.identity(tf.gradients(gx * gx, x)[0], name="ggx")
    elif name == "fn_nested":
        x = tf.placeholder(tf.float32, [3], name="x")
        y = tf.placeholder(tf.float32, [3], name="y")
        i = tf.placeholder(tf.int32, [], name="i")
        inner = tf.function(lambda a: tf.exp(a) * 0.5)
        f = tf.function(lambda a, b: tf.cond(tf.reduce_sum(a) > 0.0, lambda: inner(a) + b,
                                             lambda: a - b))(x, y)
        c = tf.switch_case(i, [lambda: x * 2.0, lambda: tf.cos(y) - x])
        k = tf.function(lambda a, j: tf.switch_case(j, [lambda: a * 2.0, lambda: tf.sin(a)]))(
            x, i)
        tf.identity(f, name="f")
        tf.identity(c, name="c")
        tf.identity(k, name="k")
        tf.identity(tf.function(lambda a: tf.while_loop(
            lambda n, s: n < 3, lambda n, s: (n + 1, s * 1.5 + a), [0, a])[1])(x), name="w")
        tf.identity(tf.gradients(f, x)[0], name="gx")
        tf.identity(tf.gradients(k, x)[0], name="gk")
    elif name == "raw_rnn_grad":
        x = tf.placeholder(tf.float32, [3], name="x")
        xs = tf.reshape(tf.tile(x, [8]), [4, 2, 3]) * tf.reshape(tf.range(1.0, 9.0) * 0.25,
                                                                  [4, 2, 1])
        inputs_ta = tf.TensorArray(tf.float32, size=4).unstack(xs)
        init = tf.constant_initializer((np.cos(np.arange(40.0)) * 0.5).reshape(5, 8))
        cell = tf.nn.rnn_cell.LSTMCell(2, initializer=init)

        def loop_fn(time, cell_output, cell_state, loop_state):
            state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
            finished = time >= 4
            inp = tf.cond(finished, lambda: tf.zeros((2, 3)), lambda: inputs_ta.read(time))
            return finished, inp, state, cell_output, None
        out = tf.nn.raw_rnn(cell, loop_fn)[0].stack()
        tf.identity(out, name="out")
        gs = tf.gradients(tf.reduce_sum(out * out), [x] + tf.trainable_variables())
        tf.identity(gs[0], name="gx")
        for k, gk in enumerate(gs[1:]):
            tf.identity(gk, name="g%d" % k)
        tf.variables_initializer(tf.global_variables(), name="init")
    elif name == "prawgd_loop_cond":
        x = tf.placeholder(tf.float32, [3], name="x")
        p = tf.reduce_sum(x) > 0
        w = x * 3.0
        ta = tf.TensorArray(tf.float32, size=4).unstack(tf.stack([x, -x, x * x, x + 1.0]))

        def body(i, a, s):
            nxt = tf.cond(i >= 3, lambda: tf.zeros([3]), lambda: ta.read(i + 1))
            b = tf.cond(p, lambda: tf.cond(tf.reduce_sum(a) > 2.0, lambda: w, lambda: a * x),
                        lambda: a - 1.0)
            return i + 1, b + nxt, s + tf.reduce_sum(nxt)
        _, out, s = tf.while_loop(lambda i, a, s: i < 4, body,
                                  [tf.constant(0), ta.read(0), tf.constant(0.0)])
        tf.identity(out, name="out")
        tf.identity(s, name="s")
    else:
        raise ValueError(name)
