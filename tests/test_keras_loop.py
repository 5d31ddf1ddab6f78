"""The fused runner for Keras LSTM / GRU loops (engine/ops/keras_loop.py) gives the plain
loop's values bit for bit: each case builds the same graph twice, once as is (the While op
runs the fused runner, checked by counting its calls) and once with the matcher off."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import lstm_loop


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
    fetches, feed = build()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        got = s.run(fetches, feed)
        again = s.run(fetches, feed)
    monkeypatch.undo()
    return got, again, calls


def _compare(build, monkeypatch, expect_fused=True, random=False):
    got, again, calls = _run(build, True, monkeypatch)
    want, _, _ = _run(build, False, monkeypatch)
    if expect_fused:
        assert calls and all(calls), "the fused runner did not run"
    else:
        assert not any(calls)
    assert len(got) == len(want)
    for g, a, w in zip(got, again, want):
        np.testing.assert_array_equal(g, w)   # bit for bit the plain loop's
        if not random:   # dropout draws new masks each run
            np.testing.assert_array_equal(g, a)


def _case(layer_fn, dtype=np.float32, batch=3, steps=5, depth=4, training=None,
          sequences=False, state=False, bias=True):
    def build():
        tf.set_random_seed(3)
        np.random.seed(5)   # Keras's dropout op seeds come from numpy's global RNG
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(batch, steps, depth).astype(dtype))
        layer = layer_fn()
        kw = {} if training is None else {"training": training}
        out = layer(x, **kw)
        outs = out if isinstance(out, list) else [out]
        loss = tf.add_n([tf.reduce_sum(o * o) * (k + 1) for k, o in enumerate(outs)])
        xs = layer.trainable_weights + [x]
        return outs + tf.gradients(loss, xs), None
    return build


L = tf.keras.layers


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(6),
    lambda: L.LSTM(6, return_sequences=True, return_state=True),
    lambda: L.LSTM(5, recurrent_activation="sigmoid", unit_forget_bias=False),
    lambda: L.LSTM(6, use_bias=False, go_backwards=True),
    lambda: L.GRU(6),
    lambda: L.GRU(6, return_sequences=True, return_state=True),
    lambda: L.GRU(5, recurrent_activation="sigmoid", use_bias=False),
])
def test_keras_rnn_fused_equals_plain(make, monkeypatch):
    _compare(_case(make), monkeypatch)


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(6, dropout=0.3, recurrent_dropout=0.4, return_sequences=True),
    lambda: L.LSTM(6, dropout=0.3),
    lambda: L.GRU(6, dropout=0.3, recurrent_dropout=0.4, return_state=True),
    lambda: L.GRU(6, recurrent_dropout=0.4),
])
def test_keras_rnn_dropout_fused_equals_plain(make, monkeypatch):
    _compare(_case(make, training=True), monkeypatch, random=True)


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(8),   # the orthogonal initializer leaves the recurrent kernel F-ordered
    lambda: L.LSTM(10, return_sequences=True, return_state=True),
    lambda: L.LSTM(6, implementation=2, recurrent_activation="sigmoid"),
    lambda: L.GRU(10, return_sequences=True),
    lambda: L.GRU(7, reset_after=True, recurrent_activation="sigmoid", dropout=0.3),
])
def test_keras_rnn_batch1_fused_equals_plain(make, monkeypatch):
    # one-row MatMuls (Eigen's gemv by the op's transpose_b), SigmoidGrad's scalar tail
    _compare(_case(make, batch=1, steps=9, depth=32, training=True), monkeypatch,
             random=True)


def test_keras_rnn_float64_fused_equals_plain(monkeypatch):
    tf.keras.backend.set_floatx("float64")
    try:
        _compare(_case(lambda: L.LSTM(4, return_sequences=True), dtype=np.float64),
                 monkeypatch)
        _compare(_case(lambda: L.GRU(4), dtype=np.float64), monkeypatch)
    finally:
        tf.keras.backend.set_floatx("float32")


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(4, activation="relu"),
    lambda: L.LSTM(5, activation="softsign", recurrent_activation="sigmoid",
                   return_sequences=True),
    lambda: L.LSTM(4, activation="elu", dropout=0.3, recurrent_dropout=0.2),
    lambda: L.GRU(4, activation="relu", return_state=True),
    lambda: L.GRU(5, activation="selu", recurrent_dropout=0.25),
    lambda: L.GRU(4, activation="softsign", use_bias=False),
])
def test_keras_rnn_activations_fused_equals_plain(make, monkeypatch):
    """`activation` other than tanh (its op's *Grad kernel), bit for bit."""
    _compare(_case(make, training=True), monkeypatch, random=True)


@pytest.mark.parametrize("make", [
    lambda: L.GRU(4, reset_after=True),
    lambda: L.GRU(5, reset_after=True, recurrent_activation="sigmoid", return_sequences=True,
                  return_state=True),
    lambda: L.GRU(4, reset_after=True, use_bias=False, go_backwards=True),
    lambda: L.GRU(4, reset_after=True, dropout=0.2, recurrent_dropout=0.3,
                  activation="relu"),
])
def test_keras_gru_reset_after_fused_equals_plain(make, monkeypatch):
    """GRU(reset_after=True): the (2, 3 units) bias unstacked, r * (h U_h + b_rh)."""
    _compare(_case(make, training=True), monkeypatch, random=True)


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(4, implementation=2),
    lambda: L.LSTM(5, implementation=2, recurrent_activation="sigmoid", return_sequences=True,
                   return_state=True),
    lambda: L.LSTM(4, implementation=2, use_bias=False, activation="relu", go_backwards=True),
    lambda: L.LSTM(4, implementation=2, dropout=0.2, recurrent_dropout=0.3),
])
def test_keras_lstm_implementation_2_fused_equals_plain(make, monkeypatch):
    """LSTM(implementation=2): one kernel product per step, split into the gates."""
    _compare(_case(make, training=True), monkeypatch, random=True)


