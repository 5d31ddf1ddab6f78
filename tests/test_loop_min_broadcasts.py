"""Grappler's MinimizeBroadcasts in a tf.while_loop body and a tf.cond branch: the sub-plan's
Mul chain `(r * h) * u` (u [1, N]) is regrouped as TF 1.14 regroups it when the inner Mul
has one reader (not for a Mul of loop invariants only: TF's pivot drives it), and runs as
written with a gradient fetched (TF's stack push reads it, even
for a gradient no fetch needs), a TensorArray read of no element_shape in the chain, or the
arithmetic optimizer off; a body value TF's stacks push keeps its order in Grappler's
second round too (tests/golden/math/gen_loop_min_broadcasts.py, made on an AMD EPYC:
`host`)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "loop_min_broadcasts")
WANT = goldens.load("math", "loop_min_broadcasts")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # TF's MatMul bits depend on the host's caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] == "amd"


# per test: the cases checked, the first one regrouped (its values with the arithmetic
# optimizer on differ from TF's with it off), the others as TF runs them either way
GROUPS = {"loop_body": ("forward", "with_grad", "grad_of_w"), "ta_reads": ("ta_reads",),
          "cond_branch": ("cond_branch",), "invariant": ("invariant",),
          "pushed_chain": ("pushed_chain",)}


def _flat(v):
    if isinstance(v, dict):
        return [v[k] for k in sorted(v)]
    return v if isinstance(v, list) else [v]


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_values_are_tfs(group):
    for name in GROUPS[group]:
        for off in (False, True):
            got, want = GEN.CASES[name](tf, off=off), WANT[name + ("_off" if off else "")]
            if isinstance(got, dict):
                assert sorted(got) == sorted(want)
            for a, b in zip(_flat(got), _flat(want), strict=True):
                np.testing.assert_array_equal(a, b, err_msg=f"{name} off={off}")
    # (the first case can fail: TF's regrouped values differ from the written order's)
    first = GROUPS[group][0]
    assert not all(np.array_equal(a, b) for a, b in zip(_flat(WANT[first]),
                                                        _flat(WANT[first + "_off"])))
    # (as written: TF's values with the arithmetic optimizer off)
    assert np.array_equal(WANT["ta_reads"]["unknown"], WANT["ta_reads_off"]["unknown"])
    assert np.array_equal(WANT["grad_of_w"][0], WANT["grad_of_w_off"][0])
    assert np.array_equal(WANT["invariant"]["captured"], WANT["invariant_off"]["captured"])
    assert not np.array_equal(WANT["invariant"]["identity"],
                              WANT["invariant_off"]["identity"])
