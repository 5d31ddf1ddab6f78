"""The graph of object-based restores in graph mode against TF 1.14
(tests/golden/ckpt/gen_restore_graph.py): Checkpoint.restore's ops at restore() (the
file-prefix Const, per variable RestoreV2 / Identity / AssignVariableOp or Assign,
save_counter), nothing new on a second restore, restores deferred until an attribute,
Adam's slots, a Keras layer or a Keras optimizer's state is made, load_weights streamed to
the session, the status assertions' text, tf.train.Saver reading an object-based
checkpoint; op by op (name, type, inputs, device, control inputs).

The golden comes from an Intel Xeon; only the Keras Adam steps' float32 bits depend on
the CPU vendor: that case runs in a process with FLOWGRAD_CPU=intel (the suite pins amd,
conftest.py, and the kernels read it when they load)."""
import os
import pickle
import subprocess
import sys

import pytest

from goldens import generator, load
from test_data import _same

import flowgrad as tf

G = generator("ckpt", "restore_graph")
GOLD = load("ckpt", "restore_graph")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
out = goldens.generator("ckpt", "restore_graph").{case}(tf)
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


def _case_in_a_process(cpu, case, tmp_path):
    """The generator's `case` run by flowgrad in a fresh process with FLOWGRAD_CPU=cpu."""
    path = str(tmp_path / "out.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), case=case, path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": cpu}, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


@pytest.mark.parametrize("case", ["checkpoint_restore", "adam_slots", "keras_built",
                                  "keras_unbuilt", "saver_object_ckpt", "shape_mismatch",
                                  "keras_optimizer", "name_based"])
def test_restore_graph_as_tf(case, tmp_path):
    assert GOLD["host"] == "intel"
    got = (_case_in_a_process("intel", case, tmp_path) if case == "keras_optimizer"
           else getattr(G, case)(tf))
    want = GOLD[case]
    assert [step[0] for step in got] == [step[0] for step in want]
    for g, w in zip(got, want):
        _same(g, w)
