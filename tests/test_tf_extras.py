"""tf.make_tensor_proto / make_ndarray / get_static_value and the small functions of
ops/math_extras.py against TF 1.14 (golden/checks/gen_extras.py): protos byte for byte,
ops, values and the op count."""
import pytest

import flowgrad as tf
from goldens import generator, load

pytest.importorskip("tensorboard")
GEN = generator("checks", "extras")
G = load("checks", "extras")


@pytest.mark.parametrize("key", sorted(GEN.PROTOS))
def test_make_tensor_proto_as_tf(key):
    got = GEN.case_protos(tf)[key]
    want = G["protos"][key]
    if isinstance(want, list):          # TF's error: the same class
        assert isinstance(got, list) and got[0] == want[0], (got, want)
    else:
        assert got == want


def test_small_functions_as_tf():
    got, want = GEN.case_ops(tf), G["ops"]
    for key in ("ops", "names", "init", "cti", "values", "random", "static", "errors"):
        assert got[key] == want[key], key


def test_graph_protos_are_tensorboards():
    gd = tf.GraphDef()
    gd.node.add(name="a", op="NoOp")
    assert tf.GraphDef.FromString(gd.SerializeToString()).node[0].name == "a"
    assert tf.MetaGraphDef().meta_info_def.tags == []
    assert tf.AttrValue(i=3).i == 3 and tf.NodeDef(name="n").name == "n"
    assert tf.TensorInfo(name="x:0").name == "x:0" and tf.NameAttrList(name="f").name == "f"
    assert tf.OpError is tf.errors.OpError
