"""The differential fuzzer's findings (tools/fuzz/), replayed against TF 1.14's recorded results.

Each case in tools/fuzz/regression_specs.json is a minimized random program on which
flowgrad once disagreed with TF 1.14 (`python tools/fuzz/fuzz.py ... --save` adds
them; `python tools/goldens.py regen fuzz` records TF's results). A plain case must
agree (errors by class, values within per-dtype tolerances). A case with "differs"
is a documented, deliberate difference (TF 1.14 is wrong or lacks the feature): the
test checks that flowgrad still gives its own answer. A case with "awaiting" is a
known bug not yet fixed: a strict xfail, so the fix makes it fail until the entry is
removed.
"""
import json
import os
import sys

import pytest

import flowgrad as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools", "fuzz"))

import goldens  # noqa: E402
import programs  # noqa: E402

with open(os.path.join(HERE, "..", "tools", "fuzz", "regression_specs.json")) as _f:
    SPECS = json.load(_f)
TF_RESULTS = goldens.load("fuzz", "regressions")


def _param(spec):
    marks = [pytest.mark.xfail(strict=True, reason=spec["awaiting"])] if "awaiting" in spec \
        else []
    return pytest.param(spec, id=f"seed_{spec['seed']}", marks=marks)


@pytest.mark.parametrize("spec", [_param(s) for s in SPECS])
def test_fuzz_case(spec):
    got = programs.run(tf, spec)
    why = programs.compare(got, TF_RESULTS[f"seed_{spec['seed']}"])
    if "differs" in spec:
        assert why is not None and why.startswith(spec["differs"]["prefix"]), (
            f"documented difference changed: {why!r}; reason was: {spec['differs']['reason']}")
    else:
        assert why is None, f"{why} (found as: {spec.get('note')})"


def test_fuzz_float64_reference():
    """seed 20495 (float32: TF's bits since Atanh is libm's atanhf): in float64 the second
    derivative of u/atanh(u), u = 0.9 tanh(x), agrees with a 5-point finite difference of
    the exact function."""
    import numpy as np
    spec = json.loads(json.dumps(next(s for s in SPECS if s["seed"] == 20495)))
    for inp in spec["inputs"]:
        inp["dtype"] = "float64"
    got = programs.run(tf, spec)
    x0 = np.array(spec["inputs"][0]["data"], np.float64).reshape(spec["inputs"][0]["shape"])

    def f(z):
        u = 0.9 * np.tanh(z)
        return u / np.arctanh(u)
    h = 1e-3
    f2 = (-f(x0 + 2 * h) + 16 * f(x0 + h) - 30 * f(x0) + 16 * f(x0 - h)
          - f(x0 - 2 * h)) / (12 * h * h)
    w = np.linspace(0.5, 1.5, x0.size).reshape(x0.shape)
    np.testing.assert_allclose(got[3], 0.75 * w * f2, rtol=0, atol=1e-7)


def test_fuzz_while_second_order_against_finite_differences():
    """seed 30852's documented difference (TF 1.14's second order through while_loop is
    wrong): flowgrad's value is the true second derivative of 1.1 sin(1.1 sin(x^2))."""
    import numpy as np
    spec = next(s for s in SPECS if s["seed"] == 30852)
    got = programs.run(tf, spec)
    x = np.array(spec["inputs"][0]["data"], np.float64).reshape(spec["inputs"][0]["shape"])

    def f(z):
        return 1.1 * np.sin(1.1 * np.sin(z * z))
    h = 1e-3
    f2 = (-f(x + 2 * h) + 16 * f(x + h) - 30 * f(x) + 16 * f(x - h)
          - f(x - 2 * h)) / (12 * h * h)
    w = np.linspace(0.5, 1.5, x.size).reshape(x.shape)
    np.testing.assert_allclose(got[2], 0.75 * w * f2, rtol=0, atol=1e-7)