_MASK = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 1, 1, 0]], bool)


def _masked_case(make, how, training=None):
    """x [3, 5, 4] masked by _MASK: an explicit mask, a Masking layer (zeroed steps) or an
    Embedding with mask_zero (ids 0 where masked)."""
    def build():
        tf.set_random_seed(3)
        np.random.seed(5)
        rng = np.random.RandomState(0)
        layer = make()
        kw = {} if training is None else {"training": training}
        if how == "embedding":
            ids = tf.constant((rng.randint(1, 9, (3, 5)) * _MASK).astype(np.int32))
            emb = L.Embedding(9, 4, mask_zero=True)
            out = layer(emb(ids), **kw)
            xs = layer.trainable_weights + emb.trainable_weights
        else:
            x = tf.constant((rng.randn(3, 5, 4) * _MASK[:, :, None]).astype(np.float32))
            if how == "masking":
                out = layer(L.Masking(0.0)(x), **kw)
            else:
                out = layer(x, mask=tf.constant(_MASK), **kw)
            xs = layer.trainable_weights + [x]
        outs = out if isinstance(out, list) else [out]
        loss = tf.add_n([tf.reduce_sum(o * o) * (k + 1) for k, o in enumerate(outs)])
        # the embedding's gradient is IndexedSlices: compared dense
        return outs + [tf.convert_to_tensor(g) for g in tf.gradients(loss, xs)], None
    return build


@pytest.mark.parametrize("how", ["mask", "masking", "embedding"])
@pytest.mark.parametrize("make", [
    lambda: L.LSTM(4),
    lambda: L.LSTM(3, return_sequences=True, return_state=True, go_backwards=True),
    lambda: L.LSTM(4, implementation=2, recurrent_activation="sigmoid"),
    lambda: L.GRU(4, return_sequences=True),
    lambda: L.GRU(3, reset_after=True, return_state=True, activation="relu"),
    lambda: L.LSTM(4, dropout=0.2, recurrent_dropout=0.3, return_sequences=True),
])
def test_keras_rnn_masked_fused_equals_plain(make, how, monkeypatch):
    """keras.backend.rnn's masking (Select of the new output and states where the mask
    holds, the previous ones elsewhere) runs fused, bit for bit."""
    _compare(_masked_case(make, how, training=True), monkeypatch, random=True)


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(4, activation="softplus"),
    lambda: L.GRU(4, implementation=2),
])
def test_other_keras_steps_run_plain_loop(make, monkeypatch):
    _compare(_case(make), monkeypatch, expect_fused=False)


