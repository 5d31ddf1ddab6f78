"""Session.partial_run_setup / partial_run against TF 1.14 (tests/golden/runtime/
gen_partial_run.py): handles, steps fed in several calls, each op run once per handle,
seeded random streams and variables, every error TF raises, InteractiveSession, closing."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("runtime", "partial_run")
GEN = goldens.generator("runtime", "partial_run")
BUILDERS = {f.__name__[1:]: f for f in GEN.CASES}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (GOLDEN["host"]); no value here depends on the host
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])


def test_every_case_has_a_golden():
    assert sorted(BUILDERS) == sorted(k for k in GOLDEN if k != "host")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_partial_run_as_tf(name):
    got = GEN.run_case(tf, BUILDERS[name])
    goldens.same_exact(got, GOLDEN[name], name)


def test_ops_run_once_per_handle_and_stages_are_cached():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [])
        c = tf.Variable(0.0)
        inc = c.assign_add(1.0)
        with tf.control_dependencies([inc]):
            y = a * 2.0
        with tf.Session() as s:
            s.run(c.initializer)
            for k in range(3):
                h = s.partial_run_setup([y], [a])
                assert s.partial_run(h, y, {a: float(k)}) == 2.0 * k
            assert s.run(c) == 3.0
            assert len(s._prun_plans) == 2     # the setup's stage and the feed's
            assert not s._partial_runs         # every handle finished


def test_setups_listing_the_same_tensors_in_other_orders():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [])
        b = tf.placeholder(tf.float32, [])
        m, n = a * 2.0, a * 3.0
        y = m + n * b
        with tf.Session() as s:
            for fetches, feeds in (([m, n, y], [a, b]), ([y, n, m], [b, a]),
                                   ([n, y, m], [a, b])):
                h = s.partial_run_setup(fetches, feeds)
                assert s.partial_run(h, [n, m], {a: 1.0}) == [3.0, 2.0]
                assert s.partial_run(h, y, {b: 10.0}) == 32.0
            for fetches in ([m, n], [n, m]):   # (one sorted signature, two stage plans)
                h = s.partial_run_setup(fetches, [a])
                assert s.partial_run(h, [m, n], {a: 1.0}) == [2.0, 3.0]
