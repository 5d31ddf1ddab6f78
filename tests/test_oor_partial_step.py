"""A run that fails part-way (tests/golden/runtime/gen_oor_partial_step.py): TF 1.14's
executor still runs every node that does not depend on the failed kernel (an
exhausted IteratorGetNext, a closed queue's dequeue, a failing CheckNumerics or
Reshape), then raises the first error (backends/numpy.py's _finish_step, from the
interpreted first run and from the compiled plan)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("runtime", "oor_partial_step")
GEN = goldens.generator("runtime", "oor_partial_step")
BUILDERS = {f.__name__[1:]: f for f in GEN.CASES}


def test_every_case_has_a_golden():
    assert sorted(BUILDERS) == sorted(GOLDEN)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_failing_run_runs_independent_nodes_as_tf(name):
    got = GEN.run_case(tf, BUILDERS[name])
    goldens.same_exact(got, GOLDEN[name], name)


def test_dependent_nodes_do_not_run():
    """The golden tells "the independent nodes ran" from "nothing ran": the counter
    behind a control edge on the iterator stays 0 while its neighbour counts runs."""
    runs = GOLDEN["control_on_next"]
    assert [int(v[0]) for _, v in runs] == [0, 0, 0, 0]
    assert [int(v[1]) for _, v in runs] == [1, 2, 3, 4]
    assert float(np.asarray(GOLDEN["long_chain"][3][1][0])) == 120.0
