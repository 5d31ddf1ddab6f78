"""What flags_probe.py (a TF 1.x script using tf.flags / tf.app) prints under TF 1.14: one
JSON value per line (tests/test_compat.py runs the same probe with flowgrad)."""
from golden_scripts import stdout_of


def cases(tf):
    return {"stdout": stdout_of("tests/golden/compat/flags_probe.py")}
