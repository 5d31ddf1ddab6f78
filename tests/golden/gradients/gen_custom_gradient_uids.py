"""What custom_gradient_uids_probe.py prints under TF 1.14 in a process of its own: the
CustomGradient-<ops.uid()> names of tf.custom_gradient's IdentityN ops across graphs
(tests/test_custom_gradient_uids.py runs the probe with flowgrad)."""
from golden_scripts import stdout_of


def cases(tf):
    return {"stdout": stdout_of("tests/golden/gradients/custom_gradient_uids_probe.py")}
