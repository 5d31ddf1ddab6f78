"""Binary element-wise ops on RaggedTensors as TF 1.14 dispatches them, broadcasting through
RaggedTensorDynamicShape (tests/golden/array/gen_pragged52_binary.py): the values, the ops
built, the static shapes, TF's run-time assertion errors and build errors; tf.add_n of
RaggedTensors."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("array", "pragged52_binary")
GEN = goldens.generator("array", "pragged52_binary")


@pytest.fixture(autouse=True)
def _host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])   # (the golden's; nothing here uses it)


@pytest.mark.parametrize("name", [name for name, _ in GEN.CASES])
def test_binary_op_is_tfs(name):
    assert GEN.case(tf, name, dict(GEN.CASES)[name]) == GOLDEN[name]


def test_fed_splits_and_asserts():
    assert GEN.fed(tf) == GOLDEN["fed"]


def test_build_errors_are_tfs():
    assert GEN.build_errors(tf) == GOLDEN["build_errors"]
