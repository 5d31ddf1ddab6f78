"""tf.keras.applications against TF 1.14 (tests/golden/keras/gen_applications.py): each
architecture's layers, parameters, weight names and shapes and op count, its seeded
output on a small input, preprocess_input and decode_predictions; `weights='imagenet'`
through tf.keras.utils.get_file with the download faked (tests never use the network)."""
import os
import shutil
import sys

import numpy as np
import pytest

pytest.importorskip("keras_applications")

import flowgrad as tf  # noqa: E402
from flowgrad.keras import data_utils  # noqa: E402
from goldens import generator, load  # noqa: E402
from test_layers import _compare  # noqa: E402

GOLD = load("keras", "applications")
GEN = generator("keras", "applications")
NAMES = [s[0] for s in GEN.SPECS]
# outputs cheap enough for the default suite (the others run with -m slow)
FAST_OUTPUTS = ("MobileNet", "VGG19", "DenseNet121")


@pytest.mark.parametrize("name", NAMES)
def test_architecture_as_tf(name):
    got = GEN.build(tf, name, with_output=False)
    want = dict(GOLD["arch_" + name])
    want.pop("output", None)
    _compare(got, want, name)


@pytest.mark.parametrize("name", [
    n if n in FAST_OUTPUTS else pytest.param(n, marks=pytest.mark.slow)
    for n in NAMES if "output" in GOLD["arch_" + n]])
def test_seeded_output_as_tf(name):
    got = GEN.build(tf, name)
    want = GOLD["arch_" + name]["output"]
    scale = max(1.0, float(np.abs(want).max()))
    np.testing.assert_allclose(got["output"], want, rtol=1e-4, atol=1e-5 * scale,
                               err_msg=name)


def test_preprocess_input_as_tf():
    _compare(GEN.preprocess(tf), GOLD["preprocess"], "preprocess")


def test_decode_predictions_as_tf():
    _compare(GEN.decode(tf), GOLD["decode"], "decode")


def test_argument_errors_as_tf():
    assert GEN.errors(tf) == GOLD["errors"]


def test_exports_and_signatures():
    A = tf.keras.applications
    assert A.MobileNet is A.mobilenet.MobileNet
    assert A.MobileNet.__name__ == "MobileNet"
    import inspect
    assert str(inspect.signature(A.vgg16.preprocess_input)) == "(*args, **kwargs)"
    assert not hasattr(A, "ResNet101")   # TF 1.14 exposes ResNet50 only


def test_input_tensor_as_tf():
    # keras_applications checks input_tensor with TF's internal backend.is_keras_tensor
    # (which the public tf.keras.backend lacks): a Keras Input is the model's input, any
    # other tensor is wrapped by Input(tensor=...), a non-tensor is TF's ValueError
    with tf.Graph().as_default():
        A = tf.keras.applications
        inp = tf.keras.layers.Input((32, 32, 3))
        m = A.MobileNet(weights=None, input_tensor=inp, alpha=0.25, classes=3)
        assert m.inputs[0] is inp and m.layers[0].name == "input_1"
        assert m.count_params() == 219315   # TF 1.14's
        ph = tf.placeholder(tf.float32, [None, 32, 32, 3], name="images")
        m2 = A.MobileNet(weights=None, input_tensor=ph, alpha=0.25, classes=3)
        assert (m2.inputs[0].name, m2.layers[0].name, len(m2.layers)) == \
            ("images:0", "input_2", 93)
        with pytest.raises(ValueError, match=r"^Unexpectedly found an instance of type "
                           r"`<class 'int'>`. Expected a symbolic tensor instance.$"):
            A.MobileNet(weights=None, input_tensor=3, alpha=0.25)
        assert not hasattr(tf.keras.backend, "is_keras_tensor")


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """HOME in tmp_path and downloads served from `served` {url: local file}; ~/.keras
    exists, else get_file would use /tmp/.keras as TF does."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    os.makedirs(tmp_path / "home" / ".keras")
    served, fetched = {}, []

    def fake_download(origin, fpath):
        fetched.append(origin)
        if origin not in served:
            raise Exception("URL fetch failure on {}: None -- offline test".format(origin))
        shutil.copyfile(served[origin], fpath)

    monkeypatch.setattr(data_utils, "_download", fake_download)
    return tmp_path, served, fetched


def _mobilenet(weights):
    return tf.keras.applications.MobileNet(weights=weights, alpha=0.25, include_top=False,
                                           input_shape=(128, 128, 3))


def test_imagenet_weights_download_through_get_file(keras_home):
    pytest.importorskip("h5py")
    tmp, served, fetched = keras_home
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        src = _mobilenet(None)
        sess = tf.keras.backend.get_session()
        sess.run(tf.global_variables_initializer())
        want = sess.run(src.weights)
        src.save_weights(str(tmp / "w.h5"))
    url = ("https://github.com/fchollet/deep-learning-models/releases/download/v0.6/"
           "mobilenet_2_5_128_tf_no_top.h5")
    served[url] = str(tmp / "w.h5")
    for _ in range(2):   # the second build reads the cached file
        with tf.Graph().as_default():
            model = _mobilenet("imagenet")
            got = tf.keras.backend.get_session().run(model.weights)
        for a, b in zip(got, want):
            np.testing.assert_array_equal(a, b)
    assert fetched == [url]
    assert os.path.exists(tmp / "home" / ".keras" / "models" /
                          "mobilenet_2_5_128_tf_no_top.h5")
    with tf.Graph().as_default():   # a weights file given by its path
        model = _mobilenet(str(tmp / "w.h5"))
        got = tf.keras.backend.get_session().run(model.weights[0])
    np.testing.assert_array_equal(got, want[0])


def test_imagenet_weights_offline_fails_as_get_file(keras_home):
    with tf.Graph().as_default(), pytest.raises(Exception, match="URL fetch failure on "
                                                "https://github.com/fchollet/"):
        tf.keras.applications.VGG16(weights="imagenet", include_top=False,
                                    input_shape=(32, 32, 3))


def test_decode_predictions_downloads_the_class_index(keras_home, monkeypatch):
    import json
    import keras_applications.imagenet_utils as iu
    tmp, served, fetched = keras_home
    monkeypatch.setattr(iu, "CLASS_INDEX", None)
    index = {str(i): ["n%08d" % i, "name_%d" % i] for i in range(1000)}
    with open(tmp / "index.json", "w") as f:
        json.dump(index, f)
    url = ("https://storage.googleapis.com/download.tensorflow.org/data/"
           "imagenet_class_index.json")
    served[url] = str(tmp / "index.json")
    preds = np.zeros((1, 1000), np.float32)
    preds[0, 17] = 0.9
    preds[0, 3] = 0.05
    top = tf.keras.applications.resnet50.decode_predictions(preds, top=2)
    assert [list(t[:2]) for t in top[0]] == [["n00000017", "name_17"],
                                            ["n00000003", "name_3"]]
    assert fetched == [url]


def test_missing_package_names_the_extra(monkeypatch):
    for mod in list(sys.modules):
        if mod.startswith("flowgrad.keras.applications"):
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "keras_applications", None)
    monkeypatch.delattr(tf.keras, "applications", raising=False)
    with pytest.raises(ImportError, match=r"flowgrad\[keras\]"):
        tf.keras.applications  # noqa: B018
