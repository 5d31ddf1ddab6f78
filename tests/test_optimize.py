"""Optimizer passes: each pass's before/after IR, config switches, and identical results."""
import dataclasses
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.optimize import PASS_NAMES, PASSES, options_from_config
from flowgrad.engine.optimize.arithmetic import arithmetic_optimization
from flowgrad.engine.optimize.constant_folding import constant_folding
from flowgrad.engine.optimize.cse import common_subexpression_elimination
from flowgrad.engine.optimize.dependency import dependency_optimization
from flowgrad.engine.optimize.fusion import fusion
from flowgrad.engine.runtime.ir import lower

import goldens

ROOT = os.path.dirname(os.path.dirname(__file__))


def _lower(fetches, feeds=()):
    g = tf.get_default_graph()
    return lower(g, list(fetches), [], list(feeds))


def _types(prog):
    return [n.type for n in prog.nodes]


def _config(**off):
    rw = tf.RewriterConfig(**{k: tf.RewriterConfig.OFF for k in off})
    return tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=rw))


NO_PASSES = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(disable_meta_optimizer=True)))


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield


# -- constant folding ----------------------------------------------------------------------
def test_constant_folding_folds_pure_constants_and_shapes():
    from flowgrad.engine.ops._base import apply
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    s = apply("Shape", [x], {"out_type": tf.int32})    # tf.shape folds at build already
    c = tf.constant(2.0) * tf.constant(3.0)
    y = x * c
    before = _lower([s, y], [])
    after = constant_folding(before)
    print(before.dump(), after.dump(), sep="\n---\n")
    assert _types(before).count("Shape") == 1 and _types(before).count("Mul") == 2
    assert "Shape" not in _types(after)
    assert _types(after).count("Mul") == 1          # x * c still runs
    assert "Placeholder" in _types(after)           # never folded
    shape_node = next(n for n in after.nodes if n.outputs[0] == before.fetches[0])
    assert shape_node.type == "Const"
    assert shape_node.attrs["value"].tolist() == [2, 3]
    assert before.dump() != after.dump() and "Shape(" in before.dump()


def test_constant_folding_cascades_through_broadcast_gradient_args():
    x = tf.placeholder(tf.float32, [4, 3])
    b = tf.placeholder(tf.float32, [3])
    from flowgrad.engine.ops._base import apply
    ra, rb = _bga(apply("Shape", [x], {"out_type": tf.int32}),
                  apply("Shape", [b], {"out_type": tf.int32}))
    prog = constant_folding(_lower([ra, rb], [x, b]))
    assert set(_types(prog)) == {"Const"}, prog.dump()
    vals = {n.outputs[0]: n.attrs["value"].tolist() for n in prog.nodes}
    assert vals[prog.fetches[1]] == [0]


def _bga(s0, s1):
    from flowgrad.engine.ops._base import apply
    return apply("BroadcastGradientArgs", [s0, s1])


def test_constant_folding_never_folds_stateful_or_their_dependents():
    v = tf.Variable(2.0)
    y = v * 3.0
    r = tf.random_uniform([2]) * 2.0
    prog = constant_folding(_lower([y, r]))
    prod = {o: n for n in prog.nodes for o in n.outputs}
    assert prod[prog.fetches[0]].type == "Mul" and prod[prog.fetches[1]].type != "Const"
    assert "VariableV2" in _types(prog) and "RandomUniform" in _types(prog)


def test_constant_folding_leaves_failing_kernels_to_run_time():
    z = tf.pow(tf.constant([2, 3]), tf.constant([-1, 1]))   # integer ** negative: run error
    ok = tf.constant([1, 2]) + tf.constant([5, 6])
    prog = constant_folding(_lower([z, ok]))
    assert [n.type for n in prog.nodes if n.name == z.op.name] == ["Pow"]
    assert [n.type for n in prog.nodes if n.name == ok.op.name] == ["Const"]
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError):
        sess.run(z)


def _count_qr(monkeypatch):
    """A counter of the Eigen QR kernel's calls (tf.linalg.qr of a seeded or constant
    matrix)."""
    from flowgrad.engine.ops import matrix
    calls = [0]
    qr = matrix._eigen_qr.qr

    def counted(*a, **k):
        calls[0] += 1
        return qr(*a, **k)
    monkeypatch.setattr(matrix._eigen_qr, "qr", counted)
    return calls


