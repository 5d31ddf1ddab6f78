"""SavedModels with assets between TF 1.14 and flowgrad (tests/test_saved_model_assets.py;
the model is assets_model.py):

- "tf/files": TF's SavedModel (the bytes of every file), and what TF's loader gives
  (signature output, the content the main op read from assets/, the
  saved_model_assets collection).
- "flowgrad/load": TF loads flowgrad's (flowgrad_assets_model/, from
  make_flowgrad_assets_model.py).
"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import assets_model  # noqa: E402


def _files(d):
    out = {}
    for dp, _, fns in os.walk(d):
        for fn in fns:
            p = os.path.join(dp, fn)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def cases(tf):
    out = {}
    root = tempfile.mkdtemp()
    try:
        work = os.path.join(root, "work")
        os.makedirs(work)
        export = os.path.join(root, "export")
        assets_model.export(tf, export, work)
        shutil.rmtree(work)
        files = _files(export)
        from tensorflow.core.protobuf import saved_model_pb2
        sm = saved_model_pb2.SavedModel()   # TF writes attr maps in any order: fix one
        sm.ParseFromString(files["saved_model.pb"])
        files["saved_model.pb"] = sm.SerializeToString(deterministic=True)
        out["tf/files"] = files
        out["tf/load"] = assets_model.load(tf, export)
        out["flowgrad/load"] = assets_model.load(tf, os.path.join(HERE, "flowgrad_assets_model"))
    finally:
        shutil.rmtree(root)
    return out
