"""NodeDef summaries in error messages (Tensor::DebugString of each dtype, long list attrs)
and the TensorProtos of tf.constant in GraphDefs, against TF 1.14's."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("framework", "node_summary")
GEN = generator("framework", "node_summary")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case(case):
    assert getattr(GEN, case)(tf) == GOLD[case]


def test_func_attr_summary():
    """A func attr: TF's SummarizeFunc, name[attrs sorted]; nested in a list too."""
    from flowgrad.engine.framework.node_summary import summarize_attr_value
    from flowgrad.engine.framework.proto import pb
    av = pb().attr_value_pb2.AttrValue()
    av.func.name = "f"
    av.func.attr["b"].i = 2
    av.func.attr["a"].s = b"x"
    assert summarize_attr_value(av) == 'f[a="x", b=2]'
    lst = pb().attr_value_pb2.AttrValue()
    lst.list.func.add().CopyFrom(av.func)
    lst.list.func.add().name = "g"
    assert summarize_attr_value(lst) == '[f[a="x", b=2], g[]]'
