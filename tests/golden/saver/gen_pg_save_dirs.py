"""Which directories tf.train.Saver.save makes under TF 1.14 (probe pg;
tests/test_pg_train_io.py): SaveV2 makes the prefix's directory one level deep, so a
missing grandparent (or, for a sharded save, a missing parent) fails with "Parent
directory of ... doesn't exist, can't save."."""
import os
import shutil
import tempfile


def saves(tf, root):
    out = {}
    with tf.Graph().as_default():
        tf.Variable([1.0, 2.0], name="a")
        init = tf.global_variables_initializer()
        for sharded in (False, True):
            for rel in ("one", "two/sub"):
                d = "%s_%s" % (rel, "sharded" if sharded else "plain")
                prefix = os.path.join(root, d, "model")
                with tf.Session() as sess:
                    sess.run(init)
                    try:
                        got = os.path.relpath(tf.train.Saver(sharded=sharded).save(sess, prefix),
                                              root)
                    except ValueError as e:
                        got = ["ValueError", str(e).replace(root, "<ROOT>")]
                out[d] = got
    out["made"] = sorted(os.listdir(root))
    return out


def cases(tf):
    root = tempfile.mkdtemp()
    try:
        return {"saves": saves(tf, root)}
    finally:
        shutil.rmtree(root)
