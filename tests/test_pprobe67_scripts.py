"""The probe programs of tests/pprobe67_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe67_scripts.py): whole seeded TF1 programs of sparse tensors:
a fed tf.sparse_placeholder through the tf.sparse ops, a sparse linear model on
sparse_tensor_dense_matmul (adjoints, gradients) and sparse_matmul, embedding_lookup_sparse
and the sparse segment ops with optimizers' sparse updates, scatter_nd / tensor_scatter /
variable scatter ops, and the errors for unsorted and out-of-range indices.
On the base commit four differed: sparse_feed_ops.py (tf.sparse.transpose's static shape of a
fed SparseTensor), sparse_errors.py (SparseReduceSum of an index out of its shape, SparseAdd
of unsorted indices, to_indicator's out-of-range message), scatter_ops.py and
sparse_matmul_linear.py (the last bit of a gradient sum: Grappler's constant folding of
TensorScatterUpdate, and its refusal of Sparse* ops); embedding_sparse_train.py matched and
stays as a regression guard (tests/test_sparse_probe67.py has the focused cases)."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe67_scripts")
GOLD = load("seeded", "pprobe67_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
