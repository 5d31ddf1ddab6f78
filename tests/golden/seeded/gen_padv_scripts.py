"""What the adversarial-example, interpretability and image-to-image scripts in
tests/padv_scripts print under TF 1.14: FGSM / PGD (Python loop and tf.while_loop),
Carlini-Wagner, adversarial training, saliency / SmoothGrad / integrated gradients /
Grad-CAM, DeepDream, and pix2pix pieces with a hand-written instance norm (Grappler's
MinimizeBroadcasts)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/padv_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
