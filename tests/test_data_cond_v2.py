"""tf.cond inside tf.data functions builds TF 1.14's cond_v2 (tests/golden/data/
gen_pdsif_functions.py): an If op and its Identities in the function, each branch a
FunctionDef of the library (cond_true_<uid> / cond_false_<uid>, TF's argument, output and
node names, automatic control dependencies), in as_graph_def and export_meta_graph, the
If's inputs compared in a canonical order (TF's is a Python set's); TF's elements."""
import base64
import json
import os
import re
import subprocess
import sys

import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pdsif_functions")
GOLD = load("data", "pdsif_functions")

_NUMBERED = re.compile(r"^(.*)_(\d+)$")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (the FunctionDefs hold no float bits of TF's kernels)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def _numbered_apart(written):
    """`written` with its functions' process-wide numbers (TF's ops.uid()) renumbered
    1, 2, ... in order, the library sorted by name, a py_func's token left out."""
    names = [f["signature"]["name"] for f in written["library"]]
    rank = {n: i + 1 for i, n in enumerate(sorted({int(_NUMBERED.match(m).group(2))
                                                   for m in names}))}
    text = json.dumps(written)
    for n in names:
        base, k = _NUMBERED.match(n).groups()
        text = text.replace(f'"{n}"', f'"{base}_{rank[int(k)]}"')
    out = json.loads(text)
    out["library"].sort(key=lambda f: f["signature"]["name"])
    for f in out["library"]:   # (a py_func's token: pyfunc_<n> of the process's registry)
        for node in f.get("nodeDef", ()):
            if node["op"] == "PyFunc":
                token = base64.b64decode(node["attr"]["token"]["s"])
                assert re.fullmatch(rb"pyfunc_\d+", token), token
                node["attr"]["token"]["s"] = "pyfunc_N"
    return out


@pytest.mark.parametrize("name", sorted(G.PIPELINES))
def test_if_pipeline_as_tf(name):
    # its functions written (as_graph_def, export_meta_graph) as TF's; the If runs the
    # taken branch: TF's elements
    assert GOLD["host"] == "intel"
    got = G.build(tf, G.PIPELINES[name])
    for how in ("graph_def", "meta_graph"):
        assert _numbered_apart(got[how]) == _numbered_apart(GOLD[name][how]), how
    assert G.elements(tf, G.PIPELINES[name]) == GOLD["elements/" + name]


def test_gradient_through_if_written_and_imported():
    # the gradient of an If is an If (of the branches' gradient functions); the GraphDef
    # written holds both and, imported, yields TF's elements
    g = tf.Graph()
    with g.as_default():
        it = tf.compat.v1.data.make_initializable_iterator(G._grad(tf))
        it.get_next()
        gd = g.as_graph_def()
    ifs = [n for f in gd.library.function for n in f.node_def if n.op == "If"]
    assert len(ifs) == 2
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            sess.run("MakeIterator")
            got = [[sess.run("IteratorGetNext:0").tolist()] for _ in range(4)]
    assert got == GOLD["elements/grad"]


def test_if_in_function_graph():
    # the function's graph: If (named after the scope), its Identity, no Switch or Merge
    with tf.Graph().as_default():
        c = tf.constant(3, tf.int64)
        seen = []

        def f(x):
            y = tf.cond(x > 1, lambda: x * c, lambda: x - 1)
            seen.append([(op.name, op.type) for op in y.graph.get_operations()])
            return y
        tf.data.Dataset.range(3).map(f)
    assert seen[0][-3:] == [("cond/Placeholder", "Placeholder"), ("cond", "If"),
                            ("cond/Identity", "Identity")]
    assert not any(t in ("Switch", "Merge") for _, t in seen[0])


def test_cond_v2_errors_as_tf():
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="pred must not be a Python bool"):
            tf.data.Dataset.range(3).map(lambda x: tf.cond(True, lambda: x, lambda: x))
        with pytest.raises(TypeError, match="true_fn and false_fn arguments to tf.cond must "
                                            "have the same number, type"):
            tf.data.Dataset.range(3).map(
                lambda x: tf.cond(x > 1, lambda: x, lambda: tf.cast(x, tf.float32)))


_FRESH = """
import json, sys
sys.path[:0] = [{tests!r}]
import flowgrad as tf
from goldens import generator
G = generator("data", "pdsif_functions")
tf.reset_default_graph()
print(json.dumps(G.fresh(tf)))
"""


def test_function_numbers_in_fresh_process():
    # both branches' numbers taken before either is traced, then each tensor and graph
    # made takes one (TF's ops.uid()): a process of its own names each function as TF
    # and lists the library in TF's order; a one-shot iterator's _make_dataset factory
    # whose dataset ops name traced functions is named as TF's (its FunctionDefHash
    # hashes a func attr by its name and attrs)
    tests = os.path.dirname(os.path.abspath(__file__))
    p = subprocess.run([sys.executable, "-c", _FRESH.format(tests=tests)], env=os.environ,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    got = json.loads(p.stdout)
    for name in sorted(G.PIPELINES):
        for how in ("graph_def", "meta_graph"):
            assert got[name][how] == GOLD[name][how], (name, how)
    for name in sorted(G.FACTORIES):
        assert got["factory/" + name] == GOLD["factory/" + name], name
