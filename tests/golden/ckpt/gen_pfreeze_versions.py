"""A graph's VersionDef after imports, as TF 1.14's GraphConstructor::UpdateVersionDef
makes it (tests/test_pfreeze_versions.py): import_graph_def and import_meta_graph lower
the producer to the imported one's, raise min_consumer to it, and join bad_consumers
(ascending); an empty GraphDef (producer 0) leaves producer 0; as_graph_def and
write_graph then carry those versions."""
import os
import shutil
import tempfile


def _graph_def(tf, producer, min_consumer=0, bad=()):
    gd = tf.GraphDef()
    gd.versions.producer = producer
    gd.versions.min_consumer = min_consumer
    gd.versions.bad_consumers.extend(bad)
    n = gd.node.add()
    n.name, n.op = "c", "NoOp"
    return gd


def _versions(g):
    v = g.graph_def_versions
    return [v.producer, v.min_consumer, list(v.bad_consumers),
            str(g.as_graph_def().versions)]


def cases(tf):
    out = {}
    with tf.Graph().as_default() as g:
        out["fresh"] = _versions(g)
        tf.import_graph_def(_graph_def(tf, 27, 12, [9, 4]), name="")
        out["after_27"] = _versions(g)
        tf.import_graph_def(_graph_def(tf, 30, 14, [4, 2]), name="b")
        out["after_30"] = _versions(g)
    with tf.Graph().as_default() as g:
        tf.constant(1.0)
        tf.import_graph_def(tf.GraphDef())
        out["after_empty"] = _versions(g)
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default() as g:
            tf.Variable(1.0, name="v")
            tf.train.export_meta_graph(os.path.join(root, "m.meta"))
        mg = tf.MetaGraphDef()
        with open(os.path.join(root, "m.meta"), "rb") as f:
            mg.ParseFromString(f.read())
        mg.graph_def.versions.producer = 24
        mg.graph_def.versions.min_consumer = 3
        with tf.Graph().as_default() as g:
            tf.train.import_meta_graph(mg)
            out["meta_24"] = _versions(g)
            path = tf.train.write_graph(g, root, "g.pbtxt")
            with open(path) as f:
                out["meta_24/pbtxt_tail"] = f.read()[-60:]
    finally:
        shutil.rmtree(root)
    return out
