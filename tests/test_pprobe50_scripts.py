"""The probe programs of tests/pprobe50_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe50_scripts.py): whole seeded TF1 programs of tf.contrib.rnn's
less common cells and wrappers trained through dynamic_rnn: HighwayWrapper, Grid2LSTMCell
(tied; untied with a non_recurrent_fn), LSTMBlockFusedCell / GRUBlockCellV2 /
LSTMBlockCell with sequence lengths, stack_bidirectional_dynamic_rnn over Indy / UGRNN /
CIFG / IndRNN cells, variational DropoutWrapper in float64, MultiRNNCell(state_is_tuple=
False) and LayerNormBasicLSTMCell's recurrent dropout."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe50_scripts")
GOLD = load("seeded", "pprobe50_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
