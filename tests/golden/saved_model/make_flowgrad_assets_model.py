"""Writes flowgrad's SavedModel with an asset, tests/golden/saved_model/flowgrad_assets_model/
(run with flowgrad: `python tests/golden/saved_model/make_flowgrad_assets_model.py`);
TF 1.14 loads it in gen_saved_model_assets.py."""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import assets_model  # noqa: E402


def write(tf, export_dir):
    work = tempfile.mkdtemp()
    try:
        assets_model.export(tf, os.path.abspath(export_dir), work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    import flowgrad
    d = os.path.join(HERE, "flowgrad_assets_model")
    shutil.rmtree(d, ignore_errors=True)
    write(flowgrad, d)
