"""TF 1.14 goldens for what public TF1 programs (char-rnn, text CNNs, the hunkim labs) do
that flowgrad got wrong: the gradient of a concat of more than 16 tensors (a static RNN's
outputs joined along time), a feed_dict keyed by a nested state tuple. Values, op names and
shapes, errors. Output: cpb.json, read by tests/test_realworld_cpb.py."""
import numpy as np

X = np.random.RandomState(7).randn(18, 3, 2).astype(np.float32)


def _ops(tf, n0=0):
    return [[o.name, o.type, [t.shape.as_list() if t.shape.ndims is not None else None
                              for t in o.outputs]]
            for o in tf.get_default_graph().get_operations()[n0:]]


def _concat_many(tf, n, axis, static):
    if static:
        xs = [tf.constant(X[i]) for i in range(n)]
        feed = {}
    else:
        xs = [tf.placeholder(tf.float32, [None, 2]) for _ in range(n)]
        feed = {x: X[i] for i, x in enumerate(xs)}
    y = tf.concat(xs, axis)
    rng = np.random.RandomState(100 * n + 10 * axis + static)   # per case: any selection
    w = tf.constant(rng.randn(*[3 * (n if axis == 0 else 1), 2 * (n if axis else 1)])
                    .astype(np.float32))
    n0 = len(tf.get_default_graph().get_operations())
    g = tf.gradients(tf.reduce_sum(y * w), xs)
    with tf.Session() as s:
        vals = s.run(g, feed)
    return [_ops(tf, n0), vals]


def _rnn_state_feed(tf):
    tf.set_random_seed(3)
    cells = [tf.nn.rnn_cell.BasicLSTMCell(4) for _ in range(2)]
    cell = tf.nn.rnn_cell.MultiRNNCell(cells)
    x = tf.placeholder(tf.float32, [2, 3, 5])
    init = cell.zero_state(2, tf.float32)
    out, last = tf.nn.dynamic_rnn(cell, x, initial_state=init)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        xs = np.random.RandomState(34).randn(2, 3, 5).astype(np.float32)
        st = s.run(init)
        o1, st = s.run([out, last], {x: xs, init: st})
        o2, st2 = s.run([out, last], {x: xs, init: st})
        # a list key of tensors, a dict value keyed as the list is ordered
        h = [init[0].h, init[1].c]
        o3 = s.run(out, {x: xs, tuple(h): (st2[0].h, st2[1].c)})
    return [o1, o2, o3, st2]


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return [type(e).__name__, str(e).split(" Key:")[0]]
        return "no error"
    return case


def _feed_mismatch(tf):
    a, b = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    with tf.Session() as s:
        s.run(a + b, {(a, b): (1.0, 2.0, 3.0)})


def _feed_repeated(tf):
    a, b = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    with tf.Session() as s:
        s.run(a + b, {(a, b): (1.0, 2.0), a: 3.0})


def _feed_nested(tf):
    a, b, c = (tf.placeholder(tf.float32, name=n) for n in "abc")
    with tf.Session() as s:
        return s.run([a, b, c], {(a, (b, c)): [1.0, [2.0, np.array([3.0, 4.0])]]})


def _rnncell_names(tf):
    """A TF RNNCell that is not a LayerRNNCell (MultiRNNCell, a user's cell) re-enters the
    variable scope of its first call: its ops get that scope's name twice."""
    x = tf.zeros([2, 3, 4])
    multi = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicRNNCell(3) for _ in range(2)])
    tf.nn.dynamic_rnn(multi, x, dtype=tf.float32)
    gru = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(3) for _ in range(2)])
    tf.nn.static_rnn(gru, tf.unstack(x, axis=1), dtype=tf.float32)
    with tf.variable_scope("M"):
        cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(3) for _ in range(2)])
        state = cell.zero_state(2, tf.float32)
        with tf.variable_scope("RNN"):
            for t in range(3):
                if t > 0:
                    tf.get_variable_scope().reuse_variables()
                out, state = cell(x[:, t, :], state)

    class Mine(tf.nn.rnn_cell.RNNCell):
        state_size = 3
        output_size = 3

        def call(self, inputs, state):
            w = tf.get_variable("w", [4, 3])
            return tf.matmul(inputs, w) + state, state
    with tf.variable_scope("top"):
        mine = Mine()
        tf.nn.dynamic_rnn(mine, x, dtype=tf.float32)
        mine(x[:, 0], tf.zeros([2, 3]))
    names = [[o.name, o.type] for o in tf.get_default_graph().get_operations()
             if o.type in ("MatMul", "BiasAdd", "Add", "VariableV2", "Tanh")]
    return [names, [v.name for v in tf.global_variables()]]


