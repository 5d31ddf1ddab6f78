"""What the tf.keras scripts tests/keras_scripts/pkeras3_*.py print under TF 1.14
(custom metrics traced as tf.functions, the training loop's sample-weight feeds)."""
import os

from golden_scripts import ROOT, stdout_of

SCRIPTS = sorted(n for n in os.listdir(os.path.join(ROOT, "tests", "keras_scripts"))
                 if n.startswith("pkeras3_") and n.endswith(".py"))


def cases(tf):
    return {s: stdout_of("tests/keras_scripts/" + s) for s in SCRIPTS}
