"""What the design note's three examples (src/flowgrad/demo/seed/example{1,2,3}.py) print under
TF 1.14, run with `import tensorflow as tf` in place of `import flowgrad as tf`
(tests/test_seed_examples.py and test_optimize.py run them with flowgrad)."""
import os

from golden_scripts import ROOT, stdout_of


def cases(tf):
    out = {}
    for i in (1, 2, 3):
        script = "src/flowgrad/demo/seed/example%d.py" % i
        with open(os.path.join(ROOT, script)) as f:
            src = f.read()
        assert "import flowgrad as tf\n" in src, script
        out["example%d" % i] = stdout_of(
            script, source=src.replace("import flowgrad as tf\n", "import tensorflow as tf\n"))
    return out
