"""What the optimization-on-the-input scripts in tests/pstyle_scripts print under TF 1.14:
guided backpropagation through TF's generated op modules (gen_nn_ops & co.), their
functions' names, op names and argument errors, seeded saliency values."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pstyle_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
