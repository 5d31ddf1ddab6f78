"""The probe programs of tests/pprobe71_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe71_scripts.py): whole seeded TF1 programs of normalization
and regularization: contrib layer_norm / instance_norm / group_norm, tf.layers
batch_normalization (fused, renorm, virtual_batch_size, UPDATE_OPS), the tf.nn moments and
batch-norm primitives with LRN, weight regularizers and constraints, and dropout variants
(noise_shape, alpha_dropout), with the errors TF raises. On the base commit
batch_norm_renorm.py and regularizers_constraints.py matched TF (regression guards);
dropout_variants.py (the float-dtype error's message), moments_and_nn_norm.py
(fused_batch_norm's mean / variance check with is_training=True) and
layer_group_instance_norm.py (instance_norm's IndexError for an input of rank below 2)
differed and were fixed."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe71_scripts")
GOLD = load("seeded", "pprobe71_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) follow the host's Eigen kernels (engine/ops/host_cpu.py)
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
