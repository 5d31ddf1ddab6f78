"""tf.image.decode_image's op ids, static shape and what a seeded random op made after it
draws, against TF 1.14 (tests/golden/image/gen_pslim_decode_image.py)."""
import numpy as np
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("PIL")
GEN = goldens.generator("image", "pslim_decode_image")
GOLD = goldens.load("image", "pslim_decode_image")


def test_op_ids_and_shapes_as_tf():
    assert GEN.op_ids(tf) == GOLD["op_ids"]


def test_resize_of_unknown_rank_raises_tfs_error():
    assert GOLD["resize_unknown_rank"] is not None
    assert GEN.resize_unknown_rank(tf) == GOLD["resize_unknown_rank"]


def test_seeded_random_ops_after_decode_draw_tfs_numbers():
    got, want = GEN.seeded_after_decode(tf), GOLD["seeded_after_decode"]
    np.testing.assert_array_equal(got["crop"], want["crop"])
    np.testing.assert_allclose(got["noise"], want["noise"], rtol=1e-6)
