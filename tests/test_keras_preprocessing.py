"""tf.keras.preprocessing against TF 1.14 (tests/golden/keras/gen_preprocessing.py):
sequence, text and array-based image preprocessing. The oracle has neither Pillow nor
SciPy, so the file-based paths (load_img, save_img, flow_from_directory,
flow_from_dataframe) and the affine transforms are checked here against the arrays
they were made from."""
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip("keras_preprocessing")

import flowgrad as tf  # noqa: E402
from goldens import generator, load  # noqa: E402
from test_layers import _compare  # noqa: E402

GOLD = load("keras", "preprocessing")
GEN = generator("keras", "preprocessing")


@pytest.mark.parametrize("case", ["sequence", "text", "image"])
def test_preprocessing_as_tf(case):
    np.random.seed(0)   # as the golden runner seeds NumPy's global generator
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # keras_preprocessing's zca_whitening warning
        got = getattr(GEN, case)(tf)
    _compare(got, GOLD[case], case)


def test_pad_sequences_under_numpy_2_dtypes():
    S = tf.keras.preprocessing.sequence
    out = S.pad_sequences([["x"], ["y", "z"]], dtype=np.str_, value="-")
    assert out.tolist() == [["-", "x"], ["y", "z"]]
    assert S.pad_sequences([[1, 2, 3]], maxlen=2, dtype="int64").dtype == np.int64


def test_pad_sequences_wraps_out_of_range_ints_as_numpy_1_16():
    # TF 1.14's NumPy 1.16 wraps an int that does not fit the dtype, in the sequences
    # and in `value`; NumPy 2 raises OverflowError on a Python int (oracle's output)
    S = tf.keras.preprocessing.sequence
    out = S.pad_sequences([[0.5, 1.5], [2.25], [300]], maxlen=3, dtype="int8", value=0.25)
    assert out.dtype == np.int8 and out.tolist() == [[0, 0, 1], [0, 0, 2], [0, 0, 44]]
    out = S.pad_sequences([[1], [2, 257]], maxlen=3, dtype="uint8", value=-1)
    assert out.tolist() == [[255, 255, 1], [255, 2, 1]]


def _write_tree(root, per_class=3):
    IM = tf.keras.preprocessing.image
    arrays = {}
    rs = np.random.RandomState(0)
    for cls in ["cats", "dogs"]:
        (root / cls).mkdir(parents=True)
        for i in range(per_class):
            x = rs.randint(0, 256, (6, 8, 3)).astype("float32")
            path = root / cls / ("img%d.png" % i)
            IM.save_img(str(path), x, scale=False)
            arrays[(cls, i)] = x
    return arrays


def test_save_load_img_round_trip(tmp_path):
    pytest.importorskip("PIL")
    IM = tf.keras.preprocessing.image
    x = np.random.RandomState(1).randint(0, 256, (5, 7, 3)).astype("float32")
    IM.save_img(str(tmp_path / "a.png"), x, scale=False)
    img = IM.load_img(str(tmp_path / "a.png"))
    assert img.size == (7, 5)
    back = IM.img_to_array(img)
    assert back.dtype == np.float32 and back.shape == (5, 7, 3)
    np.testing.assert_array_equal(back, x)
    gray = IM.img_to_array(IM.load_img(str(tmp_path / "a.png"), color_mode="grayscale",
                                     target_size=(3, 4)))
    assert gray.shape == (3, 4, 1)
    np.testing.assert_array_equal(IM.img_to_array(IM.array_to_img(x, scale=False)), x)
    chw = IM.img_to_array(img, data_format="channels_first", dtype="float64")
    assert chw.shape == (3, 5, 7) and chw.dtype == np.float64


def test_flow_from_directory(tmp_path):
    pytest.importorskip("PIL")
    IM = tf.keras.preprocessing.image
    arrays = _write_tree(tmp_path / "data")
    it = IM.ImageDataGenerator(rescale=0.5).flow_from_directory(
        str(tmp_path / "data"), target_size=(6, 8), batch_size=4, shuffle=False,
        class_mode="sparse")
    # keras_preprocessing's own iterator, as in TF 1.14 (which does not wrap flow_*)
    assert isinstance(it, tf.keras.utils.Sequence)
    assert it.class_indices == {"cats": 0, "dogs": 1} and it.samples == 6
    assert len(it) == 2
    xb, yb = it[0]
    assert xb.dtype == np.float32 and xb.shape == (4, 6, 8, 3)
    np.testing.assert_array_equal(yb, [0, 0, 0, 1])
    np.testing.assert_array_equal(xb[0], arrays[("cats", 0)] * 0.5)
    np.testing.assert_array_equal(it[1][0][1], arrays[("dogs", 2)] * 0.5)
    val = IM.ImageDataGenerator(validation_split=0.34).flow_from_directory(
        str(tmp_path / "data"), target_size=(6, 8), subset="validation", shuffle=False)
    assert val.samples == 2 and val[0][1].shape == (2, 2)


