"""The probe programs of tests/pprobe4_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe4_scripts.py): whole seeded TF1 programs in the style of public
tutorials (BiLSTM-CRF, GCN, streaming metrics, EMA restore, while_loop training, Keras
callbacks, contrib.opt, tf.losses, queue runners, capsules, normalization layers, gradient
accumulation, metric learning, MDN, wide & deep, style transfer, contrib RNN cells, k-means);
op counts and values bit for bit."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe4_scripts")
GOLD = load("seeded", "pprobe4_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
