"""tf.estimator.experimental.InMemoryEvaluatorHook under TF 1.14 (tests/test_heads.py):
the evaluations it writes to model_dir/eval_<name> while a LinearRegressor trains (step,
tag, value), with a queue-fed numpy input_fn (TF's feeding state is spent after the first
evaluation, so later ones see no data) and with a tf.data input_fn evaluated for 1 step;
make_stop_at_checkpoint_step_hook on a chief; the errors."""
import glob
import os
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2]],
             np.float32)
Y = np.array([1.0, 0.0, 2.0, 1.5, -0.5, 0.3], np.float32)


def _events(tf, folder):
    out = []
    for f in sorted(glob.glob(os.path.join(folder, "events.*"))):
        for record in tf.python_io.tf_record_iterator(f):
            event = tf.Event.FromString(record)
            for v in event.summary.value:
                out.append([int(event.step), v.tag, np.float32(v.simple_value)])
    return sorted(out, key=lambda r: (r[0], r[1]))


def run(tf, kind):
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.LinearRegressor([tf.feature_column.numeric_column("x", shape=[2])],
                                           model_dir=d, optimizer="SGD")
        if kind == "numpy":
            eval_fn = tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=3,
                                                         shuffle=False, num_epochs=1)
            hook = tf.estimator.experimental.InMemoryEvaluatorHook(est, eval_fn,
                                                                   every_n_iter=2, name="mem")
        else:
            def eval_fn():
                return tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).batch(2)
            hook = tf.estimator.experimental.InMemoryEvaluatorHook(est, eval_fn, steps=1,
                                                                   every_n_iter=3)
        est.train(tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=3,
                                                     shuffle=False, num_epochs=None),
                  steps=5, hooks=[hook])
        folder = os.path.join(d, "eval_mem" if kind == "numpy" else "eval")
        return {"events": _events(tf, folder),
                "evaluate": {k: np.asarray(v) for k, v in est.evaluate(eval_fn).items()}}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def errors(tf):
    est = tf.estimator.LinearRegressor([tf.feature_column.numeric_column("x", shape=[2])])
    out = {}
    try:
        tf.estimator.experimental.InMemoryEvaluatorHook(est, lambda: None, every_n_iter=0)
    except ValueError as e:
        out["every_n_iter"] = e
    hook = tf.estimator.experimental.make_stop_at_checkpoint_step_hook(est, 10)
    out["chief_hook"] = [type(hook).__name__, hook._last_step]
    return out


def cases(tf):
    out = {"run/" + kind: run(tf, kind) for kind in ("numpy", "dataset")}
    out.update({"error/" + k: v for k, v in errors(tf).items()})
    return out
