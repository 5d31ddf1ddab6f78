"""A .meta TF 1.14 wrote for a graph with tf.cond, tf.while_loop, a queue runner, a
summary and an any_list collection (tests/test_meta_collections.py): its bytes and the
kind of each collection, for what flowgrad reads from TF's collections and what it
leaves out."""
import os
import shutil
import tempfile

import numpy as np


def cases(tf):
    from google.protobuf import any_pb2
    from tensorflow.core.protobuf import meta_graph_pb2
    root = tempfile.mkdtemp()
    out = {}
    try:
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        w = tf.Variable(np.ones((2, 2), np.float32), name="w")
        y = tf.cond(tf.reduce_sum(x) > 0, lambda: tf.matmul(x, w), lambda: x - 1.0)
        _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * 2.0), [0, y])
        tf.identity(acc, name="out")
        tf.summary.scalar("s", tf.reduce_sum(acc))
        q = tf.FIFOQueue(3, tf.float32, name="q")
        tf.train.add_queue_runner(tf.train.QueueRunner(q, [q.enqueue([1.0])]))
        a = meta_graph_pb2.AssetFileDef(filename="vocab.txt")
        a.tensor_info.name = "x:0"
        packed = any_pb2.Any()
        packed.Pack(a)
        tf.add_to_collection("my_any", packed)
        tf.add_to_collection("numbers", 3)
        path = os.path.join(root, "m.meta")
        mg = tf.train.export_meta_graph(path)
        out["kinds"] = {k: v.WhichOneof("kind") for k, v in mg.collection_def.items()}
        # TF's bytes, with the attr maps in a fixed order (TF writes them in any order)
        written = meta_graph_pb2.MetaGraphDef()
        written.ParseFromString(open(path, "rb").read())
        from tensorflow.core.protobuf import control_flow_pb2
        for key, cls in (("cond_context", control_flow_pb2.CondContextDef),
                         ("while_context", control_flow_pb2.WhileContextDef)):
            values = written.collection_def[key].bytes_list.value
            for i, raw in enumerate(values):   # their maps too
                values[i] = cls.FromString(raw).SerializeToString(deterministic=True)
        out["meta"] = written.SerializeToString(deterministic=True)
        out["op_types"] = sorted({n.op for n in mg.graph_def.node})
    finally:
        shutil.rmtree(root)
    return out
