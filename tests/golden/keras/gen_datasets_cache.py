"""TF 1.14's tf.keras.datasets cifar10, cifar100, imdb and reuters on small synthetic files
in TF's layout, in a Keras cache under a temporary HOME (~/.keras/datasets): CIFAR's
tar.gz archives of Python-2 pickled batches (written opcode by opcode as cPickle wrote the
real ones), imdb.npz / reuters.npz with object arrays of word-id lists and the word-index
JSON files. The npz files do not have the real files' md5, so get_file "downloads" them:
the download is replaced by a copy from a local folder (`serve`), never the network."""
import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
import tempfile

import numpy as np


# -- a Python 2 cPickle (protocol 2) writer for the CIFAR batches --------------------------
def _pstr(b):
    if len(b) < 256:
        return b"U" + bytes([len(b)]) + b
    return b"T" + struct.pack("<i", len(b)) + b


def _pint(i):
    if 0 <= i < 256:
        return b"K" + bytes([i])
    if 0 <= i < 65536:
        return b"M" + struct.pack("<H", i)
    return b"J" + struct.pack("<i", i)


def _pobj(x):
    if isinstance(x, bytes):
        return _pstr(x)
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return _pint(int(x))
    if isinstance(x, list):
        return b"](" + b"".join(_pobj(v) for v in x) + b"e"
    if isinstance(x, np.ndarray):
        dtype = (b"cnumpy\ndtype\n" + _pstr(x.dtype.str[1:].encode()) + _pint(0) + _pint(1) +
                 b"\x87R(" + _pint(3) + _pstr(x.dtype.str[:1].encode()) + b"NNN" +
                 b"J\xff\xff\xff\xffJ\xff\xff\xff\xff" + _pint(0) + b"tb")
        shape = b"(" + b"".join(_pint(d) for d in x.shape) + b"t"
        return (b"cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\n" + _pint(0) +
                b"\x85" + _pstr(b"b") + b"\x87R(" + _pint(1) + shape + dtype + b"\x89" +
                _pstr(np.ascontiguousarray(x).tobytes()) + b"tb")
    raise TypeError(type(x))


def py2_pickle(d):
    return b"\x80\x02}(" + b"".join(_pobj(k) + _pobj(v) for k, v in d.items()) + b"u."


def _tar(path, folder, files):
    with tarfile.open(path, "w:gz") as t:
        for name, data in files:
            info = tarfile.TarInfo(folder + "/" + name)
            info.size = len(data)
            info.mtime = 0
            t.addfile(info, io.BytesIO(data))


def _cifar_batch(rs, n, labels):
    """A batch of n images (TF 1.14's cifar10 wants 10000 a batch): zeros but for a few
    random images, so the archives stay small."""
    data = np.zeros((n, 3072), np.uint8)
    rows = rs.choice(n, min(n, 4), replace=False)
    data[rows] = rs.randint(0, 256, (len(rows), 3072))
    d = {b"batch_label": b"synthetic batch", b"data": data}
    for key, classes in labels:
        d[key] = [int(v) for v in rs.randint(0, classes, n)]
    d[b"filenames"] = [b"img_%d.png" % i for i in range(n)]
    return py2_pickle(d)


def _seqs(rs, n, vocab, lo, hi):
    out = np.empty(n, dtype=object)
    for i in range(n):
        out[i] = [int(v) for v in rs.randint(1, vocab, rs.randint(lo, hi))]
    return out


