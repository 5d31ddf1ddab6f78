"""Two feature columns of one vocabulary file under TF 1.14 (tests/test_pest_vocab.py): their
tables share a name, so tables_initializer initializes one table twice from the file,
which TF only logs (no error); the lookups, the tables' shared_name and a second run of
the initializer."""
import os
import shutil
import tempfile

import numpy as np


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        vf = os.path.join(d, "vocab.txt")
        with open(vf, "w") as f:
            f.write("red\ngreen\nblue\n")
        fc = tf.feature_column
        out = {}
        with tf.Graph().as_default() as g:
            color = fc.categorical_column_with_vocabulary_file("color", vf, num_oov_buckets=1)
            feats = {"color": tf.constant(["blue", "pink", "red", "green"])}
            dense = fc.input_layer(feats, [fc.indicator_column(color)])
            lin = fc.linear_model(feats, [color])
            tables = [op for op in g.get_operations() if op.type == "HashTableV2"]
            out["shared_names"] = sorted(op.get_attr("shared_name").decode().replace(d, "<d>")
                                         for op in tables)
            with tf.Session() as s:
                s.run([tf.global_variables_initializer(), tf.tables_initializer()])
                s.run(tf.tables_initializer())
                out["indicator"] = s.run(dense)
                out["linear_shape"] = str(lin.shape)
                out["linear"] = s.run(lin)
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)
