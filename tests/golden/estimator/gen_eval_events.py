"""What Estimator.evaluate writes to its eval directory's events under TF 1.14: the
metrics as simple values and the evaluated checkpoint's path as a string tensor summary
'checkpoint_path' (only when a checkpoint was evaluated), at the checkpoint's step."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np


def _events(tf, d, name):
    out = []
    eval_dir = os.path.join(d, "eval_" + name)
    for f in sorted(os.listdir(eval_dir)):
        for e in tf.train.summary_iterator(os.path.join(eval_dir, f)):
            for v in e.summary.value:
                kind = v.WhichOneof("value")
                if kind == "tensor":
                    value = [os.path.relpath(s.decode(), d) for s in v.tensor.string_val]
                    out.append([int(e.step), v.tag, kind, value, int(v.tensor.dtype),
                                len(v.tensor.tensor_shape.dim)])
                else:
                    out.append([int(e.step), v.tag, kind])
    return out


def cases(tf):
    rng = np.random.RandomState(0)
    x = rng.randn(40, 2).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32)
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.LinearClassifier(
            [tf.feature_column.numeric_column("x", shape=[2])], model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=1))
        fn = tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=10, shuffle=False,
                                                num_epochs=1)
        untrained = sorted(est.evaluate(fn, name="untrained"))
        est.train(fn)
        est.evaluate(fn, name="latest")
        est.train(fn)
        first = os.path.join(d, "model.ckpt-4")
        est.evaluate(fn, name="chosen", checkpoint_path=first)
        return {"untrained_keys": untrained,
                "untrained": _events(tf, d, "untrained"),
                "latest": _events(tf, d, "latest"),
                "chosen": _events(tf, d, "chosen")}
    finally:
        shutil.rmtree(d)
