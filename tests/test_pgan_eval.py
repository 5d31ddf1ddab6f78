"""tf.contrib.gan.eval against TF 1.14 (tests/golden/contrib/gen_pgan_eval.py): the
classifier metrics (also through a classifier_fn and a small GraphDef standing for
Inception), preprocess_image, the sliced Wasserstein distance, image_grid /
image_reshaper and the GAN summaries build TF's ops and give TF's values bit for bit;
argspecs, public names and errors. Where TF downloads the Inception network flowgrad
raises NotImplementedError."""
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import NUMPY1_SVML, generator, load
from test_signatures import differences

from flowgrad.engine.ops import eigen_math

GOLD = load("contrib", "pgan_eval")
GEN = generator("contrib", "pgan_eval")
_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # (the golden's host: its RSQRTPS table,
    mp.setattr(eigen_math, "_RSQRT_BY_BITS",    # read at import, for the patches' rsqrt)
               eigen_math.rsqrt_by_bits(GOLD["vendor"]))
    mp.setattr(GEN, "_classifier_graph_def", lambda _: GOLD["metrics"]["graph_def"])
    try:
        return {k: getattr(GEN, k)(tf)
                for k in ["metrics", "layouts", "sliced", "summaries", "errors"]}
    finally:
        mp.undo()


def _same(have, want, path=""):
    if isinstance(want, dict):
        assert sorted(have) == sorted(want), path
        for k in want:
            _same(have[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        assert len(have) == len(want), path
        for i, (h, w) in enumerate(zip(have, want)):
            _same(h, w, f"{path}[{i}]")
    else:
        h, w = np.asarray(have), np.asarray(want)
        assert h.dtype == w.dtype and h.shape == w.shape, path
        if NUMPY1_SVML and h.dtype == np.float64:
            # (NumPy 1.x's AVX512 SVML float64 log/exp are not libm's: goldens.NUMPY1_SVML)
            np.testing.assert_array_max_ulp(h, w, maxulp=8)
            return
        assert h.tobytes() == w.tobytes(), (path, h, w)


@pytest.mark.parametrize("case", ["metrics", "layouts", "sliced", "summaries"])
def test_ops(got, case):
    assert got[case]["ops"] == GOLD[case]["ops"]


@pytest.mark.parametrize("key", sorted(GOLD["metrics"]["values"]))
def test_metrics(got, key):
    _same(got["metrics"]["values"][key], GOLD["metrics"]["values"][key], key)


def test_layouts(got):
    _same(got["layouts"]["values"], GOLD["layouts"]["values"], "layouts")


def test_sliced_wasserstein(got):
    # Not bit for bit: TF's normalized patches (moments of a py_func's output of unknown
    # shape, then x / sqrt(var), which grappler may rewrite) differ from flowgrad's in the
    # last bit in some rows, and the "svd" variant's distances of identical patch sets
    # are SVD rounding noise (~1e-7)
    have, want = got["sliced"]["values"], GOLD["sliced"]["values"]
    for h, w in zip(have["random"], want["random"]):
        np.testing.assert_allclose(np.array(h), np.array(w, dtype=np.float32), rtol=1e-6)
    for h, w in zip(have["svd"], want["svd"]):
        np.testing.assert_allclose(np.array(h), np.array(w, dtype=np.float32), rtol=1e-5,
                                   atol=1e-6)


def test_summaries(got):
    have, want = got["summaries"], GOLD["summaries"]
    assert have["summaries"] == want["summaries"]
    _same(have["images"], want["images"], "images")
    _same(have["scalars"], want["scalars"], "scalars")


@pytest.mark.parametrize("call", ["inception_score", "frechet_inception_distance",
                                  "kernel_inception_distance"])
def test_inception_download_is_absent(call):
    # TF downloads frozen_inception_v1_2015_12_05.tar.gz here
    with tf.Graph().as_default():
        images = tf.zeros([2, 299, 299, 3])
        with pytest.raises(NotImplementedError, match="get_graph_def_from_url_tarball"):
            fn = getattr(tf.contrib.gan.eval, call)
            fn(images) if call == "inception_score" else fn(images, images)


@pytest.mark.parametrize("name", sorted(GOLD["signatures"]))
def test_signatures(name):
    assert differences(getattr(tf.contrib.gan.eval, name), GOLD["signatures"][name]) == []


def test_public_names():
    E = tf.contrib.gan.eval
    assert sorted(n for n in dir(E) if not n.startswith("_")) == GOLD["public"]
    with pytest.raises(AttributeError, match="tensorflow.contrib.gan.eval.sliced_wasserstein"):
        E.sliced_wasserstein   # noqa: B018


@pytest.mark.parametrize("key", sorted(GOLD["errors"]))
def test_errors(got, key):
    have, want = got["errors"][key], GOLD["errors"][key]
    if want is None:
        assert have is None
        return
    assert type(have).__name__ == want.cls
    assert _CLASS.sub(r"<class \1>", str(have)) == _CLASS.sub(r"<class \1>", want.message)
