"""Makes the GraphDefs under tests/golden/data/pdscond_pbs/ that gen_pdscond_values.py
(TF 1.14) and tests/test_data_cond.py (flowgrad) import: pipelines whose tf.data functions
hold tf.cond, which TF 1.14 builds as cond_v2 (an If op and its branch FunctionDefs), and a
graph holding an If itself (cond_v2 with TF's control flow v2 switched on). TF orders an
If's inputs as a Python set of its tensors (cond_v2._make_inputs_match): a new run may
order them otherwise, so the files are made once and committed. Run under the oracle:
`/tmp/tf114/bin/python tests/golden/data/make_pdscond_pbs.py`."""
import os

import pdscond_pipelines
import tensorflow as tf

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdscond_pbs")


# pipelines whose GraphDef (TF's cond_v2: an If op and its branch functions) is imported
# (until 2026-12-07 written out here as _imported_<name>, the same code)
IMPORTED = pdscond_pipelines.IMPORTED


def _graph_if(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    c = tf.constant([2.0, 3.0, 4.0], name="c")
    tf.identity(tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.sin(x) * c,
                        lambda: x * x - 1.0), name="out")


def main():
    from tensorflow.python.ops import control_flow_util
    os.makedirs(HERE, exist_ok=True)
    for name, make in sorted(IMPORTED.items()):
        with tf.Graph().as_default() as g:
            make(tf).make_initializable_iterator().get_next()
            with open(os.path.join(HERE, name + ".pb"), "wb") as f:
                f.write(g.as_graph_def().SerializeToString(deterministic=True))
    control_flow_util.ENABLE_CONTROL_FLOW_V2 = True
    with tf.Graph().as_default() as g:
        _graph_if(tf)
        with open(os.path.join(HERE, "graph_if.pb"), "wb") as f:
            f.write(g.as_graph_def().SerializeToString(deterministic=True))


if __name__ == "__main__":
    main()
