"""The AddN kernel's buffer forwarding (tests/golden/math/gen_addn_forwarding.py): TF 1.14
sums from the first input whose buffer it takes over, swapped to the front, and sums
more than 9 inputs in blocks of 8 (optimize/addn_order.py's _Buffers, the AddN kernel
in ops/reductions.py, optimize/accumulate.py)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops.reductions import _addn_kernel
from flowgrad.engine.optimize.accumulate import accumulate_n
from flowgrad.engine.runtime.ir import lower

import goldens

GOLDEN = goldens.load("math", "addn_forwarding")
GEN = goldens.generator("math", "addn_forwarding")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("math", "addn_forwarding", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def _sequential(xs):
    out = xs[0] + xs[1]
    for x in xs[2:]:
        out = out + x
    return out


@pytest.mark.parametrize("n", [10, 17, 26])
def test_golden_tells_blocks_from_a_running_sum(n):
    vals = GEN._feeds(n, n)
    vals = [vals[k] for k in sorted(range(n), key=lambda k: "p%d" % k)]   # (by name)
    assert not np.array_equal(_sequential(vals), GOLDEN["many_feeds_%d" % n][0])
    assert np.array_equal(_addn_kernel(*vals), GOLDEN["many_feeds_%d" % n][0])


@pytest.mark.parametrize("n", [3, 8, 9])
def test_kernel_up_to_nine_is_a_running_sum(n):
    vals = GEN._feeds(n, n)
    assert np.array_equal(_addn_kernel(*vals), _sequential(vals))


def test_golden_tells_the_swap_from_the_sorted_order():
    p0, p1, p2, p3 = GEN._feeds()
    t = p2 * np.float32(0.3)
    m = p3 * np.float32(3.0)
    u = t * p1
    # sorted (p0, p1, q/t, r/m): r/m taken over (q/t fetched), swapped with p0
    assert np.array_equal(((m + p1) + t) + p0, GOLDEN["fetched"][0])
    assert not np.array_equal(((p0 + p1) + t) + m, GOLDEN["fetched"][0])
    # sorted (p0, p1, q/t, r/u): q/t taken over (its other reader r/u has run)
    assert np.array_equal(((t + p1) + p0) + u, GOLDEN["reader_before"][0])
    assert not np.array_equal(((p0 + p1) + t) + u, GOLDEN["reader_before"][0])


def test_accumulate_chain_keeps_the_kernels_blocks():
    vals = GEN._feeds(17, 17)
    with tf.Graph().as_default():
        ps = [tf.placeholder(tf.float32, [GEN.N]) for _ in range(17)]
        s = tf.add_n([p * 1.0 for p in ps])
        prog = lower(tf.get_default_graph(), [s], [], ps)
    chained = accumulate_n(prog)
    assert not any(n.type == "AddN" for n in chained.nodes)
    env = dict(zip(prog.feeds, vals))
    for n in chained.nodes:
        ins = [env[v] for v in n.inputs]
        if n.type == "Mul":
            env[n.outputs[0]] = ins[0] * ins[1]
        elif n.type in ("AddV2", "Add"):
            env[n.outputs[0]] = ins[0] + ins[1]
        elif n.type == "Const":
            env[n.outputs[0]] = n.attrs["value"]
    assert np.array_equal(env[chained.fetches[0]], _addn_kernel(*vals))