def make_home():
    """(home, serve): a HOME whose ~/.keras/datasets holds the CIFAR archives and
    placeholder npz files (wrong md5), and a folder with the files get_file downloads."""
    root = tempfile.mkdtemp()
    home, serve = os.path.join(root, "home"), os.path.join(root, "serve")
    cache = os.path.join(home, ".keras", "datasets")
    os.makedirs(cache)
    os.makedirs(serve)
    rs = np.random.RandomState(5)
    files = [("data_batch_%d" % i, _cifar_batch(rs, 10000, [(b"labels", 10)]))
             for i in range(1, 6)]
    files.append(("test_batch", _cifar_batch(rs, 10000, [(b"labels", 10)])))
    _tar(os.path.join(cache, "cifar-10-batches-py.tar.gz"), "cifar-10-batches-py", files)
    labels = [(b"fine_labels", 100), (b"coarse_labels", 20)]
    _tar(os.path.join(cache, "cifar-100-python.tar.gz"), "cifar-100-python",
         [("train", _cifar_batch(rs, 4, labels)), ("test", _cifar_batch(rs, 2, labels)),
          ("meta", py2_pickle({b"fine_label_names": [b"x"]}))])
    np.savez(os.path.join(serve, "imdb.npz"), x_train=_seqs(rs, 6, 30, 2, 9),
             y_train=rs.randint(0, 2, 6), x_test=_seqs(rs, 4, 30, 2, 9),
             y_test=rs.randint(0, 2, 4))
    np.savez(os.path.join(serve, "reuters.npz"), x=_seqs(rs, 10, 40, 3, 12),
             y=rs.randint(0, 46, 10))
    for name, words in [("imdb_word_index.json", {"the": 1, "and": 2, "film": 19}),
                        ("reuters_word_index.json", {"said": 1, "mln": 3})]:
        with open(os.path.join(serve, name), "w") as f:
            json.dump(words, f)
    with open(os.path.join(cache, "imdb.npz"), "wb") as f:   # damaged: re-downloaded
        f.write(b"not the file")
    return home, serve


def _summary(x):
    """An array, or for a large one its shape, dtype, sha256 and the images that are not
    zero."""
    if x.dtype == object:
        return ["object", [list(v) for v in x]]
    if x.size <= 20000:
        return x
    flat = x.reshape(len(x), -1)
    nonzero = [int(i) for i in np.nonzero(flat.any(axis=1))[0]]
    return ["large", list(x.shape), str(x.dtype),
            hashlib.sha256(np.ascontiguousarray(x).tobytes()).hexdigest(), nonzero,
            x[nonzero]]


def _arrays(result):
    (xtr, ytr), (xte, yte) = result
    return [_summary(xtr), _summary(ytr), _summary(xte), _summary(yte)]


def run_all(datasets):
    out = {}
    out["cifar10"] = _arrays(datasets.cifar10.load_data())
    out["cifar100_fine"] = _arrays(datasets.cifar100.load_data())
    out["cifar100_coarse"] = _arrays(datasets.cifar100.load_data("coarse"))
    out["imdb"] = _arrays(datasets.imdb.load_data())
    out["imdb_args"] = _arrays(datasets.imdb.load_data(num_words=20, skip_top=2, maxlen=8,
                                                       seed=7, start_char=None,
                                                       oov_char=None, index_from=2))
    out["imdb_oov"] = _arrays(datasets.imdb.load_data(num_words=15, maxlen=10))
    out["reuters"] = _arrays(datasets.reuters.load_data())
    out["reuters_args"] = _arrays(datasets.reuters.load_data(num_words=25, test_split=0.5,
                                                             seed=1, maxlen=9))
    out["imdb_index"] = datasets.imdb.get_word_index()
    out["reuters_index"] = datasets.reuters.get_word_index()
    out["after"] = np.random.rand(2)
    return out


def cases(tf):
    from tensorflow.python.keras.utils import data_utils
    home, serve = make_home()
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = home

    def fake_urlretrieve(url, filename, reporthook=None):
        shutil.copy(os.path.join(serve, url.rsplit("/", 1)[1]), filename)
    real = data_utils.urlretrieve
    data_utils.urlretrieve = fake_urlretrieve
    # TF 1.14's reuters.load_data reads reuters.npz with np.load's default, which NumPy
    # 1.16.3+ (the oracle's 1.16.6) refuses for object arrays; TF 1.14 was made against
    # the NumPy that allowed it, so the oracle loads it that way
    real_load = np.load

    def load(*a, **k):
        k.setdefault("allow_pickle", True)
        return real_load(*a, **k)
    np.load = load
    try:
        out = run_all(tf.keras.datasets)
    finally:
        np.load = real_load
        data_utils.urlretrieve = real
        if old_home is None:
            del os.environ["HOME"]
        else:
            os.environ["HOME"] = old_home
    return out
