"""tf.cond (tf.case, nested conds, a while loop in a branch) inside tf.data functions, as
TF 1.14 runs them (tests/golden/data/gen_pdscond_values.py): Dataset.map / filter /
flat_map / interleave and scan, whose branches read tensors and variables captured from
outside the function, and seeded random ops in a branch."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pdscond_values")
GOLD = load("data", "pdscond_values")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (integer and Philox values: no host arithmetic)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


@pytest.mark.parametrize("case", G.CASES, ids=lambda f: f.__name__)
def test_elements_as_tf(case):
    with tf.Graph().as_default():
        got = case(tf)
    assert GOLD["host"] == "intel"
    want = GOLD[case.__name__]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        g = g if isinstance(g, tuple) else (g,)
        w = w if isinstance(w, tuple) else (w,)
        for a, b in zip(g, w):
            a = np.asarray(a)
            assert a.dtype == b.dtype and a.shape == b.shape
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", sorted(G.IMPORTED))
def test_tf_if_pipeline_imports(name):
    # TF 1.14's cond_v2 in a GraphDef: an If op whose then/else branches are FunctionDefs
    # of the library; imported, it yields TF's elements, and the graph written again holds
    # TF's branch functions (a nested If's control output too); its iterator saves unless
    # a branch runs a stateful op (TF lowers the If before it checks)
    case = GOLD["imported/" + name]
    values, branches, saved = G.imported_values(tf, G.read_pb(name))
    assert values == case["values"]
    assert branches == case["branches"]
    assert saved == case["saved"]


def test_tf_graph_if_imports_runs_and_differentiates():
    # an If in the graph itself (TF's control flow v2): imported, it runs the taken
    # branch, its gradient (an If of the branches' gradients) gives TF's bits, and the
    # graph written again holds TF's branch functions
    case = GOLD["graph_if"]
    gd = tf.GraphDef()
    gd.ParseFromString(G.read_pb("graph_if"))
    got = G.graph_if(tf, gd)
    assert got["library"] == case["library"]
    for (o, d), (want_o, want_d) in zip(got["values"], case["values"]):
        np.testing.assert_array_equal(o, want_o)
        np.testing.assert_array_equal(d, want_d)
