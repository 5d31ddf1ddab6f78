"""The frame executor of imported TF control flow (engine/ops/control_flow_v1.py) keeps a
value only until every op reading it has run at its iteration: a long loop holds one
iteration's values, not all of them (issue 14). flowgrad writes its tf.while_loop as TF's
frame (Enter/Merge/Switch/NextIteration/Exit), imports that GraphDef back and runs it."""
import numpy as np

import flowgrad as tf
from flowgrad.engine.ops import control_flow_v1


def _run_imported(n):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [64], name="x")
        tf.identity(tf.while_loop(lambda a: tf.reduce_sum(a) < 1e30,
                                  lambda a: a * 1.01 + x, [x], maximum_iterations=n),
                    name="out")
        gd = g.as_graph_def()
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            got = s.run("out:0", {"x:0": np.ones(64, np.float32)})
    return got, control_flow_v1.STATS["peak_values"]


def test_a_long_loop_holds_as_many_values_as_a_short_one():
    want = np.ones(64, np.float32)
    for _ in range(300):
        want = want * np.float32(1.01) + np.float32(1.0)
    got, peak_long = _run_imported(300)
    np.testing.assert_allclose(got, want, rtol=1e-5)
    _, peak_short = _run_imported(3)
    assert peak_long == peak_short
