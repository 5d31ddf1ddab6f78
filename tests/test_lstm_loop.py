"""The fused LSTM loop runner (engine/ops/lstm_loop.py) gives the plain loop's values.

Every case builds the same graph twice: once as is (dynamic_rnn's While op runs the fused
runner, checked by counting its calls) and once with the matcher turned off (the body's
ops run one by one); outputs, final states and gradients must be equal bit for bit.
Also: ScatterAdd/ScatterSub in rounds equal ufunc.at exactly.
"""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import lstm_loop
from flowgrad.engine.ops import scatter as scatter_ops


def _run(build, fused, monkeypatch):
    calls = []
    if not fused:
        monkeypatch.setattr(lstm_loop, "match", lambda *a: None)
    else:
        orig = lstm_loop.Runner.forward
        orig_back = lstm_loop.Runner.backward

        def counting(self, *a, **k):
            out = orig(self, *a, **k)
            calls.append(out is not None)
            return out

        def counting_back(self, *a, **k):   # the gradient runs fused too
            out = orig_back(self, *a, **k)
            calls.append(out is not None)
            return out
        monkeypatch.setattr(lstm_loop.Runner, "forward", counting)
        monkeypatch.setattr(lstm_loop.Runner, "backward", counting_back)
    tf.reset_default_graph()
    fetches = build()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        got = s.run(fetches)
        again = s.run(fetches)
    monkeypatch.undo()
    return got, again, calls


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    if hasattr(x, "_fields"):
        return [z for y in x for z in _flat(y)]
    return [x]


def _compare(build, monkeypatch, rtol=None):
    got, again, calls = _run(build, True, monkeypatch)
    want, _, _ = _run(build, False, monkeypatch)
    assert calls and all(calls), "the fused runner did not run"
    for g, a, w in zip(_flat(got), _flat(again), _flat(want)):
        np.testing.assert_array_equal(g, w)   # bit for bit the plain loop's
        np.testing.assert_array_equal(g, a)


def _lstm_case(cell_fn, dtype=np.float32, time_major=False, initial=False, batch=3, steps=5,
               depth=4, units=6, lengths=None):
    def build():
        tf.set_random_seed(3)
        rng = np.random.RandomState(0)
        shape = (steps, batch, depth) if time_major else (batch, steps, depth)
        x = tf.constant(rng.randn(*shape).astype(dtype))
        cell = cell_fn(units)
        init = None
        if initial:
            init = tf.nn.rnn_cell.LSTMStateTuple(
                tf.constant(rng.randn(batch, units).astype(dtype)),
                tf.constant(rng.randn(batch, units).astype(dtype)))
        out, st = tf.nn.dynamic_rnn(cell, x, initial_state=init, dtype=tf.as_dtype(dtype),
                                    time_major=time_major, sequence_length=lengths)
        top = st[-1] if isinstance(st, tuple) and not hasattr(st, "c") else st
        if hasattr(top, "c") and top.c.shape[-1] != top.h.shape[-1]:   # num_proj
            loss = tf.reduce_sum(out * out) + tf.reduce_sum(top.h * top.h) + \
                tf.reduce_sum(top.c * top.c * 0.5)
        elif hasattr(top, "c"):
            loss = tf.reduce_sum(out * out) + tf.reduce_sum(top.c * top.h) + \
                tf.reduce_sum(top.c)
        else:   # GRU: one state tensor
            loss = tf.reduce_sum(out * out) + tf.reduce_sum(top * top * 0.5)
        xs = tf.trainable_variables() + [x] + ([init.c, init.h] if initial else [])
        return [out, st] + tf.gradients(loss, xs)
    return build


@pytest.mark.parametrize("case", [
    dict(),
    dict(time_major=True),
    dict(initial=True),
    dict(dtype=np.float64),
    dict(batch=1, steps=40, depth=3, units=5),
    dict(batch=24, steps=6, depth=40, units=48),   # products the intra-op pool splits
    dict(batch=1, steps=20, depth=3, units=16),   # packet-aligned gates: one logistic call
])
def test_basic_lstm_fused_equals_plain(case, monkeypatch):
    dtype = case.get("dtype", np.float32)
    rtol = 1e-10 if dtype == np.float64 else 2e-5
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.BasicLSTMCell(u, forget_bias=0.5), **case),
             monkeypatch, rtol)