def test_a_plan_evaluates_a_constant_subgraph_once(monkeypatch):
    """The Grappler rewrites fold the program to look at its constants (zero_muls: a
    fetched Mul's inputs) and drop what they folded; the plan keeps it, so neither its
    first run nor its second tier evaluates the Qr of a constant again."""
    calls = _count_qr(monkeypatch)
    x = tf.constant(np.random.RandomState(0).randn(12, 5), tf.float32)
    q = tf.linalg.qr(x * 2.0)[0]
    y = q * 2.0
    s = tf.placeholder(tf.float32, [5]) + tf.reduce_sum(q, 0)
    feed = {s.op.inputs[0]: np.arange(5, dtype=np.float32)}
    with tf.Session() as sess:
        got = [sess.run([y, s], feed) for _ in range(3)]
    assert calls[0] == 1
    for a, b in zip(got[0], got[2]):
        assert a.tobytes() == b.tobytes()


def test_fold_cache_evaluates_a_node_once_and_a_rewritten_one_again(monkeypatch):
    from flowgrad.engine.optimize.constant_folding import fold_cache, fold_cached
    calls = _count_qr(monkeypatch)
    x = tf.constant(np.random.RandomState(0).randn(6, 3), tf.float32)
    prog = _lower([tf.linalg.qr(x)[0] * 2.0])
    assert fold_cached(prog) is prog                  # no cache: nothing to reuse
    with fold_cache():
        assert fold_cached(prog) is prog              # nothing folded yet
        first = constant_folding(prog)
        again = constant_folding(prog)
        assert calls[0] == 1
        kept = fold_cached(prog)                      # Consts, no evaluation
        assert calls[0] == 1 and "Qr" not in _types(kept)
        values = [{n.outputs[0]: n.attrs["value"] for n in p.nodes}[prog.fetches[0]]
                  for p in (first, again, kept)]
        assert values[0] is values[1] is values[2]
        # a rewritten input (a new Const value) is evaluated afresh
        nodes = [dataclasses.replace(n, attrs=dict(n.attrs, value=n.attrs["value"] + 1))
                 if n.name == x.op.name else n for n in prog.nodes]
        other = constant_folding(prog.copy(nodes=nodes))
        assert calls[0] == 2
        value = {n.outputs[0]: n.attrs["value"] for n in other.nodes}[prog.fetches[0]]
        assert value.tobytes() != values[0].tobytes()
    assert fold_cached(prog) is prog                  # the cache lives in its block


# -- arithmetic -----------------------------------------------------------------------------
def test_arithmetic_removes_neutral_elements():
    x = tf.placeholder(tf.float32, [3], name="x")
    y = ((x * 1.0 + 0.0) - 0.0) / 1.0
    z = tf.negative(tf.negative(y))
    before = _lower([z], [x])
    after = arithmetic_optimization(before)
    print(before.dump(), after.dump(), sep="\n---\n")
    assert {"Mul", "Add", "Sub", "RealDiv", "Neg"} <= set(_types(before))
    assert after.fetches == after.feeds
    cleaned = dependency_optimization(after)     # the bypassed nodes are dead now
    assert not ({"Mul", "Add", "Sub", "RealDiv", "Neg"} & set(_types(cleaned)))


def test_arithmetic_pow2_becomes_square_bit_exact():
    x = tf.placeholder(tf.float32, [5])
    y = tf.pow(x, 2.0)
    after = arithmetic_optimization(_lower([y], [x]))
    assert "Square" in _types(after) and "Pow" not in _types(after), after.dump()
    xv = np.random.RandomState(0).randn(5).astype(np.float32)
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        assert s1.run(y, {x: xv}).tobytes() == s0.run(y, {x: xv}).tobytes()


def test_arithmetic_removes_noop_reshape_sum_broadcast():
    x = tf.placeholder(tf.float32, [2, 3])
    y = tf.reshape(x, [2, 3])
    z = tf.broadcast_to(y, [2, 3])
    from flowgrad.engine.ops._base import apply
    w = apply("Sum", [z, tf.constant(np.zeros([0], np.int32))], {"keep_dims": False})
    after = arithmetic_optimization(_lower([w], [x]))
    assert not ({"Reshape", "BroadcastTo", "Sum"} & set(_types(after))), after.dump()


