"""The probe programs of tests/pprobe49_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe49_scripts.py): whole seeded TF1 programs of session
configuration idioms: intra/inter_op_parallelism_threads on MatMul / Conv2D training (the
first session sizes TF's CPU device pool), OptimizerOptions / rewrite_options, gpu_options
set after construction, RunOptions, list_devices, and session_config through
MonitoredTrainingSession, tf.estimator.RunConfig and Keras's set_session."""

import os

import pytest

import goldens
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe49_scripts")
GOLD = load("seeded", "pprobe49_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "constant_fold_threads.py":
        "with Grappler's constant folding off (rewrite_options.constant_folding OFF or "
        "disable_meta_optimizer) TF 1.14's classic graph optimizer (OptimizerOptions L1, "
        "do_constant_folding) still folds the constant Sum / MatMul, evaluating them on one "
        "thread (GraphRunner's own CPU device): the 1-thread bits, where flowgrad, which "
        "models no L1 folding (engine/optimize options_from_config), runs them on the "
        "session's 2-thread pool",
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])
    # as TF without it: the first session of a process sizes the CPU device's intra-op
    # pool (conftest.py sets it for the in-process tests)
    monkeypatch.delenv("TF_OVERRIDE_GLOBAL_THREADPOOL", raising=False)


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


# the MatMul bits of a sharded contraction (goldens.SGEMM_SEQUENTIAL)
SHARDED = {"intra_op_first_session.py"}


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else pytest.param(s, marks=goldens.SGEMM_SEQUENTIAL_SKIP) if s in SHARDED
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
