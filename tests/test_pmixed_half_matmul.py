"""float16 MatMul as TF 1.14's kernel adds, bit for bit (tests/golden/math/
gen_pmixed_half_matmul.py): the products' kernels and a master-weights training run."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("math", "pmixed_half_matmul")
GOLD = load("math", "pmixed_half_matmul")


def _same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), np.flatnonzero(got != want)[:10]


@pytest.fixture(scope="module")
def products():
    return GEN.products(tf)


@pytest.mark.parametrize("case", sorted(GOLD["products"]))
def test_half_matmul_bits(products, case):
    (op, got), (want_op, want) = products[case], GOLD["products"][case]
    assert op == want_op == "MatMul"
    _same(got, want)


@pytest.fixture(scope="module")
def batch_products():
    return GEN.batch_products(tf)


@pytest.mark.parametrize("case", sorted(GOLD["batch_products"]))
def test_half_batch_matmul_bits(batch_products, case):
    (op, got), (want_op, want) = batch_products[case], GOLD["batch_products"][case]
    assert op == want_op == "BatchMatMulV2"
    _same(got, want)


def test_half_matmul_master_weights():
    got, want = GEN.master_weights(tf), GOLD["master_weights"]
    assert got["grad_dtypes"] == want["grad_dtypes"]
    for a, b in zip(got["losses"], want["losses"]):
        _same(a, b)
    assert sorted(got["weights"]) == sorted(want["weights"])
    for name in want["weights"]:
        _same(got["weights"][name], want["weights"][name])
    _same(got["logits"], want["logits"])


def test_half_matmul_numpy_order_differs():
    """The emulation is not NumPy's float16 matmul (which adds in float32)."""
    a, b = GEN.operands((8, 400, 130), 0)
    with tf.Session() as s:
        got = s.run(tf.matmul(a, b))
    assert not np.array_equal(got, a @ b)
