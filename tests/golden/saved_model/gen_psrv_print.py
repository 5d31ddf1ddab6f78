"""str() of the graph protos serving scripts print, as TF 1.14 prints them (probe psrv;
tests/test_psrv_print.py runs the same case functions with flowgrad): map entries (a
NodeDef's attrs, a SignatureDef's inputs/outputs, a MetaGraphDef's signature_def and
collection_def) sorted by key, float fields as the double they hold (`1.0`,
`0.10000000149011612`, `keep_checkpoint_every_n_hours: 10000.0`)."""


def nodes(tf):
    """Every node of a small graph, printed one by one (a freeze script's listing)."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        w = tf.constant([[0.1, 1.0], [1e-8, 3e38], [2.5, -0.5]], name="w")
        y = tf.matmul(x, w, transpose_b=False, name="y")
        tf.nn.softmax(y, name="probs")
        tf.constant([b"\xc3\xa9", b"\xff\x01", b'a"b'], name="s")
        tf.constant(0.1, tf.float64, name="d")
        tf.constant(0.1, name="f")
        tf.strided_slice(x, [0], [1], [1], shrink_axis_mask=1, name="row")
        return [str(n) for n in g.as_graph_def().node]


def signatures(tf):
    """Signature defs with several inputs and outputs, and a classification signature."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        z = tf.placeholder(tf.int32, [None], name="z")
        ser = tf.placeholder(tf.string, name="tf_example")
        probs = tf.nn.softmax(x, name="probs")
        cls = tf.as_string(tf.argmax(probs, 1), name="cls")
        utils = tf.saved_model.signature_def_utils
        pred = utils.predict_signature_def(inputs={"x": x, "b_ids": z},
                                           outputs={"scores": probs, "classes": cls})
        klass = utils.classification_signature_def(ser, cls, probs)
        info = tf.saved_model.utils.build_tensor_info(probs)
        return [str(pred), str(klass), str(info), repr(info)]


def meta_graph(tf):
    """A MetaGraphDef's signature map entry, collection and saver as printed."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        v = tf.Variable([1.0, 2.0], name="v")
        out = tf.multiply(x, v, name="out")
        saver = tf.train.Saver()
        mg = tf.train.export_meta_graph()
        sig = tf.saved_model.signature_def_utils.predict_signature_def(
            inputs={"x": x}, outputs={"out": out, "a_out": tf.identity(out, name="a")})
        mg.signature_def["serving_default"].CopyFrom(sig)
        return [str(saver.as_saver_def()), str(mg.saver_def),
                str(mg.collection_def["variables"]), str(mg.signature_def["serving_default"]),
                sorted(mg.collection_def.keys())]


def summary(tf):
    """A Summary with simple values and an AttrValue holding a float."""
    s = tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=0.1),
                          tf.Summary.Value(tag="acc", simple_value=1.0)])
    return [str(s), str(tf.AttrValue(f=0.1)), str(tf.AttrValue(f=2.0))]


def cases(tf):
    return {"nodes": nodes(tf), "signatures": signatures(tf), "meta_graph": meta_graph(tf),
            "summary": summary(tf)}
