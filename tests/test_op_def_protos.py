"""Operation.op_def is TF's OpDef proto (tests/golden/ckpt/gen_op_def_protos.py); an op type
TF does not have raises TF's NotFoundError for an unregistered type."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework.graph_def import op_def_proto, op_defs

gen = goldens.generator("ckpt", "op_def_protos")
GOLDEN = goldens.load("ckpt", "op_def_protos")


def test_op_def_matches_tf114():
    got = gen.cases(tf)
    assert sorted(got) == sorted(GOLDEN)
    for key in GOLDEN:
        assert got[key] == GOLDEN[key], key


def test_op_def_is_tfs_proto_class():
    with tf.Graph().as_default():
        op = tf.constant(1.0).op
        assert type(op.op_def).__name__ == "OpDef"
        assert op.op_def.name == "Const" and [a.name for a in op.op_def.attr] == ["value",
                                                                               "dtype"]


def test_every_stored_op_def_rebuilds():
    for name in op_defs():
        od = op_def_proto(name)
        assert od.name == name and od.IsInitialized()
    assert op_def_proto("NoSuchOpType") is None


def test_flowgrad_only_op_type_raises_as_tf_for_an_unregistered_type():
    """flowgrad's own op types (tf.cond's Cond, written to GraphDefs as TF's Switch/Merge)
    have no TF OpDef: op_def raises TF's NotFoundError for a type its registry lacks."""
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [])
        tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
        own = [op for op in g._flowgrad_operations() if op.type not in op_defs()]
        assert [op.type for op in own] == ["Cond"]
        with pytest.raises(tf.errors.NotFoundError, match="Op type not registered 'Cond'"):
            own[0].op_def
        assert own[0]._def.name == "Cond"   # (flowgrad's registry entry)
