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


def test_parallel_plan_runs_independent_nodes():
    """The inter-op plan (runtime/interop.py: heavy MatMuls on a pool) finishes a failed
    run as the straight-line plan does: the counter beside the failure counts every run,
    the one behind it never does (as the golden's control_on_next)."""
    g = tf.Graph()
    with g.as_default():
        rs = np.random.RandomState(0)
        a = tf.placeholder(tf.float32, [256, 256])
        b = tf.placeholder(tf.float32, [256, 256])
        feed = {a: rs.rand(256, 256).astype(np.float32), b: rs.rand(256, 256).astype(np.float32)}
        m1 = tf.matmul(a, a)
        bad = tf.debugging.check_numerics(tf.matmul(b, a) * np.float32(np.inf), "bad")
        c = tf.Variable(0)
        d = tf.Variable(0)
        with tf.control_dependencies([bad]):
            behind = d.assign_add(1)
        fetch = [m1 + bad, behind, c.assign_add(1)]
        with tf.Session(config=tf.ConfigProto(inter_op_parallelism_threads=2)) as s:
            s.run(tf.global_variables_initializer())
            for _ in range(3):
                with pytest.raises(tf.errors.InvalidArgumentError, match="bad : Tensor had"):
                    s.run(fetch, feed)
            assert any(type(p.fn).__name__ == "ParallelPlan" or
                       getattr(p.fn, "__name__", "") == "run_parallel"
                       for p in s._plans.values())
            assert s.run([c, d]) == [3, 0]
