"""What TF 1.14 prints for examples/tf1_scripts/data_pipeline.py (a tf.data + TFRecord +
Example tutorial); tests/test_data.py runs it through `flowgrad run`."""
from __future__ import absolute_import

import contextlib
import io
import os
import runpy

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                      "examples", "tf1_scripts", "data_pipeline.py")


def cases(tf):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(SCRIPT, run_name="__main__")
    return {"data_pipeline": buf.getvalue()}