def test_arithmetic_folds_transposes_into_matmul():
    a = tf.placeholder(tf.float32, [3, 2])
    b = tf.placeholder(tf.float32, [3, 4])
    y = tf.matmul(tf.transpose(a), b)
    before = _lower([tf.square(y)], [a, b])
    after = arithmetic_optimization(before)
    mm = next(n for n in after.nodes if n.type == "MatMul")
    assert mm.attrs["transpose_a"] is True and mm.inputs == [before.feeds[0], before.feeds[1]]
    # a fetched MatMul keeps its Transpose (Grappler preserves fetched nodes)
    fetched = _lower([y], [a, b])
    mm = next(n for n in arithmetic_optimization(fetched).nodes if n.type == "MatMul")
    assert not mm.attrs.get("transpose_a")
    av, bv = np.random.rand(3, 2).astype(np.float32), np.random.rand(3, 4).astype(np.float32)
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        np.testing.assert_allclose(s1.run(y, {a: av, b: bv}), s0.run(y, {a: av, b: bv}),
                                   rtol=1e-6)


def test_arithmetic_double_transpose_removed():
    a = tf.placeholder(tf.float32, [3, 2, 4])
    y = tf.transpose(tf.transpose(a, [1, 2, 0]), [2, 0, 1])
    after = arithmetic_optimization(_lower([y], [a]))
    assert after.fetches == after.feeds
    assert "Transpose" not in _types(dependency_optimization(after))


def test_arithmetic_keeps_copy_of_variable_when_an_assign_follows():
    v = tf.Variable([1.0, 2.0])
    y = v * 1.0                       # a snapshot of v before the assign
    with tf.control_dependencies([y]):
        a = tf.assign(v, [5.0, 5.0])
    with tf.control_dependencies([a]):
        z = y + 0.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(z).tolist() == [1.0, 2.0]


# -- CSE ------------------------------------------------------------------------------------
def test_cse_merges_identical_pure_nodes():
    x = tf.placeholder(tf.float32, [3])
    a = x * 2.0
    b = x * 2.0
    y = a + b
    before = _lower([y], [x])
    after = common_subexpression_elimination(before)
    print(before.dump(), after.dump(), sep="\n---\n")
    assert _types(before).count("Mul") == 2 and _types(after).count("Mul") == 1
    assert _types(after).count("Const") == 1


def test_cse_never_merges_stateful_or_across_assign():
    v = tf.Variable(1.0)
    r1 = tf.random_uniform([2])
    r2 = tf.random_uniform([2])
    a = v * 2.0
    with tf.control_dependencies([a]):
        up = tf.assign_add(v, 1.0)
    with tf.control_dependencies([up]):
        b = v * 2.0
    after = common_subexpression_elimination(_lower([r1, r2, a, b]))
    assert _types(after).count("RandomUniform") == 2
    assert after.fetches[2] != after.fetches[3]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        av, bv = sess.run([a, b])
        assert (av, bv) == (2.0, 4.0)


# -- dependency (Identity, dead nodes) -------------------------------------------------------
def test_dependency_removes_identities_and_dead_nodes():
    x = tf.placeholder(tf.float32, [3])
    i = tf.identity(tf.identity(x))
    y = i * 3.0
    dead = tf.negative(x, name="dead")
    before = _lower([y, dead], [x])
    before = before.copy(fetches=before.fetches[:1])     # `dead` is lowered but not fetched
    after = dependency_optimization(before)
    print(before.dump(), after.dump(), sep="\n---\n")
    assert _types(before).count("Identity") == 2
    assert "Identity" not in _types(after) and "dead" not in after.dump()


def test_dependency_keeps_variable_identity_when_assign_between():
    v = tf.Variable(1.0)
    r = tf.identity(v)
    with tf.control_dependencies([r]):
        up = tf.assign(v, 7.0)
    with tf.control_dependencies([up]):
        out = r * 1.0
    prog = _lower([out])
    after = dependency_optimization(prog)
    ids = [n for n in after.nodes if n.type == "Identity" and n.name == r.op.name]
    assert ids, after.dump()


