"""What the tf.keras scripts tests/keras_scripts/pkeras2_*.py print under TF 1.14
(generator and Sequence feeding, saving and loading)."""
import os

from golden_scripts import ROOT, stdout_of

SCRIPTS = sorted(n for n in os.listdir(os.path.join(ROOT, "tests", "keras_scripts"))
                 if n.startswith("pkeras2_") and n.endswith(".py"))


def cases(tf):
    return {s: stdout_of("tests/keras_scripts/" + s) for s in SCRIPTS}
