"""Writes tests/golden/keras/flowgrad_saved_model/<name>.json.gz: the SavedModel flowgrad
exports for each trained compiled model of gen_saved_model.TRAINED ({file: base64}), the
files TF 1.14 loads in gen_saved_model.py. Run from the repository root:

    PYTHONPATH=src .venv/bin/python tests/golden/keras/make_saved_model.py
"""
import base64
import gzip
import json
import os
import shutil
import sys
import tempfile

import flowgrad as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_saved_model as gen  # noqa: E402


def files(d):
    return {rel: base64.b64encode(data).decode("ascii")
            for rel, data in sorted(gen._files(d).items())}


if __name__ == "__main__":
    os.makedirs(gen.FLOWGRAD_FILES, exist_ok=True)
    for name in sorted(gen.TRAINED):
        root = tempfile.mkdtemp()
        try:
            d = os.path.join(root, "m")
            gen.export_trained(tf, name, d)
            data = json.dumps(files(d), indent=0, sort_keys=True).encode("utf-8")
            with open(os.path.join(gen.FLOWGRAD_FILES, name + ".json.gz"), "wb") as f:
                f.write(gzip.compress(data, 9, mtime=0))
        finally:
            shutil.rmtree(root)
        print("wrote", name)
