"""slim's vgg_preprocessing and the resize ops' size input against TF 1.14 (gen_pimg_vgg.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GEN = generator("image", "pimg_vgg")
GOLD = load("image", "pimg_vgg")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)

