"""Loading TF 1.14 goldens in tests: `goldens.load(area, stem)` -> {case name: value}.

The files are tests/golden/<area>/<stem>.json (format: tests/golden/goldenio.py),
made by tests/golden/<area>/gen_<stem>.py under TF 1.14 with
`python tools/goldens.py regen <area>`; tests never import TensorFlow.
"""
import functools
import importlib.util
import os
import sys

import numpy as np
import pytest

from flowgrad.engine.ops.fused_matmul import fma_matmul

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
if GOLDEN not in sys.path:
    sys.path.insert(0, GOLDEN)

import goldenio  # noqa: E402

GoldenError = goldenio.GoldenError


@functools.lru_cache(maxsize=None)
def _read(area, stem):
    return goldenio.read(os.path.join(GOLDEN, area, stem + ".json"))


def load(area, stem):
    """The cases of tests/golden/<area>/<stem>.json (decoded; shared, do not mutate)."""
    return _read(area, stem)[1]


def header(area, stem):
    """The header of a golden file: format, generator, versions."""
    return _read(area, stem)[0]


def path(area, name):
    """The path of a file under tests/golden/<area> (e.g. a probe script tests run)."""
    return os.path.join(GOLDEN, area, name)


@functools.lru_cache(maxsize=None)
def generator(area, stem):
    """The generator module tests/golden/<area>/gen_<stem>.py, for tests that run its case
    functions with flowgrad (its folder goes first on sys.path while it is imported)."""
    here = os.path.join(GOLDEN, area)
    spec = importlib.util.spec_from_file_location(
        "golden_%s_gen_%s" % (area.replace("/", "_"), stem), os.path.join(here, "gen_%s.py" % stem))
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, here)
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(here)
    return mod


_CASES = {}


def flowgrad_cases(area, stem, tf):
    """The generator's cases(tf) run once under flowgrad (tf), shared by a module's
    parametrized tests that compare them key by key with the golden."""
    if (area, stem) not in _CASES:
        _CASES[area, stem] = generator(area, stem).cases(tf)
    return _CASES[area, stem]


_RUN_ON = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
out = goldens.generator({area!r}, {stem!r}).cases(tf)
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


def flowgrad_cases_on(area, stem, cpu, timeout=900):
    """The generator's cases(tf) run by flowgrad in a process with FLOWGRAD_CPU=cpu (the
    vendor whose host made the golden: Eigen's cache sizes are read when the kernels'
    modules load; the suite pins amd, conftest.py). The cases come back through a pickle
    file (the generator may print: Keras' fit)."""
    import pickle
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "cases.pkl")
        code = _RUN_ON.format(tests=os.path.dirname(os.path.abspath(__file__)),
                              golden=GOLDEN, area=area, stem=stem, path=path)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "FLOWGRAD_CPU": cpu}, timeout=timeout)
        assert out.returncode == 0, out.stderr[-3000:]
        with open(path, "rb") as f:
            return pickle.load(f)


def _first(message):
    """The first line, without the constant-input suffix TF's shape errors add (flowgrad's
    graph reports the input shapes only)."""
    return message.split("\n")[0].split(" and with input tensors computed as partial")[0] \
        .rstrip(".")


