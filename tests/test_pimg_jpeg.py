"""TF 1.14's default JPEG decode on subsampled chroma, bit for bit (gen_pimg_jpeg.py): the
draft decode finished by engine/ops/jpeg_fancy.py, alone and inside an input pipeline."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

pytest.importorskip("PIL")
GEN = generator("image", "pimg_jpeg")
GOLD = load("image", "pimg_jpeg")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)

