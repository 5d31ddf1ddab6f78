"""The probe programs of tests/pprobe32_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe32_scripts.py): whole seeded TF1 programs of stateful RNN
inference and sampling: char-rnn state tuples fed back through feed_dict and sampled with
tf.multinomial at a temperature, static_rnn / static_bidirectional_rnn with
sequence_length, a variational-dropout LM with ResidualWrapper, truncated BPTT through
state Variables, a [layers, 2, batch, units] state placeholder, and the contrib cells no
probe ran yet; values bit for bit."""

import os

import pytest

import goldens
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe32_scripts")
GOLD = load("seeded", "pprobe32_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "static_bidir_seqlen.py":
        "static_bidirectional_rnn(LSTMCell(use_peepholes=True), sequence_length): TF's "
        "AddOpsRewrite regroups the peephole `(f + forget_bias) + w_f_diag * c_prev` in "
        "every step's cond branch (Grappler's symbolic shapes know c_prev, the previous "
        "step's cond Merge, as [batch, units]); flowgrad's branch plan takes a capture that "
        "depends on a feed as of unknown shape and keeps the written order there, "
        "so the bw LSTM's outputs round otherwise (the loss after one RMSProp "
        "step). Op counts and names match TF's (3287)",
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


# float64 values through NumPy's log / exp / tanh (goldens.NUMPY1_SVML): other last
# digits under NumPy 1.25 on an AVX512 host
SVML = {'variational_residual_lm.py'}
_SVML_SKIP = pytest.mark.skipif(goldens.NUMPY1_SVML, reason="NumPy 1.x's AVX512 SVML "
                                "float64 log/exp/tanh are not libm's (goldens.NUMPY1_SVML)")


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else pytest.param(s, marks=_SVML_SKIP) if s in SVML
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