def same_sparse(got, exp, path="", rtol=1e-9, atol=1e-12):
    """got (flowgrad) against exp (a decoded golden): errors by class and first line, dicts,
    namedtuples, IndexedSlices (TF's, or flowgrad's dense aggregate), arrays by dtype/shape."""
    if isinstance(exp, GoldenError):
        assert isinstance(got, BaseException), f"{path}: expected {exp}, got {got!r}"
        g = GoldenError.of(got)
        assert (g.cls, _first(g.message)) == (exp.cls, _first(exp.message)), path
    elif isinstance(exp, dict):
        if hasattr(got, "_asdict"):
            got = got._asdict()
        assert sorted(got) == sorted(exp), path
        for k in exp:
            same_sparse(got[k], exp[k], f"{path}/{k}", rtol, atol)
    elif isinstance(exp, tuple) and hasattr(got, "dense_shape"):  # an IndexedSlicesValue
        same_sparse((got.values, got.indices, got.dense_shape), exp, path, rtol, atol)
    elif isinstance(exp, tuple) and len(exp) == 3 and isinstance(got, np.ndarray):
        # TF's IndexedSlices gradient, where flowgrad's aggregation gave the dense value
        dense = np.zeros(tuple(exp[2]), exp[0].dtype)
        np.add.at(dense, exp[1], exp[0])
        same_sparse(got, dense, path, rtol, atol)
    elif isinstance(exp, (list, tuple)):
        assert len(got) == len(exp), f"{path}: {got} != {exp}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same_sparse(a, b, f"{path}[{i}]", rtol, atol)
    elif isinstance(exp, (str, bytes, bool)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_allclose(got, exp, rtol=rtol, atol=atol, err_msg=path)


def same_close(got, want, where="", rtol=2e-5, atol=1e-6):
    """Nested dicts/lists/tuples of arrays and scalars: keys and lengths equal, float and
    complex arrays within rtol/atol (same shape and dtype kind), others exactly equal."""
    if isinstance(want, np.ndarray):
        got = np.asarray(got)
        assert got.shape == want.shape, where
        assert got.dtype.kind == want.dtype.kind, (where, got.dtype, want.dtype)
        if want.dtype.kind in "fc":
            np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=where)
        else:
            np.testing.assert_array_equal(got, want, err_msg=where)
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            same_close(got[k], want[k], where + "/" + k, rtol, atol)
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), (where, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            same_close(g, w, "%s[%d]" % (where, i), rtol, atol)
    else:
        assert got == want, (where, got, want)


# NumPy 1.x (CI's NumPy 1.25 leg) rounds some float log / exp / pow values otherwise than
# NumPy 2 and gives some NaNs the other sign: bit-for-bit goldens made with NumPy 2 are
# compared there within a few ulp (same_bits: 8, a KL of a few such ops differs by 4)
NUMPY1 = np.lib.NumpyVersion(np.__version__) < "2.0.0"
# ... and NumPy 1.25 on an AVX512 host (this Intel Xeon) computes float64 log / exp / tanh
# with its SVML loops, a quarter of the values a last bit off libm's (NumPy 2: libm's in all
# but a few): a script whose printed float64 values come through NumPy's ufuncs (its own
# code, a library's such as keras_preprocessing's tf-idf, flowgrad's float64 kernels that
# call them) prints other last digits there: such a script case is skipped where
# NUMPY1_SVML (tests' svml_skip marks)
def _avx512f():
    try:
        from numpy.core._multiarray_umath import __cpu_features__ as feats
    except ImportError:
        return False
    return bool(feats.get("AVX512F"))


NUMPY1_SVML = NUMPY1 and _avx512f()


def _sgemm_sequential():
    """Whether NumPy's float32 GEMM of a column-major x adds each output's products by one
    fused multiply-add after the other from 0 (as MKL-DNN's sgemm within a depth block),
    the property flowgrad's float32 contractions rely on (engine/ops/fused_matmul.py), for
    shapes whose depth OpenBLAS blocks or whose rows its small kernels take."""
    rng = np.random.RandomState(0)
    for m, n, k in ((64, 64, 384), (100, 33, 384), (2, 2, 384), (5, 16, 16), (5, 16, 31)):
        x = np.asfortranarray(rng.randn(m, k).astype(np.float32))
        y = rng.randn(k, n).astype(np.float32)
        if not np.array_equal(np.matmul(x, y), fma_matmul(x, y)):
            return False
    return True


# The goldens of TF's threaded contraction bits need that property of the loaded BLAS. The
# OpenBLAS kernels of the newest NumPy wheels on AVX-512 hosts have it (SkylakeX, Cooperlake);
# NumPy 1.25's OpenBLAS 0.3.23 picks its Cooperlake kernels on an AMD EPYC (Zen 4), which
# block a depth of 384 otherwise (3 of 504 shapes), and the AVX2 kernels (Haswell, Zen:
# OPENBLAS_CORETYPE) differ on 147 of those 504 shapes. Those tests skip where it fails
# (the README's matrix note); a leg on an AVX-512 host with the newest NumPy checks them.
SGEMM_SEQUENTIAL = _sgemm_sequential()
SGEMM_SEQUENTIAL_SKIP = pytest.mark.skipif(
    not SGEMM_SEQUENTIAL, reason="the loaded BLAS's float32 GEMM does not add each output's "
    "products one after the other (goldens.SGEMM_SEQUENTIAL)")


def same_bits(got, exp, path="", ulps=8):
    """same_exact on NumPy 2; on NumPy 1.x, float arrays and scalars within `ulps` (NaN where
    NaN, whatever its sign), the rest exact."""
    if not NUMPY1:
        return same_exact(got, exp, path)
    if isinstance(exp, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(exp), f"{path}: {got!r}"
        for k in exp:
            same_bits(got[k], exp[k], f"{path}/{k}", ulps)
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), f"{path}: {got!r}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same_bits(a, b, f"{path}[{i}]", ulps)
    elif isinstance(exp, (np.ndarray, np.floating)) and np.asarray(exp).dtype.kind == "f":
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, path
        nan = np.isnan(exp)
        np.testing.assert_array_equal(np.isnan(got), nan, err_msg=path)
        zero = exp.dtype.type(0)
        np.testing.assert_array_max_ulp(np.where(nan, zero, got).astype(exp.dtype),
                                        np.where(nan, zero, exp).astype(exp.dtype), ulps)
    else:
        same_exact(got, exp, path)


def same_exact(got, exp, path=""):
    """got == exp exactly: dicts, lists/tuples, arrays (dtype, shape, values), errors by class
    and first line, scalars."""
    if isinstance(exp, GoldenError):
        assert isinstance(got, BaseException), f"{path}: expected {exp}, got {got!r}"
        g = GoldenError.of(got)
        assert (g.cls, _first(g.message)) == (exp.cls, _first(exp.message)), path
    elif isinstance(exp, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(exp), f"{path}: {got!r}"
        for k in exp:
            same_exact(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), f"{path}: {got!r}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same_exact(a, b, f"{path}[{i}]")
    elif isinstance(exp, np.ndarray):
        got = np.asarray(got)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_array_equal(got, exp, err_msg=path)
    else:
        assert type(got) is type(exp) or isinstance(exp, (int, float)) and \
            isinstance(got, (int, float, np.number)), f"{path}: {got!r} != {exp!r}"
        assert got == exp, f"{path}: {got!r} != {exp!r}"


def same_values(got, exp, path="."):
    """got == exp exactly: dicts (same keys), lists/tuples (same length), str/bytes/bool/None
    by ==, anything else as arrays of the same dtype, shape and values."""
    if isinstance(exp, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(exp), (path, got, exp)
        for k in exp:
            same_values(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (x, y) in enumerate(zip(got, exp)):
            same_values(x, y, f"{path}[{i}]")
    elif isinstance(exp, (str, bytes, bool)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, (path, got, exp)
        np.testing.assert_array_equal(got, exp, err_msg=path)
