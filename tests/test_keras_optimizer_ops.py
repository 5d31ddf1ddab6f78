"""fit builds TF 1.14's ops for every tf.keras optimizer (tests/golden/keras/
gen_optimizer_ops.py): hyperparameter variables, update scopes, the op count (a
graph-seeded random op made after fit gets TF's numbers) and the config after fit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "optimizer_ops")
GEN = generator("keras", "optimizer_ops")
_OPT = GEN._gen("gen_optimizers.py")
CASES = dict(_OPT._cases(tf))
SPARSE = dict(_OPT._sparse_cases(tf))


def _got(name):
    if name in CASES:
        return GEN._one(tf, CASES[name], False)
    return GEN._one(tf, SPARSE[name], True)


# (none left: a schedule's tf.case, made in a control_dependencies block, now lists TF's
# Switch/Merge nodes)
_TODO = {}
NAMES = [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_TODO[n]))
         if n in _TODO else n for n in sorted(GOLD)]


@pytest.mark.parametrize("name", NAMES)
def test_fit_builds_tf_optimizer_ops(name):
    gold, mine = GOLD[name], _got(name)
    assert [list(o) for o in mine["fit_ops"]] == [list(o) for o in gold["fit_ops"]]
    assert mine["fit_count"] == gold["fit_count"]
    np.testing.assert_array_equal(mine["random_after_fit"], gold["random_after_fit"])
    if "config_error" in gold:
        # TF 1.14's Ftrl.get_config raises (a typo in TF); flowgrad's deliberately works
        assert gold["config_error"][0] == "AttributeError" and "config" in mine
    else:
        assert sorted(mine["config"]) == sorted(gold["config"])
        for k, v in gold["config"].items():
            if isinstance(v, float):
                np.testing.assert_allclose(mine["config"][k], v, rtol=1e-7)
            else:
                assert mine["config"][k] == v, k
