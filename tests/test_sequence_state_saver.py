"""tf.contrib.training.batch_sequences_with_states / SequenceQueueingStateSaver and
tf.contrib.rnn.static_state_saving_rnn against TF 1.14
(tests/golden/contrib_training/gen_sequence_state_saver.py's cases run under the oracle and
here with flowgrad): op names and types, static shapes, the batches of segments with their
keys, lengths, contexts and saved states, the end-of-input error, the state saver run by
hand, TF's build errors and run-time assertion messages."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from goldenio import GoldenError

gen = goldens.generator("contrib_training", "sequence_state_saver")
GOLD = goldens.load("contrib_training", "sequence_state_saver")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (GOLD["host"]): the RNN's float32 products follow Eigen's
    # blocking for that host's caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def _same(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]")
    elif isinstance(exp, GoldenError) or exp is None or isinstance(exp, (str, bool, int)):
        assert got == exp, (path, got, exp)
    else:
        exp = np.asarray(exp)
        got = np.asarray(got)
        assert got.dtype == exp.dtype and got.shape == exp.shape, (path, got, exp)
        np.testing.assert_array_equal(got, exp, err_msg=path)


@pytest.fixture(scope="module")
def pipelines():
    return gen.pipelines(tf)


@pytest.mark.parametrize("case", sorted(GOLD["pipelines"]))
def test_pipeline_ops_match_tf(pipelines, case):
    got, exp = pipelines[case], GOLD["pipelines"][case]
    assert got["ops"] == exp["ops"]
    _same({k: got[k] for k in ("shapes", "summaries", "runners")},
          {k: exp[k] for k in ("shapes", "summaries", "runners")}, case)


@pytest.mark.parametrize("case", sorted(GOLD["pipelines"]))
def test_pipeline_batches_match_tf(pipelines, case):
    got, exp = pipelines[case], GOLD["pipelines"][case]
    _same({k: got[k] for k in ("batches", "alive", "end", "random_after")},
          {k: exp[k] for k in ("batches", "alive", "end", "random_after")}, case)


def test_state_saver_by_hand_matches_tf():
    _same(gen.by_hand(tf), GOLD["by_hand"])


@pytest.fixture(scope="module")
def build_errors():
    return gen.build_errors(tf)


@pytest.mark.parametrize("case", sorted(GOLD["build_errors"]))
def test_build_errors_match_tf(build_errors, case):
    _same(build_errors[case], GOLD["build_errors"][case], case)


def test_run_errors_match_tf():
    _same(gen.run_errors(tf), GOLD["run_errors"])


def test_sparse_inputs_are_refused():
    sp = tf.SparseTensor([[0, 0]], [1.0], [3, 2])
    with pytest.raises(NotImplementedError, match="batch_sequences_with_states: SparseTensor"):
        tf.contrib.training.batch_sequences_with_states(
            input_key=tf.constant("k"), input_sequences={"x": sp}, input_context={},
            input_length=None, initial_states={"s": tf.zeros([2])}, num_unroll=2,
            batch_size=1)
