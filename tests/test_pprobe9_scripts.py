"""The probe programs of tests/pprobe9_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe9_scripts.py): whole seeded TF1 models in the style of
public repositories (NMT with monotonic attention and beam search, AttentionCellWrapper,
highway networks, a tied-weight autoencoder, a conditional GAN, a masked Transformer with
label smoothing, video blocks, KMeans and WALS, tf.contrib.image transforms, CTC beam
search, NAS/Grid/Indy/UGRNN cells, stacked bidirectional RNNs, an NTM-style memory loop,
a character CNN, sparse embedding combiners, sampled softmax with accidental hits); op
counts and values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe9_scripts")
GOLD = load("seeded", "pprobe9_scripts")

# the programs flowgrad does not yet run to TF's output, and why. The oracle that made
# these goldens ran on a host whose CPU differs from the one flowgrad's kernels model
# (its RSQRTPS estimates: 2011 of 8192 float32 tf.sqrt values differ from
# eigen_math.sqrt; L1d 48 KiB, L2 2 MiB), so the programs avoid the sqrt optimizers and
# batch normalization, and the last-bit differences below may be that host's.
XFAIL = {
    "ntm_memory_loop.py": "losses match; the final memory and weights differ in the last "
    "bit after the sixth Momentum step (l2_normalize's rsqrt and powf in the loop body; "
    "cause not isolated)",
    "rnn_cells_nas_grid.py": "losses match; GridLSTMCell's and IndyGRUCell's outputs after "
    "five Momentum steps differ in the last bit (cause not isolated; each of the other "
    "cells alone matches)",
}


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize(
    "script",
    [pytest.param(s, marks=pytest.mark.xfail(reason=XFAIL[s], strict=True)) if s in XFAIL
     else s for s in sorted(GOLD)])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
