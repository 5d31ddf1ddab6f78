"""TF 1.14 goldens: tf.contrib.rnn's CoupledInputForgetGateLSTMCell, NASCell, GLSTMCell,
IntersectionRNNCell, PhasedLSTMCell, TimeFreqLSTMCell, GridLSTMCell,
BidirectionalGridLSTMCell, FusedRNNCellAdaptor and TimeReversedFusedRNN: outputs, final
states, gradients of the input and of every variable, variable names and shapes, the op
counter after the cell ran and the numbers of a graph-seeded random_uniform made after
it (tests/test_contrib_rnn_cells_extra.py).

A case runs the cell in dynamic_rnn (sequence_length [4, 2]) or, for the cells whose
state does not match their state_size (TimeFreqLSTMCell, GridLSTMCell with a flat state),
step by step over the time axis from a zero state of the width the cell really uses. PhasedLSTMCell, LSTMBlockFusedCell (BlockLSTM
has float16 and float32 kernels only) and the layer-normed
CoupledInputForgetGateLSTMCell run in float32 (their extra variables are float32 in TF).
"""
import numpy as np

X = np.random.RandomState(5).uniform(-1, 1, (2, 4, 3))
X4 = np.random.RandomState(9).uniform(-1, 1, (2, 4, 4))
X6 = np.random.RandomState(10).uniform(-1, 1, (2, 3, 6))
TIMES = np.cumsum(np.random.RandomState(11).uniform(0.5, 3, (2, 4, 1)), axis=1)


def _cells(tf):
    rnn = tf.contrib.rnn
    f64 = tf.float64
    return {
        "cifg": (lambda: rnn.CoupledInputForgetGateLSTMCell(3), X, "dyn"),
        "cifg_peep_proj": (lambda: rnn.CoupledInputForgetGateLSTMCell(
            3, use_peepholes=True, num_proj=2, proj_clip=0.3, forget_bias=0.5), X, "dyn"),
        "cifg_layer_norm": (lambda: rnn.CoupledInputForgetGateLSTMCell(
            3, layer_norm=True, norm_gain=0.9, norm_shift=0.1), X, "dyn32"),
        "cifg_flat": (lambda: rnn.CoupledInputForgetGateLSTMCell(
            2, state_is_tuple=False, activation=tf.nn.softsign), X, "dyn"),
        "nas": (lambda: rnn.NASCell(3), X, "dyn"),
        "nas_proj_bias": (lambda: rnn.NASCell(3, num_proj=2, use_bias=True), X, "dyn"),
        "glstm": (lambda: rnn.GLSTMCell(4, number_of_groups=2), X4, "dyn"),
        "glstm_proj": (lambda: rnn.GLSTMCell(
            4, num_proj=2, number_of_groups=2, forget_bias=0.5,
            initializer=tf.random_uniform_initializer(-0.3, 0.3, seed=4, dtype=f64)),
            X4, "dyn"),
        "intersection": (lambda: rnn.IntersectionRNNCell(3), X, "dyn"),
        "intersection_proj": (lambda: rnn.IntersectionRNNCell(
            4, num_in_proj=4, forget_bias=0.5, y_activation=tf.tanh), X, "dyn"),
        "phased": (lambda: rnn.PhasedLSTMCell(3), X, "phased"),
        "phased_peep": (lambda: rnn.PhasedLSTMCell(
            2, use_peepholes=True, leak=0.01, ratio_on=0.3, trainable_ratio_on=False,
            period_init_min=0.5, period_init_max=5.0), X, "phased"),
        "timefreq": (lambda: rnn.TimeFreqLSTMCell(
            2, feature_size=2, frequency_skip=2), X6, "steps"),
        "timefreq_peep_clip": (lambda: rnn.TimeFreqLSTMCell(
            2, use_peepholes=True, cell_clip=0.2, feature_size=3, frequency_skip=1,
            forget_bias=0.5), X6, "steps"),
        "grid": (lambda: rnn.GridLSTMCell(
            2, feature_size=2, frequency_skip=2, num_frequency_blocks=[3]), X6, "dyn"),
        "grid_peep_shared": (lambda: rnn.GridLSTMCell(
            2, use_peepholes=True, share_time_frequency_weights=True, cell_clip=0.5,
            feature_size=2, frequency_skip=1, num_frequency_blocks=[2, 2],
            start_freqindex_list=[0, 3], end_freqindex_list=[3, 6]), X6, "dyn"),
        "grid_coupled_peep": (lambda: rnn.GridLSTMCell(
            2, use_peepholes=True, couple_input_forget_gates=True, feature_size=3,
            frequency_skip=3, num_frequency_blocks=[2]), X6, "dyn"),
        "grid_flat": (lambda: rnn.GridLSTMCell(
            2, feature_size=3, frequency_skip=3, num_frequency_blocks=[2],
            state_is_tuple=False), X6, "steps"),
        "bigrid": (lambda: rnn.BidirectionalGridLSTMCell(
            2, feature_size=2, frequency_skip=2, num_frequency_blocks=[3]), X6, "dyn"),
        "bigrid_offset_peep": (lambda: rnn.BidirectionalGridLSTMCell(
            2, use_peepholes=True, feature_size=2, frequency_skip=2,
            num_frequency_blocks=[3], backward_slice_offset=1), X6, "dyn"),
        "compiled_gru": (lambda: rnn.CompiledWrapper(tf.nn.rnn_cell.GRUCell(3)), X, "dyn"),
        "compiled_stateful_dropout": (lambda: rnn.CompiledWrapper(
            tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(2),
                                          output_keep_prob=0.7, seed=3),
            compile_stateful=True), X, "dyn"),
        "block_wrapper": (lambda: _block_wrapper(tf)(), X, "fused"),
        "block_wrapper_list_init": (lambda: _block_wrapper(tf)(), X, "wrapper_list"),
        "block_fused": (lambda: rnn.LSTMBlockFusedCell(3), X, "fused32"),
        "block_fused_peep_clip": (lambda: rnn.LSTMBlockFusedCell(
            3, forget_bias=0.5, cell_clip=0.4, use_peephole=True), X, "fused32"),
        "block_fused_init": (lambda: rnn.LSTMBlockFusedCell(3, use_peephole=True),
                                  X, "wrapper_init32"),
        "block_fused_reversed": (lambda: rnn.TimeReversedFusedRNN(
            rnn.LSTMBlockFusedCell(2, name="rev")), X, "fused32"),
        "fused_adaptor_dynamic": (lambda: rnn.FusedRNNCellAdaptor(
            tf.nn.rnn_cell.BasicLSTMCell(3), use_dynamic_rnn=True), X, "fused"),
        "fused_adaptor_static": (lambda: rnn.FusedRNNCellAdaptor(
            tf.nn.rnn_cell.GRUCell(3)), X, "fused"),
        "fused_reversed": (lambda: rnn.TimeReversedFusedRNN(rnn.FusedRNNCellAdaptor(
            tf.nn.rnn_cell.GRUCell(2), use_dynamic_rnn=True)), X, "fused"),
        "fused_reversed_static_list": (lambda: rnn.TimeReversedFusedRNN(
            rnn.FusedRNNCellAdaptor(tf.nn.rnn_cell.BasicRNNCell(2))), X, "fused_list"),
    }


