import os

# TF 1.14's CPU bits depend on the host CPU (engine/ops/host_cpu.py): float32 Sqrt/Rsqrt
# follow its RSQRTPS table, matrix products and convolutions the cache sizes Eigen reads;
# the goldens were made on an AMD EPYC (tests/test_rsqrtps_host.py and
# tests/test_host_caches.py check the Intel Xeon's too)
os.environ["FLOWGRAD_CPU"] = "amd"
# TF 1.14 sizes its CPU device's intra-op pool once per process, from the first session's
# config (engine/runtime/session.py: device_intra_op); the suite runs many sessions in one
# process, each test expecting its own session's intra_op_parallelism_threads, as TF with
# this variable set (reduce_order/gen_sums.py sets it too)
os.environ["TF_OVERRIDE_GLOBAL_THREADPOOL"] = "1"

import pytest  # noqa: E402

import flowgrad as tf  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")


@pytest.fixture(autouse=True)
def _fresh_graph():
    """Each test starts on an empty default graph."""
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def slow_cases(path=os.path.join(os.path.dirname(__file__), "slow_cases.txt")):
    """The module paths and test ids tests/slow_cases.txt moves to CI's slow leg."""
    with open(path) as f:
        return frozenset(line.strip() for line in f
                         if line.strip() and not line.startswith("#"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Marks `slow` what tests/slow_cases.txt names, before `-m` deselects by marker."""
    slow = slow_cases()
    for item in items:
        if item.nodeid in slow or item.nodeid.split("::")[0] in slow:
            item.add_marker(pytest.mark.slow)
