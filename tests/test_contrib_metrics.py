"""tf.contrib.metrics against TF 1.14: the golden generator's case functions (update_op
results over three batches, final values, tensor and variable names, every op built, errors)
run here with flowgrad."""
import re

import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("metrics", "contrib_metrics")
GOLD = goldens.load("metrics", "contrib_metrics")


# Metrics whose ops differ from TF's (values and variables match):
KNOWN_DIFFERENT = {}
# flowgrad's tf.cond is one Cond op standing for TF's Switch/Merge frame: ops lists compare
# without the frame's parts.
_COND_TYPES = ("Switch", "RefSwitch", "Merge", "Cond")
_COND_NAMES = ("/switch_t", "/switch_f", "/pred_id")


_COND_DEPENDENCY = re.compile(r"cond(_\d+)?/control_dependency(_\d+)?$")
_COND_MERGE_K = re.compile(r"cond(_\d+)?/Merge_\d+$")   # flowgrad: Identity, TF: Merge


def _without_cond_frames(ops):
    """TF's frame parts: Switch/Merge, switch_t/f, pred_id, and the Identity per Operation a
    branch returns (`cond/control_dependency`)."""
    return [[n, t] for n, t in ops if t not in _COND_TYPES and not n.endswith(_COND_NAMES)
            and not _COND_DEPENDENCY.search(n) and not _COND_MERGE_K.search(n)]


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if name.startswith("ops/"):
        if name[4:] in KNOWN_DIFFERENT:
            assert got != exp, f"{name} now matches TF: take it off KNOWN_DIFFERENT"
            return
        got, exp = _without_cond_frames(got), _without_cond_frames(exp)
    same(got, exp, name, rtol=1e-5, atol=1e-6)


def test_all_of_tf114s_names():
    assert len(tf.contrib.metrics.__all__) == 57
