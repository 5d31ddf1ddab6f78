"""gemm.accumulate: out += a @ b with the bits of np.add(out, a @ b, out=out)."""
import numpy as np
import pytest

from flowgrad.engine.framework import gemm


def _operand(rng, shape, dt, layout):
    if layout == "c":
        return rng.standard_normal(shape).astype(dt)
    if layout == "t":   # a transposed C array (F-contiguous)
        return rng.standard_normal(shape[::-1]).astype(dt).T
    wide = rng.standard_normal((shape[0], shape[1] + 3)).astype(dt)
    return wide[:, 2:2 + shape[1]]   # rows with a stride


@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("mkn", [(512, 32, 1024), (7, 5, 3), (1, 1, 1), (64, 256, 48),
                                 (40, 300, 24)])
@pytest.mark.parametrize("la,lb", [("c", "c"), ("t", "c"), ("c", "t"), ("t", "t"), ("s", "c"),
                                   ("c", "s")])
def test_same_bits_as_product_then_add(dt, mkn, la, lb):
    m, k, n = mkn
    rng = np.random.RandomState(m * 7 + k)
    a, b = _operand(rng, (m, k), dt, la), _operand(rng, (k, n), dt, lb)
    out = rng.standard_normal((m, n)).astype(dt)
    want = np.add(out, np.matmul(a, b))
    for _ in range(3):   # a running sum, as a loop's gradient
        got = gemm.accumulate(out, a, b)
        assert got is out
        assert np.array_equal(want.view(np.uint8), out.view(np.uint8))
        want = np.add(want, np.matmul(a, b))


def test_blas_path_taken_for_a_loop_kernel_gradient_shape():
    if gemm._function("f") is None:
        pytest.skip("NumPy's BLAS here is not an OpenBLAS with cblas symbols")
    rng = np.random.RandomState(0)
    a = rng.standard_normal((32, 512)).astype(np.float32).T
    b = rng.standard_normal((32, 1024)).astype(np.float32)
    out = np.zeros((512, 1024), np.float32)
    gemm.accumulate(out, a, b)
    assert gemm._checked[("f", 512, 1024, 32, gemm._TRANS, gemm._NO_TRANS)] is True


@pytest.mark.parametrize("case", ["float16", "int32", "complex64", "big_k", "alias", "f_out",
                                  "mixed"])
def test_other_operands_fall_back_to_product_then_add(case):
    rng = np.random.RandomState(1)
    dt = {"float16": np.float16, "int32": np.int32, "complex64": np.complex64}.get(case, np.float32)
    k = 300 if case == "big_k" else 8
    a = (rng.standard_normal((6, k)) * 4).astype(dt)
    b = (rng.standard_normal((k, 5)) * 4).astype(dt)
    out = (rng.standard_normal((6, 5)) * 4).astype(dt)
    if case == "mixed":
        b = b.astype(np.float64)
    if case == "f_out":
        out = np.asfortranarray(out)
    if case == "alias":
        big = rng.standard_normal((6, 6)).astype(dt)
        out, a, b = big[:, :5], big[:, :1], rng.standard_normal((1, 5)).astype(dt)
        out = np.ascontiguousarray(out)
        a = out[:, :1]
    want = np.add(out, np.matmul(a, b), out=out.copy())
    gemm.accumulate(out, a, b)
    np.testing.assert_array_equal(out, want)
