"""slim's inception_preprocessing (control_flow_ops.switch / merge) against TF 1.14
(gen_pimg_selector.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GEN = generator("image", "pimg_selector")
GOLD = load("image", "pimg_selector")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)

