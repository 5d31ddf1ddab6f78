"""The graph of object-based restores in graph mode against TF 1.14
(tests/golden/ckpt/gen_restore_graph.py): Checkpoint.restore's ops at restore() (the
file-prefix Const, per variable RestoreV2 / Identity / AssignVariableOp or Assign,
save_counter), nothing new on a second restore, restores deferred until an attribute,
Adam's slots or a Keras layer is made, load_weights streamed to the session, and the
status assertions' text, tf.train.Saver reading an object-based checkpoint; op by op (name, type, inputs, device, control inputs)."""
import pytest

from goldens import generator, load
from test_data import _same

import flowgrad as tf

G = generator("ckpt", "restore_graph")
GOLD = load("ckpt", "restore_graph")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (the values are restored bits, not computed on the host)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


@pytest.mark.parametrize("case", ["checkpoint_restore", "adam_slots", "keras_built",
                                  "keras_unbuilt", "saver_object_ckpt",
                                  "shape_mismatch"])
def test_restore_graph_as_tf(case):
    assert GOLD["host"] == "intel"
    got = getattr(G, case)(tf)
    want = GOLD[case]
    assert [step[0] for step in got] == [step[0] for step in want]
    for g, w in zip(got, want):
        _same(g, w)
