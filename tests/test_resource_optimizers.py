"""Every optimizer on ResourceVariables: TF 1.14's Resource* update ops, slots that are
ResourceVariables, values step for step as TF (tests/golden/resvar/
gen_resource_optimizers.py), and exactly the values of the reference-variable path."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("resvar", "resource_optimizers")
WANT = load("resvar", "resource_optimizers")
_TOL = {"float16": 2e-3, "float32": 2e-6, "float64": 1e-12}


def _close(got, want, dtype, where):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _close(got[k], want[k], dtype, f"{where}[{k}]")
    elif isinstance(want, list) and want and isinstance(want[0], dict):
        assert len(got) == len(want), where
        for i, (a, b) in enumerate(zip(got, want)):
            _close(a, b, dtype, f"{where}[{i}]")
    elif isinstance(want, (list, float)) and not isinstance(want, str):
        tol = _TOL[dtype]
        np.testing.assert_allclose(np.array(got, np.float64), np.array(want, np.float64),
                                   rtol=tol, atol=tol, err_msg=where)
    else:
        assert got == want, (where, got, want)


def _run(case, use_resource=True):
    kind, key = case.split("|")
    dtype = np.float64 if key.endswith("_float64") else np.float32
    key = key.replace("_float64", "")
    if use_resource:
        problem = {"dense": GEN.dense_problem, "sparse": GEN.sparse_problem}[kind]
    else:
        problem = {"dense": GEN.ref_dense_problem, "sparse": GEN.ref_sparse_problem}[kind]
    return GEN.run(tf, problem, key, dtype)


@pytest.mark.parametrize("case", sorted(WANT))
def test_steps_match_tf(case):
    got = GEN._types(tf, _run(case))
    want = WANT[case]
    assert got["variable_types"] == want["variable_types"]
    assert got["slot_names"] == want["slot_names"]
    assert got["variables"] == want["variables"]
    assert got["global_variables"] == want["global_variables"]
    assert got["slots"] == want["slots"]
    assert (got["train_op"], got["train_op_type"]) == (want["train_op"], want["train_op_type"])
    assert set(want["update_op_types"]) <= set(got["update_op_types"]), \
        (want["update_op_types"], got["update_op_types"])
    _close(got["initial"], want["initial"], want["dtype"], case + " initial")
    _close(got["steps"], want["steps"], want["dtype"], case + " steps")


# where TF 1.14 itself rounds the two paths apart (checked with the oracle: both paths
# run GEN.run on sparse_problem / ref_sparse_problem; flowgrad gives each path TF's bits):
# the resource path's gather gradient reaches Grappler as a different graph
DIFFERENT_IN_TF = {"sparse|gd"}


@pytest.mark.parametrize("case", [c for c in sorted(WANT) if "float64" not in c])
def test_same_values_as_reference_variables(case):
    res = _run(case)
    ref = _run(case, use_resource=False)
    assert [s for s in ref["update_op_types"] if s.startswith("Resource")] == []
    if case in DIFFERENT_IN_TF:
        assert res["steps"] != ref["steps"]
    else:
        assert res["steps"] == ref["steps"]