@pytest.mark.parametrize("cell,case", [
    ("basic", dict(batch=32, steps=6, depth=64, units=128)),
    ("peep", dict(batch=32, steps=5, depth=64, units=128, lengths=[5, 2, 0] + [4] * 29)),
    ("multi", dict(batch=32, steps=4, depth=96, units=(128, 96))),
    # input gradients in chunks of _DX_CHUNK steps, taken by the lane or the caller
    ("basic", dict(batch=32, steps=19, depth=64, units=128)),
    ("peep", dict(batch=32, steps=17, depth=64, units=128, lengths=[17, 9, 0] + [12] * 29)),
    ("multi", dict(batch=32, steps=11, depth=96, units=(128, 96))),
])
def test_side_lane_fused_equals_plain(cell, case, monkeypatch):
    """Large steps sum the kernel and bias gradients on a side lane (a second thread):
    still bit for bit the plain loop's (the lane forced on, as on a one-core machine it
    is off)."""
    from flowgrad.engine.framework import threads
    opened = []

    def open_lane():
        opened.append(1)
        return threads.SideLane()
    monkeypatch.setattr(threads.SideLane, "open", open_lane)
    make = {"basic": lambda u: tf.nn.rnn_cell.BasicLSTMCell(u),
            "peep": lambda u: tf.nn.rnn_cell.LSTMCell(u, use_peepholes=True, cell_clip=1.0),
            "multi": lambda u: tf.nn.rnn_cell.MultiRNNCell(
                [tf.nn.rnn_cell.BasicLSTMCell(k) for k in u])}[cell]
    _compare(_lstm_case(make, **case), monkeypatch)
    assert opened


def test_lstm_cell_fused_equals_plain(monkeypatch):
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.LSTMCell(u)), monkeypatch, 2e-5)


def test_embedding_adam_step_equal(monkeypatch):
    """A training step (embedding, LSTM, Adam): the variables after two steps agree."""
    def build():
        tf.set_random_seed(5)
        ids = tf.constant(np.random.RandomState(1).randint(0, 20, (2, 7)))
        emb = tf.get_variable("emb", [20, 8])
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(8),
                                   tf.nn.embedding_lookup(emb, ids), dtype=tf.float32)
        loss = tf.reduce_mean(tf.square(out - 0.3))
        with tf.control_dependencies([tf.train.AdamOptimizer(0.01).minimize(loss)]):
            return [tf.identity(v) for v in tf.trainable_variables()]
    got, _, calls = _run(build, True, monkeypatch)
    want, _, _ = _run(build, False, monkeypatch)
    assert calls and all(calls)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("case", [
    dict(lengths=[5, 2, 0]),
    dict(lengths=[5, 5, 5]),
    dict(lengths=[0, 0, 0]),
    dict(lengths=[3, 1, 2], initial=True),
    dict(lengths=[4, 2, 5], time_major=True, dtype=np.float64),
    dict(lengths=[17, 40, 1, 33], batch=4, steps=40, depth=3, units=5),
])
def test_sequence_length_fused_equals_plain(case, monkeypatch):
    """dynamic_rnn's selects (zero output and the state copied through past each length)
    run fused too, bit for bit."""
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.LSTMCell(u), **case), monkeypatch)


@pytest.mark.parametrize("case", [
    dict(),
    dict(lengths=[5, 2, 0]),
    dict(lengths=[4, 1, 3], time_major=True, dtype=np.float64),
    dict(batch=2, steps=30, depth=3, units=5),
])
@pytest.mark.parametrize("units", [(6, 6), (7, 4, 5)])
def test_multi_rnn_cell_fused_equals_plain(case, units, monkeypatch):
    """MultiRNNCell of LSTM cells: layer by layer over all steps, bit for bit."""
    def cell(u):
        return tf.nn.rnn_cell.MultiRNNCell(
            [tf.nn.rnn_cell.LSTMCell(k) if i % 2 else tf.nn.rnn_cell.BasicLSTMCell(k)
             for i, k in enumerate(units)])
    _compare(_lstm_case(cell, **case), monkeypatch)


@pytest.mark.parametrize("case", [
    dict(),
    dict(time_major=True, dtype=np.float64),
    dict(lengths=[5, 2, 0]),
    dict(lengths=[3, 5, 1], dtype=np.float64),
    dict(batch=2, steps=30, depth=3, units=5),
    dict(batch=24, steps=6, depth=40, units=48),
])
def test_gru_fused_equals_plain(case, monkeypatch):
    """GRUCell runs fused, bit for bit the plain loop's."""
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.GRUCell(u), **case), monkeypatch)


@pytest.mark.parametrize("case", [
    dict(),
    dict(lengths=[5, 2, 0]),
    dict(lengths=[4, 1, 3], time_major=True, dtype=np.float64),
    dict(batch=2, steps=30, depth=3, units=5),
])
@pytest.mark.parametrize("units", [(6, 6), (7, 4, 5)])
def test_multi_rnn_cell_of_grus_fused_equals_plain(case, units, monkeypatch):
    """MultiRNNCell of GRU cells: layer by layer over all steps, bit for bit."""
    def cell(u):
        return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(k) for k in units])
    _compare(_lstm_case(cell, **case), monkeypatch)


