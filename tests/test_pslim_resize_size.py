"""Resize ops of a `size` list holding tensors (vgg_preprocessing) against TF 1.14
(tests/golden/image/gen_pslim_resize_size.py)."""
import numpy as np

import goldens
import flowgrad as tf

GEN = goldens.generator("image", "pslim_resize_size")
GOLD = goldens.load("image", "pslim_resize_size")


def test_size_list_of_tensors_is_packed_as_tf():
    got, want = GEN.packed_size(tf), GOLD["packed_size"]
    np.testing.assert_array_equal(got.pop("value"), want.pop("value"))
    assert got == want


def test_vgg_train_preprocessing_draws_tfs_numbers():
    got, want = GEN.vgg_train(tf), GOLD["vgg_train"]
    assert got["version"] == want["version"]
    for a, w in zip(got["runs"], want["runs"]):
        np.testing.assert_allclose(a, w, rtol=1e-5)