def _device_lib(tf):
    import importlib
    device_lib = importlib.import_module(   # flowgrad's module is what the alias gives
        "tensorflow.python.client.device_lib" if tf.__name__ == "tensorflow"
        else "flowgrad.client.device_lib")
    devs = device_lib.list_local_devices()
    text = str(devs[0]).splitlines()
    return [[(d.name, d.device_type, d.memory_limit, d.physical_device_desc) for d in devs],
            [line for line in text if not line.startswith("incarnation")]]


def _lstm_block_unrolled(tf, peephole):
    """ptb_word_lm's BLOCK mode: two LSTMBlockCells unrolled by hand under a graph seed, a
    dropout after them (its seed is the op count: one LSTMBlockCell op per step)."""
    tf.set_random_seed(11)
    x = tf.constant(np.random.RandomState(0).randn(2, 3, 4).astype(np.float32))
    with tf.variable_scope("M", initializer=tf.random_uniform_initializer(-0.5, 0.5)):
        cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.LSTMBlockCell(
            3, forget_bias=0.0, use_peephole=peephole, cell_clip=0.8 if peephole else None)
            for _ in range(2)])
        state = cell.zero_state(2, tf.float32)
        outs = []
        with tf.variable_scope("RNN"):
            for t in range(3):
                if t > 0:
                    tf.get_variable_scope().reuse_variables()
                out, state = cell(x[:, t, :], state)
                outs.append(out)
        y = tf.nn.dropout(tf.concat(outs, 1), 0.7)
        loss = tf.reduce_sum(tf.square(y)) + tf.reduce_sum(state[1].c * 2.0)
    tv = tf.trainable_variables()
    n0 = len(tf.get_default_graph().get_operations())
    grads = tf.gradients(loss, [x] + tv)
    ops = [[o.name, o.type] for o in tf.get_default_graph().get_operations()]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        vals = s.run([loss, grads])
    try:
        tf.gradients(grads[0], x)
        second = "no error"
    except LookupError as e:
        second = [type(e).__name__, str(e)]
    return [vals, ops[:n0], ops[n0:], second]


def _reader_then_seeded(tf):
    """hunkim's lab-04-4: a file queue, a CSV reader and tf.train.batch, then graph-seeded
    weights (their seeds are the op count)."""
    tf.set_random_seed(777)
    q = tf.train.string_input_producer(["a.csv", "b.csv"], shuffle=False, name="files")
    _, value = tf.TextLineReader().read(q)
    xy = tf.decode_csv(value, record_defaults=[[0.], [0.], [0.]])
    tf.train.batch([xy[0:-1], xy[-1:]], batch_size=4)
    w = tf.random_normal([3, 1])
    ops = [[o.name, o.type] for o in tf.get_default_graph().get_operations()]
    with tf.Session() as s:
        return [ops, s.run(w)]


def _pandas_inputs(tf):
    """The Iris estimator samples: pandas Series / DataFrame columns become tensors as
    NumPy arrays (float64 kept), a dtype given fails as in TF 1.14."""
    import pandas as pd
    frame = pd.DataFrame({"x": [1.5, 2.5], "n": [3, 4]})
    t = tf.constant(frame["x"])
    n = tf.convert_to_tensor(frame["n"])
    ds = tf.data.Dataset.from_tensor_slices((dict(frame), pd.Series([0, 1])))
    try:
        tf.constant(frame["x"], dtype=tf.float32)
        err = "no error"
    except TypeError as e:
        err = [type(e).__name__, str(e)]
    with tf.Session() as s:
        vals = s.run([t, n, ds.make_one_shot_iterator().get_next()])
    return [[t.dtype.name, n.dtype.name], sorted((k, v.name) for k, v in
                                                 ds.output_types[0].items()),
            vals, err]


def _unbuilt_saver_export(tf):
    """An Estimator's deferred Saver in SAVERS is left out of a meta graph until built
    (no warning, the collection kept)."""
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver(defer_build=True)
    tf.add_to_collection(tf.GraphKeys.SAVERS, saver)
    before = sorted(tf.train.export_meta_graph().collection_def)
    saver.build()
    return [before, sorted(tf.train.export_meta_graph().collection_def)]


def _input_fn_args(tf):
    """An input_fn naming `params`, `mode` and `config` gets them (TF's _call_input_fn),
    and its ops are placed on /cpu:0."""
    import tempfile
    seen = []

    def input_fn(params, mode, config):
        x = tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2))
        seen.append([sorted(params.items()), mode, type(config).__name__, x.device])
        return {"x": x}, tf.constant([0, 1, 0, 1])

    def model_fn(features, labels, mode, params):
        logits = tf.layers.dense(features["x"], 2)
        loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss,
                                                                tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train)
    est = tf.estimator.Estimator(model_fn, model_dir=tempfile.mkdtemp(), params={"b": 3},
                                 config=tf.estimator.RunConfig(tf_random_seed=1))
    est.train(input_fn, steps=3)
    result = est.evaluate(input_fn, steps=1)
    return [seen, sorted(result.items())]