def test_sequence_length_zeroes_outputs(monkeypatch):
    def build():
        tf.set_random_seed(3)
        x = tf.constant(np.random.RandomState(0).randn(2, 4, 3).astype(np.float32))
        out, st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(5), x, sequence_length=[4, 2],
                                    dtype=tf.float32)
        return [out, st.h] + tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
    got, _, calls = _run(build, True, monkeypatch)
    assert calls and all(calls)
    assert np.all(got[0][1, 2:] == 0)
    np.testing.assert_array_equal(got[1][1], got[0][1, 1])


def test_other_activation_runs_plain_loop(monkeypatch):
    """A body the matcher does not know (LSTMCell with a relu activation) runs the plain
    loop."""
    def build():
        tf.set_random_seed(3)
        x = tf.constant(np.random.RandomState(0).randn(2, 4, 3).astype(np.float32))
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(5, activation=tf.nn.relu), x,
                                   dtype=tf.float32)
        return [out]
    _, _, calls = _run(build, True, monkeypatch)
    assert calls == []


_LSTM_OPTIONS = {
    "peepholes": dict(use_peepholes=True),
    "peepholes_fb": dict(use_peepholes=True, forget_bias=0.3),
    "cell_clip": dict(cell_clip=0.4),
    "peepholes_cell_clip": dict(use_peepholes=True, cell_clip=0.3),
    "proj": dict(num_proj=3),
    "proj_clip": dict(num_proj=4, proj_clip=0.2),
    "all": dict(use_peepholes=True, cell_clip=0.5, num_proj=3, proj_clip=0.25),
}


@pytest.mark.parametrize("opts", sorted(_LSTM_OPTIONS))
@pytest.mark.parametrize("case", [
    dict(),
    dict(dtype=np.float64, initial=True),
    dict(lengths=[5, 2, 0]),
    dict(batch=1, steps=30, depth=3, units=5, time_major=True),
])
def test_lstm_cell_options_fused_equals_plain(opts, case, monkeypatch):
    """LSTMCell's peepholes, cell_clip, num_proj and proj_clip run fused, bit for bit."""
    kw = _LSTM_OPTIONS[opts]
    if case.get("initial") and "num_proj" in kw:
        return   # an initial h of num_units width does not fit a projecting cell
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.LSTMCell(u, **kw), **case), monkeypatch)


@pytest.mark.parametrize("lengths", [None, [4, 1, 3]])
def test_multi_rnn_cell_of_projecting_lstms_fused_equals_plain(lengths, monkeypatch):
    def cells(u):
        return tf.nn.rnn_cell.MultiRNNCell([
            tf.nn.rnn_cell.LSTMCell(u, use_peepholes=True, num_proj=3, cell_clip=0.6),
            tf.nn.rnn_cell.LSTMCell(u + 1, num_proj=2, proj_clip=0.3),
            tf.nn.rnn_cell.BasicLSTMCell(u)])
    _compare(_lstm_case(cells, steps=4, lengths=lengths), monkeypatch)


