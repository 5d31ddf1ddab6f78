"""The plan compiler: caching, generated code, make_callable, large programs, errors."""
import numpy as np
import pytest

import flowgrad as tf
import flowgrad.engine.runtime as rt
from flowgrad.engine.runtime.backends.numpy import CompiledProgram
from flowgrad.engine.runtime.ir import lower


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield


def test_plans_are_cached_per_fetches_and_feed_keys():
    x = tf.placeholder(tf.float32, [2])
    y = x * 2.0
    with tf.Session() as sess:
        sess.run(y, {x: [1, 2]})
        n = len(sess._plans)
        sess.run(y, {x: [3, 4]})
        assert len(sess._plans) == n
        sess.run([y], {x: [3, 4]})
        assert len(sess._plans) == n + 1
        p1 = rt.plan_for(sess, y, {x: None})
        assert p1 is rt.plan_for(sess, y, {x: None})


def test_generated_code_is_one_call_per_op():
    x = tf.placeholder(tf.float32, [3])
    y = tf.tanh(x * 2.0 + 1.0)
    with tf.Session() as sess:
        plan = rt.plan_for(sess, y, {x: None})
    body = plan.compiled.source.splitlines()[1:]
    calls = [ln for ln in body if "K" in ln and "(" in ln]
    assert len(calls) == 3                      # Mul, Add, Tanh; constants are globals
    assert body[-1].strip().startswith("return")
    assert "for " not in plan.compiled.source and "[" not in "".join(calls)


def test_make_callable_matches_run():
    x = tf.placeholder(tf.float32, [None])
    v = tf.Variable(3.0)
    y = tf.reduce_sum(x * v)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        f = sess.make_callable(y, [x])
        assert f(np.array([1.0, 2.0], np.float32)) == sess.run(y, {x: [1.0, 2.0]}) == 9.0
        with pytest.raises(tf.errors.InvalidArgumentError):   # TF zips args with feed_list
            f()
        g = sess.make_callable([y, v], [x])
        assert g([1.0]) == [3.0, 3.0]


def test_make_callable_of_seed_example1():
    x = tf.Variable(tf.constant(3.0), name="x")
    dy_dx = tf.gradients(x ** 2, x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        f = sess.make_callable(dy_dx)
        assert f() == [6.0] == sess.run(dy_dx)
        assert type(f()[0]) is np.float32


def test_fetched_values_never_alias_state():
    v = tf.Variable(np.zeros(3, np.float32))
    r = tf.identity(v)
    inc = tf.assign_add(v, np.ones(3, np.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a = sess.run(r)
        sess.run(inc)
        assert a.tolist() == [0, 0, 0]
        assert sess.run(r).tolist() == [1, 1, 1]


@pytest.mark.slow   # (a 3,000-op chain: CI's slow leg)
def test_large_chain_gradient_compiles_and_matches_numpy():
    n = 3000
    w0 = np.linspace(0.2, 0.8, 16).astype(np.float32)
    w = tf.Variable(w0)
    h = tf.ones([16])
    for _ in range(n):
        h = tf.tanh(h * w + 0.1)
    g = tf.gradients(tf.reduce_sum(h), w)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(g)
        plan = rt.plan_for(sess, g)
    assert len(plan.program.nodes) < 7 * n
    # reference: the same chain by hand in float32
    hs = [np.ones(16, np.float32)]
    for _ in range(n):
        hs.append(np.tanh(hs[-1] * w0 + np.float32(0.1)))
    gh = np.ones(16, np.float32)
    gw = np.zeros(16, np.float32)
    for k in range(n, 0, -1):
        gz = gh * (1 - hs[k] * hs[k])
        gw += gz * hs[k - 1]
        gh = gz * w0
    np.testing.assert_allclose(got, gw, rtol=1e-4, atol=1e-6)


def test_kernel_error_names_the_node():
    a = tf.placeholder(tf.float32, [None])
    b = tf.placeholder(tf.float32, [None])
    c = tf.placeholder(tf.float32, [])
    # (times a constant, Grappler's constant push-down would move `a` into the outer Mul:
    # TF 1.14 then names that one, as flowgrad does)
    y = tf.multiply(a, b, name="the_mul") * c
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="the_mul") as e:
            sess.run(y, {a: np.ones(2), b: np.ones(3), c: 2.0})
        assert e.value.op is not None and e.value.op.name == "the_mul"


def test_ops_run_in_creation_order_with_control_edges_backwards():
    v = tf.Variable(1.0)
    read = tf.identity(v)
    a = tf.assign(v, 5.0)
    read.op._add_control_input(a.op)          # an edge to an earlier-created op
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(read * 1.0) == 5.0


def test_compiled_program_dump_and_source_are_deterministic():
    x = tf.placeholder(tf.float32, [4])
    y = tf.reduce_sum(tf.square(x) + 1.0)
    g = tf.get_default_graph()
    p1 = lower(g, [y], [], [x])
    p2 = lower(g, [y], [], [x])
    assert p1.dump() == p2.dump()
    with tf.Session() as sess:
        c1 = CompiledProgram(p1, sess._ctx)
        c2 = CompiledProgram(p2, sess._ctx)
    assert c1.source == c2.source
    assert c1.interpret([np.ones(4, np.float32)])[0] == 8.0
    assert c1.compile()([np.ones(4, np.float32)])[0] == 8.0


def test_first_run_is_lightly_optimized_later_runs_fully_and_agree():
    import numpy as np
    import flowgrad as tf
    from flowgrad.engine.runtime import plan_for
    x = tf.placeholder(tf.float32, [64, 300])
    h = x
    for _ in range(3):
        h = tf.tanh(h * 1.5 + 0.0)
    (g,) = tf.gradients(tf.reduce_sum(h * h), x)
    xv = np.random.RandomState(0).randn(64, 300).astype(np.float32)
    with tf.Session() as sess:
        first = sess.run(g, {x: xv})
        plan = sess._plans[(g, (x,))]
        assert plan.tier == 1
        light = plan.program.dump()
        second = sess.run(g, {x: xv})
        assert plan.tier == 2
        third = sess.run(g, {x: xv})
        full = plan_for(sess, g, {x: xv}).program.dump()
    assert first.tobytes() == second.tobytes() == third.tobytes()
    # the first tier skipped the rewriting passes (x + 0 is still there)...
    assert "= Add(" in light and "= Add(" not in full
    assert len(full.splitlines()) < len(light.splitlines())
