"""Static shapes of shape tensors computed with float arithmetic, as TF 1.14's shape
refiner evaluates them (golden array/pstyle_refine): a scaled image size cast back to int
gives zeros, fill, reshape, tile, slice, random_crop, resize and crop_to_bounding_box TF's
static shapes; a dim unknown anywhere in the value keeps it unknown."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("array", "pstyle_refine")
GOLD = goldens.load("array", "pstyle_refine")["shapes"]


@pytest.fixture(scope="module")
def got():
    return gen.shapes(tf)


@pytest.mark.parametrize("name", [name for name, _ in gen.SHAPES])
def test_static_shape(got, name):
    assert got[name] == GOLD[name]