def test_flow_from_dataframe(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("PIL")
    IM = tf.keras.preprocessing.image
    arrays = _write_tree(tmp_path / "data", per_class=2)
    df = pd.DataFrame({"filename": ["cats/img0.png", "dogs/img1.png", "cats/img1.png"],
                       "class": ["cat", "dog", "cat"]})
    it = IM.ImageDataGenerator().flow_from_dataframe(
        df, directory=str(tmp_path / "data"), target_size=(6, 8), batch_size=3,
        shuffle=False, class_mode="categorical")
    xb, yb = it[0]
    np.testing.assert_array_equal(yb, [[1, 0], [0, 1], [1, 0]])
    np.testing.assert_array_equal(xb[1], arrays[("dogs", 1)])


def test_affine_transforms():
    pytest.importorskip("scipy")
    IM = tf.keras.preprocessing.image
    x = np.random.RandomState(2).uniform(0, 1, (9, 9, 2)).astype("float32")
    np.testing.assert_allclose(IM.apply_affine_transform(x, theta=0), x)
    np.testing.assert_allclose(IM.apply_affine_transform(x, theta=360, order=0), x,
                               atol=1e-6)
    shifted = IM.apply_affine_transform(x, tx=1, fill_mode="constant", order=0)
    np.testing.assert_allclose(shifted[:-1], x[1:], atol=1e-6)
    for fn in (lambda: IM.random_rotation(x, 30), lambda: IM.random_shift(x, 0.2, 0.2),
               lambda: IM.random_shear(x, 10), lambda: IM.random_zoom(x, (0.8, 1.2))):
        assert fn().shape == x.shape
    gen = IM.ImageDataGenerator(rotation_range=20, width_shift_range=0.1, zoom_range=0.1)
    out = gen.random_transform(x, seed=3)
    assert out.shape == x.shape and not np.allclose(out, x)


def test_brightness_needs_pil_and_works():
    pytest.importorskip("PIL")
    IM = tf.keras.preprocessing.image
    x = np.zeros((4, 4, 3), np.float32)
    x[:2] = 100.0
    x[0, 0] = 255.0   # array_to_img rescales to [0, 255] first
    out = IM.apply_brightness_shift(x, 1.5)
    np.testing.assert_allclose(out[1], 150.0)
    np.testing.assert_allclose(out[2:], 0.0)


def test_fit_generator_on_image_and_timeseries_generators():
    IM = tf.keras.preprocessing.image
    S = tf.keras.preprocessing.sequence
    x = np.random.RandomState(3).uniform(size=(8, 4, 4, 1)).astype("float32")
    y = np.arange(8) % 2
    with tf.Graph().as_default():
        model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(4, 4, 1)),
                                     tf.keras.layers.Dense(2, activation="softmax")])
        model.compile("sgd", "sparse_categorical_crossentropy")
        hist = model.fit_generator(IM.ImageDataGenerator(horizontal_flip=True).flow(
            x, y, batch_size=4, seed=1), epochs=2, verbose=0)
        assert len(hist.history["loss"]) == 2
    data = np.arange(40, dtype="float32").reshape(20, 2)
    with tf.Graph().as_default():
        model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(3, 2)),
                                     tf.keras.layers.Dense(2)])
        model.compile("sgd", "mse")
        gen = S.TimeseriesGenerator(data, data, length=3, batch_size=5)
        hist = model.fit_generator(gen, epochs=1, verbose=0)
        assert len(hist.history["loss"]) == 1


def test_text_exports_as_tf():
    T = tf.keras.preprocessing.text
    assert not hasattr(T, "tokenizer_from_json")   # TF 1.14 does not export it
    tok = T.Tokenizer(num_words=5)
    tok.fit_on_texts(["a b c", "a b"])
    assert tok.to_json().startswith('{"class_name": "Tokenizer"')


def test_missing_package_names_the_extra(monkeypatch):
    for mod in list(sys.modules):
        if mod.startswith("flowgrad.keras.preprocessing"):
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "keras_preprocessing", None)
    monkeypatch.delattr(tf.keras, "preprocessing", raising=False)
    with pytest.raises(ImportError, match=r"flowgrad\[keras\]"):
        tf.keras.preprocessing  # noqa: B018


def test_flow_batches_and_zca():
    pytest.importorskip("scipy")
    IM = tf.keras.preprocessing.image
    x = GEN._images()
    y = np.arange(7)
    it = IM.ImageDataGenerator(rescale=0.5).flow(x, y, batch_size=3, shuffle=True, seed=11)
    np.random.seed(11)
    it._set_index_array()
    order = it.index_array.copy()
    np.testing.assert_array_equal(order, GOLD["image"]["flow_index"])
    xb, yb = it[0]
    np.testing.assert_array_equal(yb, order[:3])
    np.testing.assert_allclose(xb, x[order[:3]] * 0.5, rtol=1e-6)
    flipped = IM.ImageDataGenerator(horizontal_flip=True).flow(x, y, batch_size=7,
                                                             shuffle=False, seed=1)[0][0]
    for a, b in zip(flipped, x):   # each image as it was or mirrored left-right
        assert np.array_equal(a, b) or np.array_equal(a, b[:, ::-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gen = IM.ImageDataGenerator(zca_whitening=True)
    flat = np.random.RandomState(0).normal(size=(40, 2, 2, 1)).astype("float32")
    gen.fit(flat)
    white = gen.standardize(flat.copy()).reshape(40, -1)
    cov = white.T @ white / 40
    np.testing.assert_allclose(cov, np.eye(4), atol=0.05)
