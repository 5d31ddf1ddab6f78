"""Makes NumPy scalars print as TF 1.14 printed them (`6.0`, not `np.float32(6.0)`).

TF 1.14 ran on NumPy 1.x, whose scalar repr has no type wrapper, so a TF 1.x
script's `print(sess.run(...))` shows `[6.0]`. NumPy >= 2 offers exactly that
behaviour as `legacy="1.25"` printing. Set FLOWGRAD_NUMPY_REPR=modern to keep
NumPy's own setting.
"""
import os

import numpy as np


def apply():
    if os.environ.get("FLOWGRAD_NUMPY_REPR", "tf1") == "modern":
        return
    if int(np.__version__.split(".")[0]) >= 2:
        np.set_printoptions(legacy="1.25")
