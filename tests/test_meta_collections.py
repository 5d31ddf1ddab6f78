"""The collections of a TF-written .meta (tests/golden/ckpt/gen_tf_control_flow_meta.py):
flowgrad reads every kind (node_list, bytes_list, int64_list, any_list; variables, queue
runners, cond_context / while_context: TF's CondContext / WhileContext objects); the
graph of TF's Switch/Merge control flow imports and runs
(tests/test_tf_frames.py compares values with TF's)."""
import logging

import numpy as np

import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
from flowgrad.engine.framework import meta_graph  # noqa: E402

G = load("ckpt", "tf_control_flow_meta")


def test_every_collection_kind_is_read(caplog):
    assert G["kinds"]["my_any"] == "any_list" and G["kinds"]["cond_context"] == "bytes_list"
    mg = meta_graph.parse_tf_meta_graph(G["meta"])
    with caplog.at_level(logging.WARNING):
        doc = meta_graph.from_tf_meta_graph(mg)
    assert set(doc.collection_def) == set(G["kinds"])
    assert doc.collection_def["my_any"]["kind"] == "any_list"
    assert doc.collection_def["numbers"] == {"kind": "int64_list", "value": [3]}
    assert doc.collection_def["cond_context"]["kind"] == "cond_context"
    assert doc.collection_def["while_context"]["kind"] == "while_context"
    assert "Skipping collection" not in caplog.text


def test_tf_switch_merge_graph_imports_and_runs(tmp_path):
    path = tmp_path / "m.meta"
    path.write_bytes(G["meta"])
    assert "Switch" in G["op_types"] and "Merge" in G["op_types"]
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(path))
        assert g.get_operation_by_name("cond/Merge").type == "Merge"
        assert [c.name for c in tf.get_collection("cond_context")] == \
            ["cond/cond_text", "cond/cond_text_1"]
        assert [c.pivot.name for c in tf.get_collection("while_context")] == \
            ["while/LoopCond:0"]
        again = tf.train.export_meta_graph()   # written again as TF wrote them
        want = meta_graph.parse_tf_meta_graph(G["meta"])
        from flowgrad.protos import control_flow_pb2 as cf
        for key, cls in (("cond_context", cf.CondContextDef),
                         ("while_context", cf.WhileContextDef)):
            assert [str(cls.FromString(b)) for b in again.collection_def[key].bytes_list.value] \
                == [str(cls.FromString(b)) for b in want.collection_def[key].bytes_list.value]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            x = np.array([[1.0, 2.0]], np.float32)
            # cond takes matmul(x, ones) = [[3, 3]], the loop doubles it three times
            np.testing.assert_array_equal(s.run("out:0", {"x:0": x}), [[24.0, 24.0]])
            np.testing.assert_array_equal(s.run("out:0", {"x:0": -x}), [[-16.0, -24.0]])
