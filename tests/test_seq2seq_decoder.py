"""tf.contrib.seq2seq helpers, BasicDecoder, dynamic_decode and attention against TF 1.14
(tests/golden/seq2seq/gen_decoder.py runs the same case functions under TF): outputs,
states, lengths, gradients w.r.t. inputs and all variables, variable names, errors."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.cli import run_script
import goldens

GOLD = goldens.load("seq2seq", "decoder")
GEN = goldens.generator("seq2seq", "decoder")


def same(got, exp, path="", rtol=1e-9, atol=1e-11):
    if isinstance(exp, goldens.GoldenError):
        assert isinstance(got, goldens.GoldenError), f"{path}: expected {exp}, got {got!r}"
        assert got.cls == exp.cls, f"{path}: {got} != {exp}"
        assert got.message == exp.message, f"{path}: {got.message!r} != {exp.message!r}"
    elif isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            same(got[k], exp[k], f"{path}/{k}", rtol, atol)
    elif isinstance(exp, (list, tuple)):
        assert len(got) == len(exp), f"{path}: {got} != {exp}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same(a, b, f"{path}[{i}]", rtol, atol)
    elif isinstance(exp, (str, bytes)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_allclose(got, exp, rtol=rtol, atol=atol, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name)


def test_variable_names_map_tf_checkpoints():
    """The attention decoder's variables carry TF 1.14's names (checkpoints map)."""
    names = [n for n, _ in GOLD["attention/multi"]["names"]]
    assert "memory_layer/kernel:0" in names and "memory_layer_1/kernel:0" in names
    assert "decoder/attention_wrapper/bahdanau_attention/attention_v:0" in names
    assert "decoder/attention_wrapper/attention_layer_1/kernel:0" in names


def test_dynamic_decode_rejects_basedecoder_kwargs():
    with tf.Graph().as_default():
        cell = tf.nn.rnn_cell.GRUCell(2)
        helper = tf.contrib.seq2seq.TrainingHelper(tf.ones([2, 3, 1]), [3, 3])
        dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32))
        with pytest.raises(NotImplementedError, match="decoder_init_input"):
            tf.contrib.seq2seq.dynamic_decode(dec, decoder_init_input=1)


def test_float32_training_decoder_runs_and_trains():
    """A float32 attention decoder: the loss falls under Adam (every variable gets a
    gradient)."""
    with tf.Graph().as_default():
        tf.set_random_seed(0)
        mem = tf.constant(GEN.MEM.astype(np.float32))
        x = tf.constant(GEN.X.astype(np.float32))
        mech = tf.contrib.seq2seq.BahdanauAttention(4, mem, memory_sequence_length=[4, 2, 3])
        cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(4), mech,
                                                   attention_layer_size=4)
        helper = tf.contrib.seq2seq.TrainingHelper(x, [5, 3, 4])
        dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(3, tf.float32),
                                              output_layer=tf.layers.Dense(5))
        out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
        targets = tf.constant(np.arange(15).reshape(3, 5) % 5, tf.int32)
        loss = tf.contrib.seq2seq.sequence_loss(out.rnn_output, targets,
                                                tf.sequence_mask([5, 3, 4], 5, tf.float32))
        grads = tf.gradients(loss, tf.trainable_variables())
        assert all(g is not None for g in grads)
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss)
            for _ in range(30):
                sess.run(train)
            assert sess.run(loss) < 0.5 * first


def test_nmt_attention_script_prints_tf114_numbers(capsys):
    """A seq2seq-with-attention script (training with Adam, greedy decoding, a checkpoint
    restored into a beam-search graph) run with `flowgrad run` prints what TF 1.14
    prints: variable names, gradient norms, losses, decoded ids and beam scores."""
    code = run_script(goldens.path("seq2seq", "nmt_attention.py"), [])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == goldens.load("seq2seq", "nmt_attention")["stdout"]


@pytest.mark.parametrize("name", sorted(goldens.load("seq2seq", "sampling")))
def test_sampling_helpers_draw_tf114s_numbers(name):
    """Seeded sampling helpers draw TF 1.14's ids in every step of two runs."""
    gen = goldens.generator("seq2seq", "sampling")
    with tf.Graph().as_default():
        got = gen.CASES[name](tf)
    same(got, goldens.load("seq2seq", "sampling")[name], name)


@pytest.mark.parametrize("name", sorted(goldens.load("seq2seq", "monotonic")))
def test_monotonic_attention_float32_matches_tf114(name):
    gen = goldens.generator("seq2seq", "monotonic")
    with tf.Graph().as_default():
        got = gen.CASES[name](tf)
    same(got, goldens.load("seq2seq", "monotonic")[name], name, rtol=2e-4, atol=2e-5)


def test_second_order_gradients_through_attention_decoder():
    """A Hessian-vector product of an attention decoder's loss w.r.t. its inputs (a
    flowgrad extension: TF 1.14 has no second-order while-loop gradients) agrees with
    central differences of the first-order gradient, in float64."""
    rng = np.random.RandomState(3)
    x0, v = GEN.X, rng.standard_normal(GEN.X.shape)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, GEN.X.shape)
        init = tf.random_uniform_initializer(-0.6, 0.6, seed=2, dtype=tf.float64)
        with tf.variable_scope("m", initializer=init):
            mech = tf.contrib.seq2seq.LuongAttention(4, tf.constant(GEN.MEM), scale=True,
                                                     memory_sequence_length=[4, 2, 3],
                                                     dtype=tf.float64)
            cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.GRUCell(4), mech,
                                                       attention_layer_size=3)
            helper = tf.contrib.seq2seq.TrainingHelper(x, [5, 3, 4])
            dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(3, tf.float64),
                                                  output_layer=tf.layers.Dense(5))
            out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True)
        loss = tf.reduce_sum(tf.tanh(out.rnn_output) ** 2)
        g = tf.gradients(loss, x)[0]
        hv = tf.gradients(tf.reduce_sum(g * v), x)[0]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run(hv, {x: x0})
            eps = 1e-5
            num = (sess.run(g, {x: x0 + eps * v}) - sess.run(g, {x: x0 - eps * v})) / (2 * eps)
    np.testing.assert_allclose(got, num, rtol=1e-5, atol=1e-7)
