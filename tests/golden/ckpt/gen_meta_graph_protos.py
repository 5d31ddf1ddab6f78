"""TF's MetaGraphDef proto as tf.train.export_meta_graph / Saver.export_meta_graph return
it under TF 1.14 (meta_graph_protos.json) and flowgrad (tests/test_meta_graph_protos.py):
meta_info_def (stripped_op_list, versions, tags), graph_def with _output_shapes, saver_def,
collection_def (a collection of plain Python objects is left out), with export_scope,
clear_devices, strip_default_attrs, collection_list and as_text files; a QueueRunnerDef
(its queue_closed_exception_types printed as TF's error.Code names) and the queue_runners
collection. Each proto as
json_format's dict (tensorflow_git_version cleared: flowgrad's tf.GIT_VERSION is its own).
Valid Python 3.7."""
import os
import shutil
import tempfile


def _dict(mg):
    from google.protobuf import json_format
    mg.meta_info_def.tensorflow_git_version = ""
    return json_format.MessageToDict(mg)


def _build(tf):
    with tf.name_scope("net"):
        with tf.device("/cpu:0"):
            v = tf.Variable([1.0, 2.0], name="v")
        out = tf.multiply(v, 2.0, name="out")
        tf.nn.relu(out, name="act")
    tf.add(out, 1.0, name="outside")
    tf.add_to_collection("names", "hello")
    tf.add_to_collection("ints", 3)
    tf.add_to_collection("floats", 0.5)
    tf.add_to_collection("outputs", out)
    tf.add_to_collection("objects", object())   # not serializable: skipped with a warning
    return tf.train.Saver()


def cases(tf):
    out = {}
    d = tempfile.mkdtemp()
    try:
        g = tf.Graph()
        with g.as_default():
            saver = _build(tf)
            mg = tf.train.export_meta_graph(graph=g)
            out["type"] = type(mg).__name__
            out["has_saver_def"] = mg.HasField("saver_def")
            out["plain"] = _dict(mg)
            out["scoped"] = _dict(tf.train.export_meta_graph(
                graph=g, export_scope="net", clear_devices=True))
            out["stripped"] = _dict(tf.train.export_meta_graph(strip_default_attrs=True))
            out["collection_list"] = _dict(tf.train.export_meta_graph(
                collection_list=["outputs", "ints"]))
            info = type(mg.meta_info_def)(tags=["serve", "x"], meta_graph_version="v7")
            out["meta_info_def"] = _dict(tf.train.export_meta_graph(meta_info_def=info))
            out["graph_def"] = _dict(tf.train.export_meta_graph(graph_def=g.as_graph_def()))
            out["graph_def_scoped"] = _dict(tf.train.export_meta_graph(
                graph_def=g.as_graph_def(), export_scope="net"))
            try:
                tf.train.export_meta_graph(graph_def="x")
            except TypeError as e:
                out["bad_graph_def"] = str(e)
            out["saver"] = _dict(saver.export_meta_graph())
            out["saver_scoped"] = _dict(saver.export_meta_graph(export_scope="net"))
            path = os.path.join(d, "t.meta")
            ret = saver.export_meta_graph(path, as_text=True)
            from google.protobuf import text_format
            back = type(ret)()
            text_format.Merge(open(path).read(), back)
            out["text_file_is_returned"] = back == ret
            path = os.path.join(d, "b.meta")
            ret = tf.train.export_meta_graph(path, graph=g)
            back = type(ret)()
            back.ParseFromString(open(path, "rb").read())
            out["binary_file_is_returned"] = back == ret
            try:
                tf.train.export_meta_graph(meta_info_def={"tags": []})
            except TypeError as e:
                out["bad_meta_info_def"] = str(e)
        with tf.Graph().as_default():
            q = tf.FIFOQueue(2, tf.float32, name="q")
            qr = tf.train.QueueRunner(q, [q.enqueue(1.0)])
            tf.train.add_queue_runner(qr)
            out["queue_runner_text"] = str(qr.to_proto())
            out["queue_runner_bytes"] = qr.to_proto().SerializeToString()
            out["queue_runners"] = _dict(tf.train.export_meta_graph())["collectionDef"]
    finally:
        shutil.rmtree(d)
    out.update(unbound_cases(tf))
    return out


def unbound_cases(tf):
    """A scoped export whose op reads a tensor from outside the scope: TF's
    $unbound_inputs_ input, the graph's unbound_inputs collection, and import's
    ValueError without that input in input_map."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.name_scope("net"):
            v = tf.Variable(2.0, name="v")
            with g.colocate_with(a.op):
                tf.add(v, a, name="o")
        mg = tf.train.export_meta_graph(export_scope="net")
        out["unbound"] = _dict(mg)
        out["graph_collection"] = [str(x) for x in g.get_collection("unbound_inputs")]
    with tf.Graph().as_default() as g2:
        try:
            tf.train.import_meta_graph(mg, import_scope="t")
        except ValueError as e:
            out["import_error"] = str(e)
        out["after_error"] = [op.name for op in g2.get_operations()]
        x = tf.constant(5.0, name="x")
        tf.train.import_meta_graph(mg, import_scope="s", input_map={"$unbound_inputs_a": x})
        out["imported"] = [[op.name, [t.name for t in op.inputs]] for op in g2.get_operations()
                           if op.name.startswith("s/")]
        out["collections"] = sorted(g2.get_all_collection_keys())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["value"] = float(sess.run("s/o:0"))
    return out