def _gru_block_unrolled(tf, v2):
    """GRUBlockCell(V2) as one op a step (its seeds for later graph-seeded ops are TF's)."""
    tf.set_random_seed(5)
    x = tf.constant(np.random.RandomState(2).randn(2, 3, 4).astype(np.float32))
    make = tf.contrib.rnn.GRUBlockCellV2 if v2 else tf.contrib.rnn.GRUBlockCell
    with tf.variable_scope("G", initializer=tf.random_uniform_initializer(-0.5, 0.5)):
        cell = tf.contrib.rnn.MultiRNNCell([make(3) for _ in range(2)])
        out, state = tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
        y = tf.nn.dropout(tf.concat(out, 1), 0.7)
        loss = tf.reduce_sum(tf.square(y)) + tf.reduce_sum(state[1] * 2.0)
    tv = tf.trainable_variables()
    n0 = len(tf.get_default_graph().get_operations())
    grads = tf.gradients(loss, [x] + tv)
    ops = [[o.name, o.type] for o in tf.get_default_graph().get_operations()]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        vals = s.run([loss, grads])
    try:
        tf.gradients(grads[0], x)
        second = "no error"
    except LookupError as e:
        second = [type(e).__name__, str(e)]
    return [vals, ops[:n0], ops[n0:], second]


def _projector(tf):
    """word2vec scripts' embedding projector: the config written next to the events."""
    import os
    import tempfile
    projector = tf.contrib.tensorboard.plugins.projector
    logdir = tempfile.mkdtemp()
    writer = tf.summary.FileWriter(logdir)
    config = projector.ProjectorConfig()
    emb = config.embeddings.add()
    emb.tensor_name = "embedding:0"
    emb.metadata_path = "metadata.tsv"
    emb.sprite.image_path = "sprite.png"
    emb.sprite.single_image_dim.extend([28, 28])
    projector.visualize_embeddings(writer, config)
    writer.close()
    with open(os.path.join(logdir, "projector_config.pbtxt")) as f:
        text = f.read()
    return [text, type(emb).__name__, type(emb.sprite).__name__]


def _dropout_shapes(tf):
    """hunkim's labs print their layers: dropout with a keep_prob placeholder keeps x's
    static shape, random ops shaped by tf.shape(x) get x's known dims."""
    x = tf.placeholder(tf.float32, [None, 5])
    kp = tf.placeholder(tf.float32)
    outs = [tf.nn.dropout(x, keep_prob=kp), tf.nn.dropout(x, rate=kp),
            tf.nn.dropout(x, 0.5), tf.random_uniform(tf.shape(x)),
            tf.random_normal(tf.concat([tf.shape(x), [2]], 0)),
            tf.truncated_normal(tf.shape(tf.placeholder(tf.float32))),
            tf.random_uniform(tf.shape(x)[1:])]
    return [[str(t), str(t.shape)] for t in outs]


CASES = {
    "shapes/dropout_and_random": _dropout_shapes,
    "tensorboard/projector": _projector,
    "gru_block/unrolled": lambda tf: _gru_block_unrolled(tf, False),
    "gru_block/unrolled_v2": lambda tf: _gru_block_unrolled(tf, True),
    "estimator/input_fn_args": _input_fn_args,
    "estimator/pandas_inputs": _pandas_inputs,
    "estimator/unbuilt_saver_export": _unbuilt_saver_export,
    "queues/reader_then_seeded": _reader_then_seeded,
    "lstm_block/unrolled": lambda tf: _lstm_block_unrolled(tf, False),
    "lstm_block/unrolled_peephole_clip": lambda tf: _lstm_block_unrolled(tf, True),
    "rnncell/scope_reentry_names": _rnncell_names,
    "device_lib/cpu": _device_lib,
    "concat_grad/17_static_axis1": lambda tf: _concat_many(tf, 17, 1, True),
    "concat_grad/18_placeholders_axis1": lambda tf: _concat_many(tf, 18, 1, False),
    "concat_grad/18_placeholders_axis0": lambda tf: _concat_many(tf, 18, 0, False),
    "concat_grad/16_static": lambda tf: _concat_many(tf, 16, 1, True),
    "feed/rnn_state_tuple": _rnn_state_feed,
    "feed/nested": _feed_nested,
    "feed/error_mismatch": _error(_feed_mismatch),
    "feed/error_repeated": _error(_feed_repeated),
}


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
