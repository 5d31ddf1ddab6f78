"""The probe programs of tests/pprobe32_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe32_scripts.py): whole seeded TF1 programs of stateful RNN
inference and sampling: char-rnn state tuples fed back through feed_dict and sampled with
tf.multinomial at a temperature, static_rnn / static_bidirectional_rnn with
sequence_length, a variational-dropout LM with ResidualWrapper, truncated BPTT through
state Variables, a [layers, 2, batch, units] state placeholder, and the contrib cells no
probe ran yet; values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe32_scripts")
GOLD = load("seeded", "pprobe32_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "static_bidir_seqlen.py":
        "tf.gradients through static_rnn(LSTMCell, sequence_length) (a tf.cond per step): TF "
        "sums the gradient of the cell state read in the cond (Switch_2_grad/cond_grad, "
        "Select_1/Switch_1_grad/cond_grad and Tanh_1_grad/TanhGrad) in one 3-input AddN; "
        "flowgrad's routed walk sums the two cond terms first and adds TanhGrad by a second "
        "AddN (one more op per LSTM step but the last: 3291 ops, TF 3287), and its float32 "
        "sum rounds otherwise (the bw LSTM's bias after 4 RMSProp steps)",
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyAdam, ApplyRMSProp, ApplyAdagrad) used its RSQRTPS table, its products Eigen's
    # blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
