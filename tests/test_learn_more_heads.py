"""tf.contrib.learn's binary_svm_head and multi_label_head against TF 1.14: the golden
generator's cases run on flowgrad and must give TF's seeded losses, checkpoint values,
evaluate dicts, predictions and the heads' EVAL-mode op names."""
import os
import re
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_more_heads  # noqa: E402

GOLD = goldens.load("estimator", "learn_more_heads")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_more_heads.cases(tf)
    finally:
        tf.reset_default_graph()


# TF's cond plumbing that flowgrad's graphs do not hold as operations (docs/design.md: one
# Cond op, no Switch / pivots; an Assert's AssertGuard without its identities)
_TF_COND_ONLY = re.compile(r"(/Switch(_\d+)?|/pred_id|/switch_[tf]"
                           r"|/AssertGuard/control_dependency(_\d+)?)$")


def _comparable(names):
    return sorted(n for n in names if not _TF_COND_ONLY.search(n))


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_more_heads_match_tf(ours, case):
    got, want = dict(ours[case]), dict(GOLD[case])
    if "ops" in want:
        assert _comparable(got.pop("ops")) == _comparable(want.pop("ops"))
    goldens.same_close(got, want, case, rtol=2e-5, atol=2e-6)