# -- fusion ---------------------------------------------------------------------------------
def test_fusion_fuses_large_elementwise_chains_exactly():
    x = tf.placeholder(tf.float32, [256, 128])
    w = tf.placeholder(tf.float32, [256, 128])
    y = tf.tanh(x * w + 0.5)
    before = _lower([y], [x, w])
    after = fusion(before)
    print(before.dump(), after.dump(), sep="\n---\n")
    assert [t for t in _types(after) if t.startswith("Fused")] == ["Fused[Mul+Add+Tanh]"]
    rs = np.random.RandomState(1)
    xv, wv = rs.randn(256, 128).astype(np.float32), rs.randn(256, 128).astype(np.float32)
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        assert s1.run(y, {x: xv, w: wv}).tobytes() == s0.run(y, {x: xv, w: wv}).tobytes()


def test_fusion_skips_small_arrays_and_shared_intermediates():
    x = tf.placeholder(tf.float32, [16])
    y = tf.tanh(x * 2.0 + 1.0)
    assert not any(t.startswith("Fused") for t in _types(fusion(_lower([y], [x]))))
    big = tf.placeholder(tf.float32, [128, 256])
    m = big * 2.0
    z = tf.tanh(m) + m                        # m has two readers: Mul+Tanh cannot fuse
    after = fusion(_lower([z], [big]))
    assert "Mul" in _types(after)


def test_fusion_tanh_grad_chain_bit_exact():
    x = tf.placeholder(tf.float32, [64, 512])
    y = tf.reduce_sum(tf.tanh(tf.tanh(x * 1.5) * 0.5))
    g = tf.gradients(y, x)[0]
    xv = np.random.RandomState(2).randn(64, 512).astype(np.float32)
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        plan = s1.make_callable(g, [x]).plan
        assert any(n.type.startswith("Fused") for n in plan.program.nodes)
        assert s1.run(g, {x: xv}).tobytes() == s0.run(g, {x: xv}).tobytes()


# -- configuration --------------------------------------------------------------------------
def test_passes_are_named_and_ordered():
    assert PASS_NAMES == ("constant_folding", "arithmetic", "cse", "dependency", "fusion",
                          "accumulate")
    assert all(callable(fn) for _, fn in PASSES)


def test_config_switches_passes_off():
    assert all(options_from_config(None).values())
    o = options_from_config(_config(constant_folding=1, arithmetic_optimization=1))
    assert not o["constant_folding"] and not o["arithmetic"] and o["cse"]
    o = options_from_config(_config(common_subgraph_elimination=1, dependency_optimization=1,
                                    remapping=1))
    assert not o["cse"] and not o["dependency"] and not o["fusion"]
    o = options_from_config(tf.ConfigProto(graph_options=tf.GraphOptions(
        optimizer_options=tf.OptimizerOptions(opt_level=tf.OptimizerOptions.L0))))
    assert not o["cse"] and o["constant_folding"]
    o = options_from_config(tf.ConfigProto(graph_options=tf.GraphOptions(
        rewrite_options=tf.RewriterConfig(memory_optimization=tf.RewriterConfig.NO_MEM_OPT))))
    assert not o["inplace"]
    assert not any(options_from_config(NO_PASSES).values())


def test_session_config_changes_the_plan():
    x = tf.placeholder(tf.float32, [3])
    y = x * 1.0
    with tf.Session(config=_config(arithmetic_optimization=1)) as s:
        assert "Mul" in s.make_callable(y, [x]).plan.program.dump()
    with tf.Session() as s:
        assert "Mul" not in s.make_callable(y, [x]).plan.program.dump()


def test_config_messages_behave_like_protos():
    with pytest.raises(ValueError, match="no \"bogus\" field"):
        tf.ConfigProto(bogus=1)
    c = tf.ConfigProto()
    c.graph_options.rewrite_options.constant_folding = tf.RewriterConfig.OFF
    assert not options_from_config(c)["constant_folding"]
    assert tf.RewriterConfig.OFF == 2 and tf.RunOptions.FULL_TRACE == 3
    gpu = tf.GPUOptions(allow_growth=True)
    assert tf.ConfigProto(gpu_options=gpu).gpu_options.allow_growth


