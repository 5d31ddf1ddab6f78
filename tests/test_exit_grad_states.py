"""tf.gradients with a tf.while_loop's Exit among its xs (no gradient into the loop) makes
TF 1.14's GradLoopState counters, and the zeros and b_exit Enter of the loop's unused float
Exits: the ops' names, types and inputs in order, the GraphDef nodes (frame names, control
inputs), the values and a later graph-seeded random op (golden gradients/exit_grad_states,
made on an Intel Xeon)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("gradients", "exit_grad_states")
GEN = generator("gradients", "exit_grad_states")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("build", GEN.CASES, ids=lambda f: f.__name__)
def test_ops_nodes_and_values(build):
    got, want = GEN.run(tf, build), GOLD[build.__name__]
    assert got["ops"] == want["ops"]
    assert got["nodes"] == want["nodes"]
    assert got["none"] == want["none"]
    assert got["values"] == want["values"]