def _block_wrapper(tf):
    """An LSTMBlockWrapper whose `_call_cell` is a running sum squashed by tanh (the
    wrapper's masking and final-state gathering are what is checked)."""

    class CumsumBlock(tf.contrib.rnn.LSTMBlockWrapper):
        @property
        def num_units(self):
            return 3

        def _call_cell(self, inputs, initial_cell_state, initial_output, dtype,
                       sequence_length):
            w = tf.get_variable("w", [int(inputs.shape[2]), 3], dtype=dtype)
            cs = tf.cumsum(tf.tensordot(inputs, w, [[2], [0]]), axis=0) + initial_cell_state
            return cs, tf.tanh(cs) + 0.5 * initial_output

    return CumsumBlock


def _zero_like_state(tf, cell, inp):
    """A zero state as wide as the cell really makes it (TimeFreqLSTMCell declares
    2 * num_units but keeps 2 * num_units per frequency block)."""
    if isinstance(cell, tf.contrib.rnn.TimeFreqLSTMCell):
        feats = (int(inp.shape[1]) - cell._feature_size) // cell._frequency_skip + 1
        return tf.zeros([2, 2 * cell._num_units * feats], inp.dtype)
    return tf.zeros([2, cell.state_size], inp.dtype)


def _flatten(state):
    if isinstance(state, (tuple, list)):
        return [t for s in state for t in _flatten(s)]
    return [state]


def run_case(tf, name):
    make, xv, mode = _cells(tf)[name]
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        f32 = mode in ("phased", "dyn32", "fused32", "wrapper_init32")
        x = tf.constant(xv.astype(np.float32) if f32 else xv)
        init = tf.random_uniform_initializer(-0.5, 0.5, seed=6,
                                             dtype=x.dtype)
        with tf.variable_scope("s", initializer=init):
            cell = make()
            if mode in ("dyn", "dyn32"):
                out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2],
                                               dtype=x.dtype)
            elif mode == "phased":
                times = tf.constant(TIMES.astype(np.float32))
                out, state = tf.nn.dynamic_rnn(cell, (times, x), sequence_length=[4, 2],
                                               dtype=tf.float32)
            elif mode == "steps":
                steps = tf.unstack(x, axis=1)
                state = _zero_like_state(tf, cell, steps[0])
                outs = []
                for inp in steps:
                    o, state = cell(inp, state)
                    outs.append(o)
                out = tf.stack(outs, axis=1)
            elif mode in ("wrapper_list", "wrapper_init32"):
                init_state = (tf.fill([2, 3], tf.constant(0.25, x.dtype)),
                              tf.fill([2, 3], tf.constant(-0.5, x.dtype)))
                xt = tf.transpose(x, [1, 0, 2])
                if mode == "wrapper_list":
                    out, state = cell(tf.unstack(xt), initial_state=init_state)
                    out = tf.stack(out)
                else:
                    out, state = cell(xt, initial_state=init_state)
            else:
                xt = tf.transpose(x, [1, 0, 2])
                inp = tf.unstack(xt) if mode == "fused_list" else xt
                out, state = cell(inp, dtype=x.dtype,
                                  sequence_length=[3, 2] if f32 else [4, 2])
                if mode == "fused_list":
                    out = tf.stack(out)
        count = g._last_id
        r = tf.random_uniform([3])
        flat = _flatten(state)
        loss = tf.reduce_sum(tf.sin(out)) + tf.add_n([tf.reduce_sum(s * s) for s in flat])
        grads = tf.gradients(loss, [x] + tf.trainable_variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([out, flat, [v for v in grads if v is not None], r])
        it = iter(got[2])
        got[2] = [None if v is None else next(it) for v in grads]   # unused variable: None
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return got + [names, count]


def cases(tf):
    return {name: run_case(tf, name) for name in sorted(_cells(tf))}
