"""The probe programs of tests/pprobe11_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe11_scripts.py): whole seeded TF1 programs in the style of the
classic beginner collections (aymericdamien's TensorFlow-Examples, Hvass-Labs, CS20si,
nlintz's TensorFlow-Tutorials): nearest neighbour, contrib KMeans, a tf.layers CNN with
confusion matrices, Huber loss, word2vec with NCE, summaries and the projector config, a
dropout/RMSProp net, a tf.Print/tf.Assert debugging script; op counts and values bit for
bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe11_scripts")
GOLD = load("seeded", "pprobe11_scripts")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon: TF's float32 Sqrt/Rsqrt (ApplyAdam,
    # ApplyRMSProp, l2_normalize) used its RSQRTPS table, its convolutions and products
    # Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


# the programs flowgrad does not yet run to TF's output, and why
XFAIL = {
    "cond_op_types.py": "flowgrad's one-op Cond (docs/design.md, Control flow): Tensor.op "
    "and get_operation_by_name of a cond's result or tf.Assert's guard give the Cond op "
    "(type 'Cond', inputs the predicate and the captures; output k > 0 an Identity) where TF "
    "has a Merge (type 'Merge', 2 inputs); only get_operations() lists TF's Merge views",
}


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize(
    "script",
    [pytest.param(s, marks=pytest.mark.xfail(reason=XFAIL[s], strict=True)) if s in XFAIL
     else s for s in sorted(GOLD)])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


def test_tensor_forest_is_refused_naming_the_module():
    # aymericdamien's random forest: TF 1.14's tensor_forest trains differently from run to
    # run (no golden); flowgrad has no tensor_forest and says so at the import
    out = script_runner.run("run", os.path.join(HERE, "unsupported", "random_forest.py"))
    assert out.returncode != 0
    assert ("ModuleNotFoundError: flowgrad does not implement "
            "tensorflow.contrib.tensor_forest.python") in out.stderr
