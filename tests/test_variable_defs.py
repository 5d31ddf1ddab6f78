"""VariableDef protos against TF 1.14 (tests/golden/ckpt/gen_variable_defs.py): to_proto()
gives TF's VariableDef (is_resource, save_slice_info_def, export_scope), TF's meta graph
imports as TF's variables (a ResourceVariable stays one, a partitioned variable's parts
keep their SaveSliceInfo, so a Saver writes the full variable as TF does), and flowgrad's
meta graph carries the same VariableDef bytes."""
import numpy as np

import flowgrad as tf
import goldens

gen = goldens.generator("ckpt", "variable_defs")
GOLDEN = goldens.load("ckpt", "variable_defs")


def test_to_proto_matches_tf114():
    got = gen.cases(tf)
    for key in ("names", "types", "protos", "scoped", "bytes", "slice_protos"):
        assert got[key] == GOLDEN[key], key


def test_from_proto_round_trip():
    with tf.Graph().as_default():
        gen._build(tf)
        for v in tf.global_variables():
            again = tf.Variable.from_proto(v.to_proto())
            assert type(again) is type(v) and again.name == v.name
            assert str(again.to_proto()) == str(v.to_proto())


def test_tf_meta_graph_imports_tf_variables(tmp_path):
    path = tmp_path / "tf.meta"
    path.write_bytes(GOLDEN["meta_graph"])
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(str(path))
        vs = tf.global_variables()
        assert [type(v).__name__ for v in vs] == GOLDEN["types"]
        assert [str(v.to_proto()) for v in vs] == GOLDEN["protos"]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(s.run(vs[0]), [1.0, 1.0])   # a value, not a handle
            prefix = saver.save(s, str(tmp_path / "ckpt"))
        shapes = tf.train.NewCheckpointReader(prefix).get_variable_to_shape_map()
        assert shapes == {"m/r": [2], "m/p": [5, 2], "m/v": [2]}   # p saved whole, as TF


def test_flowgrad_meta_graph_carries_tf_variable_defs(tmp_path):
    from tensorboard.compat.proto import meta_graph_pb2
    with tf.Graph().as_default():
        gen._build(tf)
        tf.train.export_meta_graph(filename=str(tmp_path / "m.meta"))
    mg = meta_graph_pb2.MetaGraphDef()
    mg.ParseFromString((tmp_path / "m.meta").read_bytes())
    assert list(mg.collection_def["variables"].bytes_list.value) == GOLDEN["bytes"]


def test_queue_runner_to_proto_is_tf_queue_runner_def():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(2, tf.float32)
        qr = tf.train.QueueRunner(q, [q.enqueue(1.0)])
        pr = qr.to_proto()
        assert type(pr).__name__ == "QueueRunnerDef"
        assert (pr.queue_name, list(pr.enqueue_op_name), pr.close_op_name, pr.cancel_op_name,
                list(pr.queue_closed_exception_types)) == (
            "fifo_queue", ["fifo_queue_enqueue"], "fifo_queue_Close", "fifo_queue_Close_1", [11])
        again = tf.train.QueueRunner.from_proto(pr)
        assert again.queue.name == q.name and again.enqueue_ops == qr.enqueue_ops   # (TF: the op)


def test_to_proto_strips_an_export_scope_with_a_trailing_slash():
    # TF 1.14's to_proto strips with ops.strip_name_scope: "b" and "b/" alike (the oracle
    # printed w:0 r:0 p/part_0:0 p for both)
    with tf.Graph().as_default():
        with tf.variable_scope("b"):
            w = tf.get_variable("w", [2], initializer=tf.zeros_initializer())
            r = tf.get_variable("r", [2], initializer=tf.zeros_initializer(),
                                use_resource=True)
            p = tf.get_variable("p", [4, 2], initializer=tf.zeros_initializer(),
                                partitioner=tf.fixed_size_partitioner(2))
        for scope in ("b", "b/"):
            ps = list(p)[0].to_proto(scope)
            assert [w.to_proto(scope).variable_name, r.to_proto(scope).snapshot_name,
                    ps.variable_name, ps.save_slice_info_def.full_name] == \
                ["w:0", "r/Read/ReadVariableOp:0", "p/part_0:0", "p"], scope
