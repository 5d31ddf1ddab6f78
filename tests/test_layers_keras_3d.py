"""keras MaxPooling3D/AveragePooling3D, GlobalPooling3D, ZeroPadding3D, UpSampling3D,
Cropping1D/3D against TF 1.14."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "keras_3d")
GEN = generator("layers", "keras_3d")
RUNS = {"volumes": ("_volumes", (2, 4, 4, 6, 3)), "steps": ("_steps", (2, 6, 3))}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_3d_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    else:
        result = GEN._fresh(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)
