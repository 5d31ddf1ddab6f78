"""tf.contrib.learn.datasets.base's CSV loaders under TF 1.14: load_csv_with_header (the
iris quickstart's loader: header `n_samples,n_features,...`), load_csv_without_header,
shrink_csv, on files written here; values, dtypes, shapes and the error for a file with
more rows than its header says. tests/test_contrib_learn_csv.py runs the same `cases`."""
import os
import shutil
import tempfile

import numpy as np

HEADER_ROWS = ["6,3,a,b,c", "5.1,3.5,1.4,0", "4.9,3.0,1.4,1", "6.3,2.9,5.6,2",
               "5.8,2.7,5.1,2", "7.1,3.0,5.9,1", "6.5,3.0,5.2,0"]
PLAIN_ROWS = ["1,0.5,x2", "2,1.5,x7", "3,2.5,x9"]


def _write(d, name, rows):
    p = os.path.join(d, name)
    with open(p, "w") as f:
        f.write("\n".join(rows) + "\n")
    return p


def _ds(ds):
    def value(a):  # strings as lists (goldens keep string arrays as bytes)
        return a.tolist() if a.dtype.kind == "U" else a
    return {"data": value(ds.data), "target": value(ds.target),
            "dtypes": [str(ds.data.dtype), str(ds.target.dtype)],
            "types": [type(ds).__name__, ds._fields]}


def cases(tf):
    base = tf.contrib.learn.datasets.base
    d = tempfile.mkdtemp()
    try:
        out = {}
        p = _write(d, "iris.train.csv", HEADER_ROWS)
        out["with_header"] = _ds(base.load_csv_with_header(p, target_dtype=np.int32,
                                                           features_dtype=np.float32))
        out["with_header_col0"] = _ds(base.load_csv_with_header(
            p, target_dtype=np.float64, features_dtype=np.float64, target_column=0))
        q = _write(d, "plain.csv", PLAIN_ROWS)
        out["without_header"] = _ds(base.load_csv_without_header(
            q, target_dtype=np.str_, features_dtype=np.float32))
        out["without_header_col0"] = _ds(base.load_csv_without_header(
            q, target_dtype=np.int64, features_dtype=np.str_, target_column=0))
        base.shrink_csv(p, 3)
        out["shrunk_files"] = sorted(os.listdir(d))
        with open(os.path.join(d, "iris_small.train_small.csv")) as f:
            out["shrunk"] = f.read()
        bad = _write(d, "bad.csv", ["1,3"] + HEADER_ROWS[1:3])
        try:
            base.load_csv_with_header(bad, target_dtype=np.int32, features_dtype=np.float32)
            out["too_many_rows"] = "no error"
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            out["too_many_rows"] = [type(e).__name__, str(e)]
        return out
    finally:
        shutil.rmtree(d)