# -- identical results ----------------------------------------------------------------------
_FIELDS = {"constant_folding": "constant_folding", "arithmetic": "arithmetic_optimization",
           "cse": "common_subgraph_elimination", "dependency": "dependency_optimization",
           "fusion": "remapping"}


def _only_off(off):
    """A ConfigProto with exactly the passes in `off` switched off."""
    rw = tf.RewriterConfig(**{f: (tf.RewriterConfig.OFF if p in off else tf.RewriterConfig.ON)
                              for p, f in _FIELDS.items()})
    if "accumulate" in off:
        rw.memory_optimization = tf.RewriterConfig.NO_MEM_OPT
    cfg = tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=rw))
    assert {k for k, v in options_from_config(cfg).items() if not v} - {"inplace"} == set(off)
    return cfg


def _sample_graph():
    rs = np.random.RandomState(3)
    x = tf.placeholder(tf.float32, [4, 5], name="x")
    w = tf.Variable(rs.randn(5, 3).astype(np.float32), name="w")
    b = tf.Variable(rs.randn(3).astype(np.float32), name="b")
    h = tf.tanh(tf.matmul(x, w) + b) * 1.0 + 0.0
    h2 = tf.nn.relu(h) + tf.sigmoid(h) - tf.exp(-h * h) + tf.square(h) + tf.pow(h, 2.0)
    m = tf.reduce_mean(tf.reshape(h2, [4, 3]), axis=0) + tf.reduce_sum(h2 * h2, axis=1)[0]
    s = tf.reduce_max(tf.transpose(tf.transpose(h2))) + tf.reduce_sum(tf.abs(h2))
    loss = tf.reduce_sum(m) + s + tf.reduce_sum(tf.nn.softmax(h2)) + \
        tf.reduce_sum(tf.log(tf.abs(h2) + 1.0)) + tf.reduce_sum(tf.sqrt(tf.abs(x)))
    grads = tf.gradients(loss, [x, w, b])
    hv = tf.gradients(grads[1], w, grad_ys=tf.ones_like(grads[1]))
    xv = rs.randn(4, 5).astype(np.float32)
    return [loss, h2] + grads + hv, {x: xv}


@pytest.mark.parametrize("off", [None] + list(PASS_NAMES) + ["all"])
def test_results_identical_with_and_without_each_pass(off):
    fetches, feed = _sample_graph()
    if off == "all":
        cfg = NO_PASSES
    elif off is None:
        cfg = None
    else:
        cfg = _only_off({off})
    with tf.Session(config=NO_PASSES) as s0, tf.Session(config=cfg) as s1:
        s0.run(tf.global_variables_initializer())
        s1.run(tf.global_variables_initializer())
        ref = s0.run(fetches, feed)
        got = s1.run(fetches, feed)
    for r, g in zip(ref, got):
        np.testing.assert_allclose(g, r, rtol=2e-6, atol=1e-6)


def _example2_value(opts):
    tf.reset_default_graph()
    x = tf.Variable(tf.constant(2.0), name="x")
    y = x ** 3
    update = tf.assign(x, x + 1)
    with tf.control_dependencies([update]):
        g = tf.gradients(y, x)
    with tf.Session(config=_only_off(set(PASS_NAMES) - set(opts))) as sess:
        sess.run(tf.global_variables_initializer())
        out = [sess.run(g) for _ in range(3)]
        out.append(sess.run(x))
    return out


def test_seed_example2_under_every_pass_combination():
    for k in range(len(PASS_NAMES) + 1):
        for combo in itertools.combinations(PASS_NAMES, k):
            assert _example2_value(set(combo)) == [[27.0], [48.0], [75.0], 5.0], combo


@pytest.mark.parametrize("i", [1, 2, 3])
def test_seed_examples_print_the_same_without_passes(i, tmp_path):
    script = os.path.join(ROOT, "src", "flowgrad", "demo", "seed", f"example{i}.py")
    with open(script) as f:
        src = f.read()
    src = src.replace(
        "tf.Session()", "tf.Session(config=tf.ConfigProto(graph_options=tf.GraphOptions("
        "rewrite_options=tf.RewriterConfig(disable_meta_optimizer=True))))")
    p = tmp_path / "ex.py"
    p.write_text(src)
    out = subprocess.run([sys.executable, str(p)], capture_output=True, text=True, check=True)
    assert out.stdout == goldens.load("seed", "seed")[f"example{i}"]



