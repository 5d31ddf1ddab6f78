"""Static shapes from packed tf.shape elements and tf.slice's partial sizes against TF 1.14
(gen_pimg_shapes.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GEN = generator("image", "pimg_shapes")
GOLD = load("image", "pimg_shapes")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)

