"""Keras TensorBoard embeddings against TF 1.14 (tests/golden/keras/gen_tb_embeddings.py):
the projector config, the checkpoint files and their variables' values, the error
without embeddings_data."""
import re

import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "tb_embeddings")
GEN = generator("keras", "tb_embeddings")


@pytest.mark.parametrize("case", ["default", "named"])
def test_embeddings_written_as_tf(case, monkeypatch):
    kw = {"default": dict(embeddings_freq=2, embeddings_metadata="meta.tsv"),
          "named": dict(embeddings_freq=1, embeddings_layer_names=["embedding", "out"],
                        embeddings_metadata={"out": "labels.tsv"})}[case]
    got, want = GEN._run(tf, **kw), dict(GOLD[case])
    # TF's loop saves the same prefix once per batch; flowgrad's atomic rewrite of a
    # prefix whose data file the old index still names writes `-of-00002` (the old file
    # stays valid until the new index replaces it), TF overwrites `-of-00001` in place
    shards = re.compile(r"data-00000-of-\d{5}$")
    got["files"] = [shards.sub("data-00000-of-N", f) for f in got["files"]]
    want["files"] = [shards.sub("data-00000-of-N", f) for f in want["files"]]
    _compare(got, want, case)


def test_embeddings_without_data_as_tf():
    assert GEN.cases(tf)["no_data"] == GOLD["no_data"]
