"""What the example scripts (examples/, examples/tf1_scripts/) print under TF 1.14, run
with `import tensorflow as tf` (tests/test_examples.py runs them with flowgrad)."""
import shutil
import tempfile

from golden_scripts import stdout_of


def cases(tf):
    out = {}
    for name in ("linear_regression", "logistic_regression", "rosenbrock"):
        out[name] = stdout_of("examples/%s.py" % name)
    tmp = tempfile.mkdtemp()
    try:
        out["tf1_scripts/flags_app"] = stdout_of("examples/tf1_scripts/flags_app.py",
                                                 ["--output_dir", tmp + "/a"])
        out["tf1_scripts/flags_app_args"] = stdout_of(
            "examples/tf1_scripts/flags_app.py",
            ["--steps=50", "--verbose", "extra1", "--output_dir=" + tmp + "/b"])
        for name in ("variable_scope_reuse", "saver_roundtrip", "numpy_legacy_names"):
            out["tf1_scripts/" + name] = stdout_of("examples/tf1_scripts/%s.py" % name, cwd=tmp)
    finally:
        shutil.rmtree(tmp)
    return out
