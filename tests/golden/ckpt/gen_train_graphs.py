"""TF 1.14 imports flowgrad's training graphs (flowgrad_train/, made by
make_flowgrad_train.py), restores their checkpoints and trains 2 more steps
(tests/test_train_graph_interop.py): the op types TF found, the initialization
reports, the loss and every variable afterwards."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import train_model  # noqa: E402


def cases(tf):
    out = {}
    for name in sorted(train_model.BUILDERS):
        prefix = os.path.join(HERE, "flowgrad_train", name, "m")
        with tf.Graph().as_default() as g:
            tf.train.import_meta_graph(prefix + ".meta")
            out[name + "/op_types"] = sorted({o.type for o in g.get_operations()})
        for k, v in train_model.continue_training(tf, prefix, train_model.FEEDS[name]).items():
            out[name + "/" + k] = v
    return out