def test_fuzz_while_after_scatter_second_order_against_finite_differences():
    """seed 5054's documented difference (TF 1.14's second order through while_loop is
    None): in float64 flowgrad's value is a central finite difference of the first-order
    gradient of sum(w * F(scatter_nd(x))), F = three steps of 1.1 sin."""
    import numpy as np
    spec = json.loads(json.dumps(next(s for s in SPECS if s["seed"] == 5054)))
    spec["inputs"][0]["dtype"] = "float64"
    got = programs.run(tf, spec)
    x0 = np.array(spec["inputs"][0]["data"], np.float64).reshape(spec["inputs"][0]["shape"])
    (_, args, kw), = [op for op in spec["ops"] if op[0] == "scatter_nd"]
    rows = [i[0] for i in kw["indices"]]

    def first(x):
        s = np.zeros(kw["shape"])
        for i, k in enumerate(rows):
            s[k] += x[i]
        d = np.ones_like(s)
        for _ in range(3):
            d, s = d * 1.1 * np.cos(s), 1.1 * np.sin(s)
        gs = np.linspace(0.5, 1.5, s.size).reshape(s.shape) * d
        return np.stack([gs[k] for k in rows])
    np.testing.assert_allclose(got[1], first(x0), rtol=0, atol=1e-12)
    h = 1e-5
    fd = np.zeros_like(x0)
    for i in np.ndindex(x0.shape):
        e = np.zeros_like(x0)
        e[i] = h
        fd[i] = 0.75 * (first(x0 + e).sum() - first(x0 - e).sum()) / (2 * h)
    np.testing.assert_allclose(got[2], fd, rtol=0, atol=1e-8)


def _is_missing(a):
    """programs.build's stand-in for a None gradient: the scalar -12345."""
    import numpy as np
    a = np.asarray(a)
    return a.shape == () and float(a) == -12345.0


def _objective(spec, order):
    """The scalar whose gradient is the spec's order-`order` result (programs.build):
    order 1: sum(w * output0); order 2: 0.75 * the sum of every first-order gradient."""
    import numpy as np
    s = dict(spec, grad_order=order - 1)
    got = programs.run(tf, s)
    assert not isinstance(got, Exception), got
    if order == 1:
        y = np.asarray(got[0], np.float64)
        return float(np.sum(np.linspace(0.5, 1.5, max(1, y.size)).reshape(y.shape) * y))
    n_out = len(spec["outputs"])
    return 0.75 * sum(float(np.sum(g)) for g in got[n_out:] if not _is_missing(g))


@pytest.mark.parametrize("spec", [pytest.param(s, id=f"seed_{s['seed']}") for s in SPECS
                                  if s.get("differs", {}).get("finite_differences")])
def test_fuzz_difference_against_finite_differences(spec):
    """Documented differences where TF 1.14 raises or is wrong: in float64, flowgrad's
    highest-order gradients equal central finite differences of the order below."""
    import numpy as np
    spec64 = json.loads(json.dumps(spec))
    for inp in spec64["inputs"]:
        if inp["dtype"] == "float32":
            inp["dtype"] = "float64"
    order = spec["grad_order"]
    got = programs.run(tf, spec64)
    h, rtol, atol = 1e-5, 1e-5, 1e-6
    if isinstance(got, TypeError):  # a float32-only op (FusedBatchNorm): looser, in float32
        spec64 = json.loads(json.dumps(spec))
        got = programs.run(tf, spec64)
        h, rtol, atol = 1e-2, 2e-2, 2e-3
    spec = spec64
    assert not isinstance(got, Exception), got
    n_out = len(spec["outputs"])
    floats = [i for i, inp in enumerate(spec["inputs"]) if inp["dtype"].startswith("float")]
    want = got[n_out + (order - 1) * len(floats):n_out + order * len(floats)]
    for k, g in zip(floats, want):
        inp = spec["inputs"][k]
        fd = np.zeros(len(inp["data"]))
        for e in range(len(inp["data"])):
            x0 = inp["data"][e]
            inp["data"][e] = x0 + h
            up = _objective(spec, order)
            inp["data"][e] = x0 - h
            down = _objective(spec, order)
            inp["data"][e] = x0
            fd[e] = (up - down) / (2 * h)
        g = np.zeros_like(fd) if _is_missing(g) else np.asarray(g, np.float64).reshape(-1)
        np.testing.assert_allclose(g, fd, rtol=rtol, atol=atol * max(1.0, np.abs(fd).max()),
                                   err_msg=f"input {k}")
