"""The probe programs of tests/pprobe64_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe64_scripts.py): whole seeded TF1 programs of word embeddings
and sampled losses: word2vec skip-gram with nce_loss, sampled_softmax_loss with the seeded
candidate samplers, embedding_lookup over partitioned variables (mod / div, max_norm),
embedding_lookup_sparse's combiners, embed_sequence, safe_embedding_lookup_sparse,
compute_accidental_hits, top_k neighbours, SGD / Adagrad's sparse updates.

sampler_edges.py found that the candidate samplers cast a true_classes Tensor of another
dtype to int64 (TF 1.14's op-def conversion raises TypeError; a Python value becomes an
int64 Const, with no Cast op): tests/test_candidate_sampler_inputs.py. The other four
matched TF on the base commit and stay as regression guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe64_scripts")
GOLD = load("seeded", "pprobe64_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) use Eigen's blocking for the host's caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