def test_keras_lstm_fit_equal(monkeypatch):
    """A compiled model's training steps (Embedding -> LSTM -> Dense, adam)."""
    def build():
        tf.set_random_seed(1)
        rng = np.random.RandomState(0)
        m = tf.keras.Sequential([L.Embedding(50, 8, input_length=7), L.LSTM(5),
                                 L.Dense(1, activation="sigmoid")])
        m.compile("adam", "binary_crossentropy")
        x = rng.randint(1, 50, (16, 7)).astype("int32")
        y = rng.randint(0, 2, 16).astype("float32")
        losses = [m.train_on_batch(x, y) for _ in range(3)]
        return [tf.constant(np.array(losses))] + list(m.weights), None
    _compare(build, monkeypatch)


@pytest.mark.parametrize("rnn", [lambda: L.LSTM(5), lambda: L.GRU(5, reset_after=True)])
def test_keras_masked_fit_equal(rnn, monkeypatch):
    """Training steps of Embedding(mask_zero) -> LSTM / GRU -> Dense (padded sequences):
    the fused loop and its gradient give the plain loop's losses and weights."""
    def build():
        tf.set_random_seed(1)
        rng = np.random.RandomState(0)
        m = tf.keras.Sequential([L.Embedding(50, 8, input_length=7, mask_zero=True), rnn(),
                                 L.Dense(1, activation="sigmoid")])
        m.compile("adam", "binary_crossentropy")
        x = rng.randint(1, 50, (16, 7)) * (np.arange(7)[None] < rng.randint(1, 8, (16, 1)))
        y = rng.randint(0, 2, 16).astype("float32")
        losses = [m.train_on_batch(x.astype("int32"), y) for _ in range(3)]
        return [tf.constant(np.array(losses))] + list(m.weights), None
    _compare(build, monkeypatch)


@pytest.mark.parametrize("make,dtype,batch", [
    (lambda: L.LSTM(32), np.float32, 16),
    (lambda: L.LSTM(32), np.float32, 64),
    (lambda: L.LSTM(32, recurrent_activation="sigmoid", return_sequences=True,
                    return_state=True), np.float32, 16),
    (lambda: L.LSTM(24, dropout=0.2, recurrent_dropout=0.3, activation="relu"), np.float32,
     16),
    (lambda: L.LSTM(16, return_sequences=True), np.float64, 9),
    (lambda: L.LSTM(8), np.float32, 1),   # a dimension of 1: the per-step loop
    (lambda: L.LSTM(8), np.float32, 300),   # the bias sums as one reduction
])
def test_keras_lstm_batched_steps_equal_plain(make, dtype, batch, monkeypatch):
    """Sizes as a text classifier's (depth 32): the LSTM's input and weight work batched
    over the steps (engine/ops/keras_steps.py) gives the plain loop's bits."""
    from flowgrad.engine.ops import keras_steps
    ran = []
    orig = keras_steps.forward

    def counting(*a, **k):
        ran.append(1)
        return orig(*a, **k)
    monkeypatch.setattr(keras_steps, "forward", counting)
    floatx = tf.keras.backend.floatx()
    tf.keras.backend.set_floatx(np.dtype(dtype).name)
    try:
        build = _case(make, dtype=dtype, batch=batch, steps=9, depth=32, training=True)
        got, _, _ = _run(build, True, monkeypatch)
        assert bool(ran) == (batch > 1)
        want, _, _ = _run(build, False, monkeypatch)
    finally:
        tf.keras.backend.set_floatx(floatx)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("make", [
    lambda: L.LSTM(6, return_sequences=True),
    lambda: L.LSTM(5, dropout=0.3, recurrent_dropout=0.4, return_state=True),
])
def test_keras_lstm_batched_side_lane_equal_plain(make, monkeypatch):
    """The backward's batched chunks handed to a side lane (forced: 2 steps a chunk)
    while the loop goes on: still the plain loop's bits."""
    from flowgrad.engine.framework import threads
    from flowgrad.engine.ops import keras_steps
    if threads.SideLane.open() is None:
        pytest.skip("one core: no side lane")
    monkeypatch.setattr(keras_steps, "_lane_chunk", lambda *a: 2)
    build = _case(make, steps=7, training=True)
    got, _, _ = _run(build, True, monkeypatch)
    want, _, _ = _run(build, False, monkeypatch)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
