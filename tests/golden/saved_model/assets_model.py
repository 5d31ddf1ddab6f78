"""A SavedModel with an asset (tests/test_saved_model_assets.py): the asset's path is a
string Const in ASSET_FILEPATHS; the main op reads that file into variable `content`, so
a loader that feeds the asset's place under assets/ (as TF's does) fills it with the
copied file. Importable under Python 3.7; takes the tf module."""
import os

VOCAB = b"alpha\nbeta\ngamma\n"


def build(tf):
    """(x, y, main_op) in the default graph; the asset path is the relative 'vocab.txt'."""
    path = tf.constant("vocab.txt", name="asset_path")
    tf.add_to_collection(tf.GraphKeys.ASSET_FILEPATHS, path)
    content = tf.Variable(b"", name="content", trainable=False,
                          collections=[tf.GraphKeys.LOCAL_VARIABLES])
    main_op = tf.group(tf.assign(content, tf.read_file(path)), name="main_op")
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.identity(x * 3.0, name="y")
    return x, y, main_op


def export(tf, export_dir, workdir):
    """Builds, writes vocab.txt in `workdir` (the cwd while saving), saves the SavedModel."""
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        with open("vocab.txt", "wb") as f:
            f.write(VOCAB)
        with tf.Graph().as_default():
            x, y, main_op = build(tf)
            with tf.Session() as sess:
                b = tf.saved_model.builder.SavedModelBuilder(export_dir)
                b.add_meta_graph_and_variables(
                    sess, ["serve"],
                    {"serving_default": tf.saved_model.predict_signature_def({"x": x},
                                                                             {"y": y})},
                    assets_collection=tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS),
                    main_op=main_op)
                b.save()
    finally:
        os.chdir(cwd)


def load(tf, export_dir):
    """Loads into a fresh graph (from another cwd, the original vocab.txt gone): the
    signature's output for [1, 2], the content read by the main op, the asset collection."""
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            mg = tf.saved_model.loader.load(sess, ["serve"], export_dir)
            sig = mg.signature_def["serving_default"]
            y = sess.run(sig.outputs["y"].name, {sig.inputs["x"].name: [1.0, 2.0]})
            content = sess.run(g.get_tensor_by_name("content:0"))
            assets = []
            for a in g.get_collection("saved_model_assets"):
                assets.append([a.type_url, a.value])
            return {"y": y, "content": content, "assets": assets,
                    "asset_file_def": [[a.filename, a.tensor_info.name]
                                       for a in mg.asset_file_def]}
