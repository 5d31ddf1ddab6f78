"""tf.custom_gradient names its gradient CustomGradient-<ops.uid()> with TF 1.14's
process-wide uid (taken by every Graph and Tensor and traced function too): the probe
tests/golden/gradients/custom_gradient_uids_probe.py run by `flowgrad run` in a process of
its own prints TF's names (op attrs, GraphDef) and values."""
import json
import os
import subprocess
import sys

import goldens

GOLD = goldens.load("gradients", "custom_gradient_uids")
PROBE = os.path.join(goldens.GOLDEN, "gradients", "custom_gradient_uids_probe.py")


def test_gradient_names_in_a_fresh_process_as_tf114():
    p = subprocess.run([sys.executable, "-m", "flowgrad", "run", PROBE], capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    got = [json.loads(line) for line in p.stdout.splitlines()]
    want = [json.loads(line) for line in GOLD["stdout"].splitlines()]
    assert got == want
