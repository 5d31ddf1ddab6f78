"""GraphDefs of tf.data pipelines as TF 1.14 writes them (tests/golden/data/
gen_pdsdefs_graphdefs.py), node for node: op, inputs in order, every attr with the OpDef's
defaults (op_defs.json holds the dataset ops' OpDefs), from as_graph_def and
export_meta_graph; and a pipeline of tf.raw_ops dataset calls, with its values."""
import json
import os
import re
import subprocess
import sys

import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pdsdefs_graphdefs")
GOLD = load("data", "pdsdefs_graphdefs")
CASES = sorted(G.PIPELINES) + ["raw_ops"]


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (the GraphDefs hold no float bits of TF's kernels)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def _build(name):
    return G.raw_pipeline if name == "raw_ops" else G.PIPELINES[name]


# TF names a traced function after its process-wide ops.uid() count
# (__inference_Dataset_map_<lambda>_149), and a one-shot iterator's _make_dataset function
# after its FunctionDefHash, which holds those names: flowgrad's numbers are its own
_UID = re.compile(r"(__inference_\S*?)_\d+\b")
_FACTORY = re.compile(r"_make_dataset_[A-Za-z0-9]+")


def _numbered_apart(written):
    """The nodes and library names with each traced function's number and each
    _make_dataset function's hash left out (tests/test_data_function_defs.py compares the
    functions themselves)."""
    text = _FACTORY.sub("_make_dataset_H", _UID.sub(r"\1_N", json.dumps(written)))
    out = json.loads(text)
    return out["nodes"], sorted(out["library"])


@pytest.mark.parametrize("how", ["graph_def", "meta_graph"])
@pytest.mark.parametrize("name", CASES)
def test_pipeline_graph_def_as_tf(name, how):
    got = G.graph_defs(tf, _build(name))
    want = GOLD[name]
    assert _numbered_apart(got[how]) == _numbered_apart(want[how])
    if name == "raw_ops":
        assert got["values"] == want["values"]


def test_tf_pipeline_graph_def_imports_before_tf_data_loads():
    # (a process of its own: tf.data's ops register when tf.data loads; importing a
    # GraphDef that names them loads it)
    tests = os.path.dirname(os.path.abspath(__file__))
    code = ("import sys, flowgrad as tf\n"
            "from goldens import generator, load\n"
            "assert 'flowgrad.data' not in sys.modules\n"
            "G = generator('data', 'pdsdefs_graphdefs')\n"
            "print(G.imported_values(tf, load('data', 'pdsdefs_graphdefs')['imported/pb']))")
    env = dict(os.environ, FLOWGRAD_CPU="intel", PYTHONPATH=os.pathsep.join(
        [os.path.dirname(os.path.dirname(os.path.abspath(tf.__file__))), tests,
         os.path.join(tests, "golden")]))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == repr(GOLD["imported/values"])
