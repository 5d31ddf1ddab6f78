"""The probe programs of tests/pprobe3_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe3_scripts.py): whole seeded TF1 programs in the style of public
tutorials (word2vec with nce/sampled softmax, a VAE, a DCGAN, seq2seq with attention and beam
search, a char-RNN, tf.estimator, tf.data initializable iterators, siamese, slim LeNet, EMA,
learning-rate schedules, a transformer block, embed_sequence, clipping, REINFORCE, CTC);
op counts and values bit for bit."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe3_scripts")
GOLD = load("seeded", "pprobe3_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
