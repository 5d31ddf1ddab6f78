"""Training continued from an imported .meta as TF 1.14 does it (golden
saver/psrv_continue): the global_step collection comes back as the variable, steps go on;
SaverDef fields as TF's proto holds them."""
import numpy as np

import flowgrad
import goldens

GEN = goldens.generator("saver", "psrv_continue")
WANT = goldens.load("saver", "psrv_continue")


def test_continue_training_from_meta_graph():
    got, want = GEN.continued(flowgrad), WANT["continued"]
    for k in ("first", "more"):
        np.testing.assert_allclose(got[k], want[k], rtol=1e-5)
    for k in ("files", "step0", "step", "global_step", "keys", "train_op", "globals",
              "trainable"):
        assert got[k] == want[k], k


def test_saver_def_fields():
    assert GEN.saver_defs(flowgrad) == WANT["saver_defs"]
