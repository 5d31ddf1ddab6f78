"""TF 1.14 goldens: tf.contrib.cudnn_rnn's CuDNN layers, saveables and format converters on
a CPU-only machine. The graphs build (ops, shapes, variables, saveable specs, gradient ops)
and every Session.run of a graph holding a CuDNN op fails with InvalidArgumentError "No
OpKernel was registered ..." naming the graph's first CuDNN op, whatever is fetched. An
error message is kept without its "(defined at ...)" part and with its attrs sorted (TF
lists them in hash-map order)."""
import re

import numpy as np


def _message(e):
    """'Class: first line', normalized as the module docstring says; for an error TF wraps
    in its autograph traceback, the wrapped message's last line."""
    kind = type(e).__name__
    lines = [s.strip() for s in str(e).strip().splitlines() if s.strip()]
    line = lines[0]
    if line.startswith("in converted code"):
        line = lines[-1]
        if line.startswith(kind + ": "):
            line = line[len(kind) + 2:]
    line = re.sub(r" \(defined at [^)]*\)", "", line)
    m = re.search(r"with these attrs: \[(.*)\]$", line)
    if m:
        attrs = ", ".join(sorted(m.group(1).split(", ")))
        line = line[:m.start(1)] + attrs + "]"
    return "%s: %s" % (kind, line)


def _error(f):
    try:
        f()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the result
        return _message(e)


def _shape(t):
    return str(t.shape)


def _graph(tf, n=0):
    return [[op.name, op.type, op.device] for op in tf.get_default_graph().get_operations()[n:]]


def _layer_case(make, shape, call_kw, grad=True):
    def case(tf):
        x = tf.placeholder(tf.float32, shape, name="x")
        layer = make(tf)
        out, states = layer(x, **call_kw)
        sv = layer.saveable
        res = {
            "outputs": [_shape(out)] + [_shape(s) for s in states],
            "variables": [[v.name, _shape(v)] for v in tf.global_variables()],
            "trainable": [v.name for v in layer.trainable_variables],
            "saveable": [sv.name, _shape(sv.op), [[s.name, s.tensor.name, _shape(s.tensor)]
                                                  for s in sv.specs]],
            "saveables": len(tf.get_collection(tf.GraphKeys.SAVEABLE_OBJECTS)),
            "properties": [layer.num_layers, layer.num_units, layer.input_mode,
                           layer.direction, layer.num_dirs, layer.rnn_mode, layer.input_size,
                           [list(s) for s in layer.canonical_weight_shapes],
                           layer.canonical_bias_shapes, layer.name],
        }
        n = len(tf.get_default_graph().get_operations())
        if grad:
            grads = tf.gradients(tf.reduce_sum(out), [x, layer.kernel])
            res["grads"] = [g.name + " " + _shape(g) for g in grads]
        res["graph"] = _graph(tf)
        res["grad_graph_from"] = n
        feed = {x: np.zeros([d or 2 for d in shape], np.float32)}
        with tf.Session() as sess:
            res["run_init"] = _error(lambda: sess.run(tf.global_variables_initializer()))
            res["run_output"] = _error(lambda: sess.run(out, feed))
            res["run_other"] = _error(lambda: sess.run(tf.constant(1.0, name="other")))
        return res
    return case


def _lstm(tf):
    return tf.contrib.cudnn_rnn.CudnnLSTM(2, 3)


def _gru_bi(tf):
    return tf.contrib.cudnn_rnn.CudnnGRU(2, 3, direction="bidirectional")


def _tanh(tf):
    return tf.contrib.cudnn_rnn.CudnnRNNTanh(1, 4, seed=5, dropout=0.5)


def _relu(tf):
    return tf.contrib.cudnn_rnn.CudnnRNNRelu(1, 3, dtype=tf.float64,
                                             kernel_initializer=tf.ones_initializer(),
                                             bias_initializer=tf.constant_initializer(0.5))


def _relu_case(tf):
    x = tf.placeholder(tf.float64, [3, 2, 4], name="x")
    out, states = _relu(tf)(x)
    return {"outputs": [_shape(out)] + [_shape(s) for s in states], "graph": _graph(tf),
            "dtype": out.dtype.name}


def _lstm_v3(tf):
    layer = tf.contrib.cudnn_rnn.CudnnLSTM(1, 3)
    x = tf.placeholder(tf.float32, [7, 2, 5], name="x")
    out, st = layer(x, sequence_lengths=[2, 3], time_major=False, training=False)
    res = {"v3": [_shape(out)] + [_shape(s) for s in st]}
    out2, _ = layer(x, time_major=False)
    tf.gradients(out2, [x])
    res["graph"] = _graph(tf)
    res["no_grad"] = _error(lambda: tf.gradients(out, x))   # training=False
    return res


def _initial_state(tf):
    layer = tf.contrib.cudnn_rnn.CudnnGRU(1, 3)
    x = tf.placeholder(tf.float32, [4, 2, 5], name="x")
    h = tf.placeholder(tf.float32, [1, 2, 3], name="h")
    out, (h2,) = layer(x, initial_state=(h,))
    return {"shapes": [_shape(out), _shape(h2)], "graph": _graph(tf)}


def _errors(tf):
    x = tf.placeholder(tf.float32, [4, 2, 5])
    return [
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).build([2, 5])),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).build([None, None, None])),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3, direction="x")),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3, input_mode="y")),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3, dtype=tf.int32)),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnLSTM(1, 3)(x, initial_state=[1])),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).input_size),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).canonical_weight_shapes),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).canonical_bias_shapes),
        _error(lambda: tf.contrib.cudnn_rnn.CudnnGRU(1, 3).saveable),
    ]


def _converter(cls, n_layers, direction, canon):
    def case(tf):
        conv = getattr(tf.contrib.cudnn_rnn, cls)(n_layers, 2, 3, direction=direction)
        rs = np.random.RandomState(0)
        params = [tf.constant(rs.randn(*s).astype(np.float32)) for s in canon]
        opaque = conv.tf_canonical_to_opaque(params)
        ws, bs = conv.opaque_to_tf_canonical(tf.placeholder(tf.float32, [None], name="buf"))
        with tf.Session() as sess:
            run = _error(lambda: sess.run(params[0]))
        return {"opaque": [opaque.name, _shape(opaque)],
                "canonical": [[t.name, _shape(t)] for t in ws + bs],
                "graph": _graph(tf), "run": run}
    return case


CASES = {
    "lstm": _layer_case(_lstm, [4, 2, 5], {}),
    "gru_bidirectional": _layer_case(_gru_bi, [4, 2, 5], {}),
    "tanh_seed_dropout": _layer_case(_tanh, [3, 2, 5], {}, grad=False),
    "relu_float64_initializers": _relu_case,
    "lstm_v3": _lstm_v3,
    "initial_state": _initial_state,
    "errors": _errors,
    "converter_lstm": _converter("CudnnParamsFormatConverterLSTM", 1, "unidirectional",
                                 [(5, 8), (8,)]),
    "converter_gru_bi": _converter("CudnnParamsFormatConverterGRU", 1, "bidirectional",
                                   [(5, 4), (3, 2), (2, 2), (5, 4), (3, 2), (2, 2),
                                    (4,), (2,), (2,), (4,), (2,), (2,)]),
    "converter_tanh_2layers": _converter("CudnnParamsFormatConverterTanh", 2,
                                         "unidirectional", [(5, 2), (4, 2), (2,), (2,)]),
    "converter_relu": _converter("CudnnParamsFormatConverterRelu", 1, "unidirectional",
                                 [(5, 2), (2,)]),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = CASES[name](tf)
    return out
