"""What tests/golden/train/prl_dqn.py (a Double DQN with centered RMSProp, Huber loss and
soft target updates on a numpy environment) prints under TF 1.14; tests/test_prl_dqn.py
runs it with `flowgrad run`."""
import shutil
import tempfile

from golden_scripts import stdout_of


def cases(tf):
    logdir = tempfile.mkdtemp()
    try:
        return {"stdout": stdout_of("tests/golden/train/prl_dqn.py", [logdir])}
    finally:
        shutil.rmtree(logdir, ignore_errors=True)
