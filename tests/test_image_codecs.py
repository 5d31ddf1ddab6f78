"""tf.image's BMP/GIF/JPEG helpers against TF 1.14 (tests/golden/image/gen_codecs.py):
values, TF's errors on malformed BMP/GIF/JPEG bytes, op names and the seed2 of a
graph-seeded random op made after each call."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("PIL", reason="the image extra (Pillow) decodes GIF and JPEG")
GEN = goldens.generator("image", "codecs")
GOLD = goldens.load("image", "codecs")


@pytest.mark.parametrize("name", sorted(GEN.VALUE_CASES))
def test_values_match_tf(name):
    exp = GOLD["value/" + name]
    try:
        got = GEN.run_value_case(tf, GEN.VALUE_CASES[name], 2 if name in GEN.RANDOM_CASES else 1)
    except Exception as e:  # noqa: BLE001 - compared with TF's error
        got = e
    if isinstance(exp, goldens.GoldenError) and exp.message.startswith("Invalid GIF data"):
        # giflib's reasons past its first two are Pillow's words here
        assert type(got).__name__ == exp.cls, name
        return
    goldens.same_exact(got, exp, name)


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_op_names_match_tf(name):
    assert GEN.op_names(tf, GEN.OPS_CASES[name]) == GOLD["ops/" + name]


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_seed2_after_call_matches_tf(name):
    assert GEN.seed_after(tf, GEN.OPS_CASES[name]) == GOLD["seed2/" + name]


def test_bmp_needs_no_pillow(monkeypatch):
    """BMP is read by flowgrad's own reader: it works without the image extra."""
    from flowgrad.engine.ops import image as img_ops

    def missing():
        raise ImportError("no Pillow")
    monkeypatch.setattr(img_ops, "pillow", missing)
    data = GEN._bmp(GEN._px((3, 4, 3), 2), 24)
    got = tf.Session().run(tf.image.decode_bmp(data))
    np.testing.assert_array_equal(got, GEN._px((3, 4, 3), 2))


@pytest.mark.parametrize("cut", [0, 1, 31, 54, 60])
def test_bmp_truncated_bytes_are_clear_errors(cut):
    data = GEN._bmp(GEN._px((3, 4, 3), 2), 24)[:cut]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incomplete bmp content"):
        tf.Session().run(tf.image.decode_bmp(data))
