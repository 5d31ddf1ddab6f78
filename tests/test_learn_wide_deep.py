"""tf.contrib.learn's DNNLinearCombined{Classifier,Regressor,Estimator} against TF 1.14
(the wide_n_deep tutorial way): the golden generator's cases run on flowgrad and must give
TF's seeded losses, global_step, checkpoint variables, graph op names, summaries, evaluate
dicts, predictions and model_dir files."""
import os
import re
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_wide_deep  # noqa: E402

GOLD = goldens.load("estimator", "learn_wide_deep")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_wide_deep.cases(tf)
    finally:
        tf.reset_default_graph()


# TF's cond plumbing that flowgrad's graphs do not hold as operations (docs/design.md:
# one Cond op, no Switch / pivots, an Assert's AssertGuard without its identities; a
# variable's initialized_value is one InitializedValue op where TF builds
# IsVariableInitialized and a cond)
_TF_COND_ONLY = re.compile(r"(/Switch(_\d+)?|/pred_id|/switch_[tf]|^global_step/cond/.*"
                           r"|/IsVariableInitialized|/InitializedValue"
                           r"|/AssertGuard/control_dependency(_\d+)?)$")


def _comparable(names):
    return sorted(n for n in names if not _TF_COND_ONLY.search(n))


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_wide_deep_matches_tf(ours, case):
    got, want = dict(ours[case]), dict(GOLD[case])
    if "train_op_names" in want:
        assert _comparable(got.pop("train_op_names")) == _comparable(
            want.pop("train_op_names"))
    goldens.same_close(got, want, case, rtol=2e-5, atol=2e-6)