@pytest.mark.parametrize("rows", [128, 129])
def test_fusion_takes_sqrt_above_eigen_exact_max(rows):
    # float32 Sqrt is Eigen's emulated psqrt up to EXACT_MAX values (not a ufunc, so not
    # fused: 128 x 128 = EXACT_MAX), np.sqrt above (a sparse Adam's slot, fused with + eps)
    v = tf.placeholder(tf.float32, [rows, 128])
    y = tf.sqrt(v) + 1e-8
    after = fusion(_lower([y], [v]))
    fused = [t for t in _types(after) if t.startswith("Fused")]
    assert fused == ([] if rows == 128 else ["Fused[Sqrt+Add]"]), after.dump()
    xv = np.random.RandomState(2).rand(rows, 128).astype(np.float32)
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        assert s1.run(y, {v: xv}).tobytes() == s0.run(y, {v: xv}).tobytes()

def test_fusion_replaces_relu_grad_with_exact_branchless_select():
    from flowgrad.engine.optimize.fusion import relu_grad_select
    g = np.array([1.5, np.nan, np.inf, -2.0, -0.0, 3.0], np.float32)
    f = np.array([1.0, 2.0, -1.0, np.nan, 1.0, 0.0], np.float32)
    assert relu_grad_select(g, f).tobytes() == (g * (f > 0).astype(np.float32)).tobytes()
    x = tf.placeholder(tf.float32, [128, 256])
    y = tf.reduce_sum(tf.nn.relu(x) * 3.0)
    gx = tf.gradients(y, x)[0]
    rs = np.random.RandomState(4)
    xv = rs.randn(128, 256).astype(np.float32)
    xv[0, :4] = [np.nan, np.inf, -np.inf, -0.0]
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        prog = s1.make_callable(gx, [x]).plan.program
        assert any(n.type == "Fused[ReluGrad]" for n in prog.nodes), prog.dump()
        assert s1.run(gx, {x: xv}).tobytes() == s0.run(gx, {x: xv}).tobytes()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_fusion_small_tanh_grad_kernel_is_bit_exact(dtype):
    x = tf.placeholder(dtype, [16])
    y = tf.reduce_sum(tf.tanh(x) * tf.constant(np.arange(16).astype(dtype)))
    gx = tf.gradients(y, x)[0]
    xv = np.linspace(-3, 3, 16).astype(dtype)
    xv[:3] = [np.nan, np.inf, -0.0]
    with tf.Session() as s1, tf.Session(config=NO_PASSES) as s0:
        prog = s1.make_callable(gx, [x]).plan.program
        assert any(n.type == "Fused[TanhGrad]" for n in prog.nodes), prog.dump()
        for _ in range(2):                     # interpreted, then compiled
            a, b = s1.run(gx, {x: xv}), s0.run(gx, {x: xv})
            assert a.dtype == b.dtype == dtype and a.tobytes() == b.tobytes()


def test_cse_keeps_resource_reads_around_an_assign_in_a_branch():
    # a branch's plan reads its captured variables' handles as feeds: the read that
    # assign_sub returns must not be merged with the read its delta made before it
    # (a Keras BatchNormalization(renorm=True) under a training placeholder gave NaN)
    from flowgrad.ops import state_ops
    with tf.Graph().as_default():
        v = tf.get_variable("v", [], initializer=tf.zeros_initializer(), use_resource=True)
        w = tf.get_variable("w", [], initializer=tf.zeros_initializer(), use_resource=True)
        t = tf.placeholder(tf.bool, [])

        def update():
            a = state_ops.assign_sub(v, (v - 3.0) * 0.1)
            b = state_ops.assign_sub(w, (w - 1.0) * 0.1)
            return a / b
        r = tf.cond(t, update, lambda: tf.identity(v))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            np.testing.assert_allclose(s.run(r, {t: True}), 3.0, rtol=1e-6)
            np.testing.assert_allclose(s.run([v, w]), [0.3, 0.1], rtol=1e-6)
