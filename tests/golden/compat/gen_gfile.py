"""What gfile_probe.py (a TF 1.x script using tf.gfile) prints under TF 1.14 for a fresh
base folder: one JSON value per line (tests/test_compat.py runs it with flowgrad)."""
import os
import shutil
import tempfile

from golden_scripts import stdout_of


def cases(tf):
    tmp = tempfile.mkdtemp()
    try:
        return {"stdout": stdout_of("tests/golden/compat/gfile_probe.py",
                                    [os.path.join(tmp, "base")])}
    finally:
        shutil.rmtree(tmp)