def test_clear_after_read_still_enforced(monkeypatch):
    """The fused loop reads its input TensorArray as the plain one: a second read of a
    cleared element raises TF's error."""
    def build():
        x = tf.constant(np.ones((3, 2, 4), np.float32))
        ta = tf.TensorArray(tf.float32, size=3).unstack(x)
        cell = tf.nn.rnn_cell.BasicLSTMCell(4)
        state = cell.zero_state(2, tf.float32)
        out_ta = tf.TensorArray(tf.float32, size=3)

        def body(t, o, c, h):
            hh, st = cell(ta.read(t), tf.nn.rnn_cell.LSTMStateTuple(c, h))
            return t + 1, o.write(t, hh), st.c, st.h
        _, o, _, _ = tf.while_loop(lambda t, *a: t < 3, body, [0, out_ta, state.c, state.h])
        return o.stack(), ta.read(1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Could not read index 1 twice"):
        _run(build, True, monkeypatch)


@pytest.mark.parametrize("kind,ufunc", [("ScatterAdd", np.add), ("ScatterSub", np.subtract),
                                        ("ScatterMax", np.maximum)])
def test_scatter_rounds_equal_ufunc_at(kind, ufunc):
    rng = np.random.RandomState(0)
    rows = scatter_ops._KINDS[kind]
    for shape, n_idx in [((50, 16), (6, 5)), ((9, 3, 4), (40,)), ((7, 10), (3,)),
                         ((4, 9), (30,))]:   # the last: more than 8 rounds
        ref = rng.randn(*shape).astype(np.float32)
        idx = rng.randint(0, shape[0], size=n_idx)
        upd = rng.randn(*(idx.shape + shape[1:])).astype(np.float32)
        got, want = ref.copy(), ref.copy()
        rows(got, idx, upd)
        ufunc.at(want, idx, upd)
        np.testing.assert_array_equal(got, want)


def _ctc_log_space(logits, label, merge_repeated=True):
    """-log p(label | logits) by the textbook log-space forward recursion (one entry)."""
    t_max, classes = logits.shape
    blank = classes - 1
    logy = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    lp = [blank]
    for v in label:
        lp += [v, blank]
    alpha = np.full(len(lp), -np.inf)
    alpha[0], alpha[1] = logy[0, lp[0]], logy[0, lp[1]]
    for t in range(1, t_max):
        new = np.full(len(lp), -np.inf)
        for u in range(len(lp)):
            terms = [alpha[u]] if merge_repeated or lp[u] == blank else []
            if u >= 1:
                terms.append(alpha[u - 1])
            if u >= 2 and lp[u] != blank and not (merge_repeated and lp[u] == lp[u - 2]):
                terms.append(alpha[u - 2])
            new[u] = np.logaddexp.reduce(terms) + logy[t, lp[u]] if terms else -np.inf
        alpha = new
    return -np.logaddexp(alpha[-1], alpha[-2])


def test_ctc_scaled_recursion_long_peaky_sequences():
    """The probability-space recursion (rescaled every step) keeps long, peaky sequences
    (log p far below float64's range) equal to the log-space recursion."""
    from flowgrad.engine.ops.ctc import ctc_loss_and_grad
    rng = np.random.RandomState(7)
    t_max, classes = 300, 6
    x = (rng.randn(t_max, 2, classes) * 8).astype(np.float32)
    labels = [[1, 1, 2, 0, 3] * 4, [4, 2]]
    loss, grad = ctc_loss_and_grad(x, labels, [t_max, 150])
    assert loss[0] > 800   # p = e^-loss underflows float64 without the rescaling
    for b, n in enumerate([t_max, 150]):
        want = _ctc_log_space(x[:n, b].astype(np.float64), labels[b])
        np.testing.assert_allclose(loss[b], want, rtol=1e-5)
    assert np.all(grad[150:, 1] == 0)
    np.testing.assert_allclose(grad.sum(axis=2), 0, atol=1e-5)


@pytest.mark.parametrize("case", [
    dict(batch=32, steps=6, depth=256, units=256),
    dict(batch=32, steps=5, depth=256, units=256, lengths=[5, 2, 0] + [4] * 29),
    dict(batch=8, steps=4, depth=256, units=256, dtype=np.float64),
])
def test_input_products_before_the_loop_equal_plain(case, monkeypatch):
    """Where BLAS cuts [x, h] W's inner dimension between x and h (gemm.split_exact: K = 512
    at 256 + 256 on OpenBLAS), every step's x W_x is one product before the loop and each
    step adds h W_h with a beta-1 GEMM: still the plain loop's bits. Not in float32 with
    more than one row, whose MatMul is TF's contraction (one run over [x, h]'s depth), nor
    in float64, whose MatMul is Eigen's double GEBP kernel (eigen_gebp.product64)."""
    from flowgrad.engine.framework import gemm
    used = []
    orig = gemm.add_product

    def counting(*a):
        used.append(1)
        return orig(*a)
    monkeypatch.setattr(gemm, "add_product", counting)
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.BasicLSTMCell(u), **case), monkeypatch)
    dt = np.dtype(case.get("dtype", np.float32))
    if dt in (np.float32, np.float64):
        assert not used
    elif gemm.split_exact(dt, case["batch"], case["batch"] * case["steps"], 256, 256, 1024):
        assert used


@pytest.mark.parametrize("batch", [None, 3])
def test_peepholes_below_a_feed_fused_equals_plain(batch, monkeypatch):
    """Grappler's AddOpsRewrite regroups the peephole sum (f + fb) + w_f * c only where it
    knows the shapes (optimize/add_ops_rewrite.py): with x fed and a dynamic batch the
    plain body keeps the written order, with a static one it adds fb last; the fused
    runner follows the plain body either way."""
    xv = np.random.RandomState(0).randn(3, 4, 5).astype(np.float32)
    runs = []
    for fused in (True, False):
        calls = []
        if not fused:
            monkeypatch.setattr(lstm_loop, "match", lambda *a: None)
        else:
            orig = lstm_loop.Runner.forward

            def counting(self, *a, **k):
                out = orig(self, *a, **k)
                calls.append(out is not None)
                return out
            monkeypatch.setattr(lstm_loop.Runner, "forward", counting)
        with tf.Graph().as_default():
            tf.set_random_seed(3)
            x = tf.placeholder(tf.float32, [batch, 4, 5])
            out, st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True), x,
                                        dtype=tf.float32)
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                runs.append(s.run([out, st.c], {x: xv}))
        monkeypatch.undo()
        assert not fused or (calls and all(calls))
    for g, w in zip(runs[0], runs[1]):
        np.testing.assert_array_equal(g, w)
