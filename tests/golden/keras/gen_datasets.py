"""TF 1.14's tf.keras.datasets loaders on synthetic cache files: boston_housing's seeded
shuffle and split, fashion_mnist's IDX parsing (each loader's download step replaced by
a function returning the synthetic files)."""
import gzip
import os
import tempfile

import numpy as np


def make_files():
    d = tempfile.mkdtemp()
    rs = np.random.RandomState(0)
    np.savez(os.path.join(d, "boston.npz"), x=rs.rand(23, 13), y=rs.rand(23) * 50)
    paths = []
    for name, n, images in [("train-labels", 5, False), ("train-images", 5, True),
                            ("t10k-labels", 2, False), ("t10k-images", 2, True)]:
        body = rs.randint(0, 256, n * 784 if images else n).astype(np.uint8).tobytes()
        header = b"\0" * (16 if images else 8)
        p = os.path.join(d, name + ".gz")
        with gzip.open(p, "wb") as f:
            f.write(header + body)
        paths.append(p)
    return os.path.join(d, "boston.npz"), paths


def boston(load_data, path):
    out = {}
    for kw in [{}, {"test_split": 0.5, "seed": 3}]:
        (xtr, ytr), (xte, yte) = load_data(**kw)
        out[str(sorted(kw.items()))] = [xtr, ytr, xte, yte]
    out["after"] = np.random.rand(2)
    return out


def fashion(load_data):
    (xtr, ytr), (xte, yte) = load_data()
    return [xtr, ytr, xte, yte]


def cases(tf):
    from tensorflow.python.keras.datasets import boston_housing, fashion_mnist
    path, paths = make_files()
    boston_housing.get_file = lambda *a, **k: path
    names = ["train-labels", "train-images", "t10k-labels", "t10k-images"]
    fashion_mnist.get_file = lambda fname, **k: paths[
        [i for i, n in enumerate(names) if fname.startswith(n)][0]]
    return {"boston": boston(tf.keras.datasets.boston_housing.load_data, path),
            "fashion": fashion(tf.keras.datasets.fashion_mnist.load_data)}
