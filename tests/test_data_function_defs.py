"""tf.data's traced functions in a GraphDef as TF 1.14 writes them (tests/golden/data/
gen_pdsfn_functions.py): the library's FunctionDefs (signature, node_def, ret,
control_ret, arg_attr; a MetaGraph's `_output_shapes` and `_input_shapes`) and the
dataset ops' func attrs naming them, node for node; and TF's serialized pipelines
imported (import_graph_def, import_meta_graph), their functions (a one-shot iterator's
_make_dataset too) rebuilt from the library, yielding TF's elements."""
import base64
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pdsfn_functions")
GOLD = load("data", "pdsfn_functions")

# TF names a traced function after its process-wide ops.uid() count
# (__inference_Dataset_map_<lambda>_42), and lists a library in the hash order of those
# names: the numbers depend on all a process made before (here, the tests that ran
# first), so the functions are compared by name, their numbers renumbered 1, 2, ... in
# order (a fresh process gives TF's own numbers: test_function_numbers_in_fresh_process)
_UID = re.compile(r"(__inference_\S*?)_(\d+)\b")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (the FunctionDefs hold no float bits of TF's kernels)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def _numbered_apart(written):
    """`written` without its process-wide numbers: each function's renumbered, a py_func's
    token (pyfunc_<n> of TF's FuncRegistry) left out; the library sorted by name."""
    text = json.dumps(written)
    rank = {n: i + 1 for i, n in enumerate(sorted({int(m.group(2))
                                                  for m in _UID.finditer(text)}))}
    out = json.loads(_UID.sub(lambda m: f"{m.group(1)}_{rank[int(m.group(2))]}", text))
    out["library"].sort(key=lambda f: f["signature"]["name"])
    for f in out["library"]:
        for node in f.get("nodeDef", ()):
            if node["op"] == "PyFunc":
                token = base64.b64decode(node["attr"]["token"]["s"])
                assert re.fullmatch(rb"pyfunc_\d+", token), token
                node["attr"]["token"]["s"] = "pyfunc_N"
    return out


@pytest.mark.parametrize("how", ["graph_def", "meta_graph"])
@pytest.mark.parametrize("name", sorted(G.PIPELINES))
def test_functions_as_tf(name, how):
    got = G.build(tf, G.PIPELINES[name])[how]
    assert _numbered_apart(got) == _numbered_apart(GOLD[name][how])


_FACTORY = re.compile(r"_make_dataset_[A-Za-z0-9]+")


@pytest.mark.parametrize("how", ["graph_def", "meta_graph"])
@pytest.mark.parametrize("name", sorted(G.FACTORIES))
def test_one_shot_factory_as_tf(name, how):
    # TF's _make_dataset Defun; its name is its FunctionDefHash, which holds the numbered
    # names of the traced functions its nodes run: compared where it runs none
    got = G.build_one_shot(tf, G.FACTORIES[name])[how]
    want = GOLD["factory/" + name][how]
    if any(f["signature"]["name"].startswith("__inference_") for f in want["library"]):
        got, want = (json.loads(_FACTORY.sub("_make_dataset_H", json.dumps(w)))
                     for w in (got, want))
    assert _numbered_apart(got) == _numbered_apart(want)


def test_function_names_count_up():
    # each traced function its own number, as TF's ops.uid() gives
    first = G.build(tf, G.PIPELINES["interleave_map"])["graph_def"]["library"]
    numbers = [int(f["signature"]["name"].rsplit("_", 1)[1]) for f in first]
    assert len(set(numbers)) == 2
    again = G.build(tf, G.PIPELINES["interleave_map"])["graph_def"]["library"]
    assert min(int(f["signature"]["name"].rsplit("_", 1)[1]) for f in again) > max(numbers)


@pytest.mark.parametrize("meta", [False, True], ids=["graph_def", "meta_graph"])
@pytest.mark.parametrize("name", G.IMPORTED)
def test_tf_pipeline_imports(name, meta):
    case = GOLD["imported/" + name]
    got = G.imported_values(tf, case["meta" if meta else "pb"], meta)
    assert got == case["meta_values" if meta else "values"]


@pytest.mark.parametrize("meta", [False, True], ids=["graph_def", "meta_graph"])
@pytest.mark.parametrize("name", sorted(G.ONE_SHOT))
def test_tf_one_shot_pipeline_imports(name, meta):
    # (the OneShotIterator's dataset_factory: TF's _make_dataset function rebuilt)
    case = GOLD["one_shot/" + name]
    got = G.imported_values(tf, case["meta" if meta else "pb"], meta)
    assert got == case["meta_values" if meta else "values"]


@pytest.mark.parametrize("name", ["map_capture", "py_func"])
def test_own_pipeline_imports(name):
    # (a capture, a py_func of this process: the values of the pipeline built here; a
    # py_func's function lives as long as the graph that made it, as TF's FuncRegistry
    # holds it, so that graph is kept until the import has run)
    g = tf.Graph()
    with g.as_default():
        tf.compat.v1.data.make_initializable_iterator(G.PIPELINES[name](tf)).get_next()
    pb = g.as_graph_def().SerializeToString(deterministic=True)
    got = G.imported_values(tf, pb, False)
    del g
    assert len(got) == 5 and got[-1] == "OutOfRangeError"
    if name == "py_func":
        assert got[:4] == [[0], [1], [2], [3]]


def test_own_reduce_imports():
    with tf.Graph().as_default() as g:
        c = tf.constant(3, tf.int64)
        r = tf.data.Dataset.range(5).reduce((np.int64(0), np.int64(1)),
                                            lambda s, x: (s[0] + x * c, s[1] * 2))
        names = [t.name for t in r]
        gd = g.as_graph_def()
    assert "ReduceDataset" in [n.op for n in gd.node]
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            assert sess.run(names) == [30, 32]


def test_defun_string_const_name_as_tf():
    assert G.defun_string_const(tf) == GOLD["defun_string_const"]


@pytest.mark.parametrize("name", G.NEW_PROCESS)
def test_own_generator_pipeline_imports(name):
    # from_generator as TF builds it (a flat_map's GeneratorDataset and its init, next and
    # finalize py_func functions): its GraphDef and MetaGraph imported run in the process
    # that made them (TF's elements), the graph kept alive as its py_funcs' owner
    g = tf.Graph()
    with g.as_default():
        tf.compat.v1.data.make_initializable_iterator(G.PIPELINES[name](tf)).get_next()
    pb = g.as_graph_def().SerializeToString(deterministic=True)
    meta = tf.train.export_meta_graph(graph=g).SerializeToString(deterministic=True)
    case = GOLD["new_process/" + name]
    assert G.imported_values(tf, pb, False) == case["values"]
    assert G.imported_values(tf, meta, True) == case["meta_values"]
    del g


def test_tf_generator_pipeline_in_new_process(tmp_path):
    # TF's from_generator GraphDef imported in a process of its own: its py_func tokens name
    # no function there, TF's InvalidArgumentError (not a missing-attrs import error)
    case = GOLD["new_process/from_generator_args"]
    got = G.imported_in_new_process(tf, case["pb"], str(tmp_path / "g.pb"))
    assert got == case["new_process"]


_FRESH = """
import json, sys
sys.path[:0] = [{tests!r}]
import flowgrad as tf
from goldens import generator
G = generator("data", "pdsfn_functions")
tf.reset_default_graph()
print(json.dumps({{n: G.build(tf, G.PIPELINES[n]) for n in sorted(G.PIPELINES)}}))
"""


def test_function_numbers_in_fresh_process():
    # TF's ops.uid() is taken by each Tensor and Graph made and by each traced function's
    # name (and its outputs' Identities): a process of its own building the generator's
    # pipelines in its order names each function, and each py_func token, as TF's, and
    # lists the library in TF's order (its FlatMap's, of those names)
    tests = os.path.dirname(os.path.abspath(__file__))
    p = subprocess.run([sys.executable, "-c", _FRESH.format(tests=tests)], env=os.environ,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    got = json.loads(p.stdout)
    for name in sorted(G.PIPELINES):
        for how in ("graph_def", "meta_graph"):
            mine, tfs = got[name][how], GOLD[name][how]
            assert mine == tfs, (name, how)   # (the library in TF's order too)
