"""The probe programs of tests/pprobe5_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe5_scripts.py): whole seeded TF1 programs in the style of public
tutorials (Keras multi-io and subclassing, estimators over crossed columns, TFRecord parsing,
tf.image, conv transpose, bidirectional RNNs, LR restarts, multi-tower, variable sharing,
py_func, batch norm by hand, qr/cholesky, raw_rnn, CRF, Luong attention); op counts and values
bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe5_scripts")
GOLD = load("seeded", "pprobe5_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
