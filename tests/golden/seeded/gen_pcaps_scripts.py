"""What the scripts in tests/pcaps_scripts print under TF 1.14: TF1 programs that import
TF's private layers / framework modules (tensorflow.python.layers.core and .utils,
framework.smart_cond, framework.tensor_util), among them the SNN repository's
dropout_selu trained a few seeded steps."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pcaps_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
