"""The probe programs of tests/pprobe73_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe73_scripts.py): whole seeded TF1 programs of Transformer and
BERT as google-research/bert and tensor2tensor-era code write them: modeling.py's
embeddings (embedding_lookup's gather and one_hot paths, token-type embeddings, position
embeddings by tf.slice under assert_less_equal, contrib layer_norm, a CRF head;
bert_embeddings.py),
transformer_model's attention (input_mask to an attention mask, multi-head attention by
tf.layers.dense and reshape / transpose, gelu in the erf and tanh forms, the pooler and a
classifier; bert_encoder_attention.py), get_assignment_map_from_checkpoint and
tf.train.init_from_checkpoint from a checkpoint the script saved (scope maps, a partitioned
target, the ValueErrors; bert_init_from_checkpoint.py), optimization.py's
AdamWeightDecayOptimizer with polynomial_decay, warmup and clip_by_global_norm
(bert_optimization.py), and a tensor2tensor decoder with sinusoidal timing signals,
attention biases, label smoothing and contrib.layers.optimize_loss
(t2t_transformer_smoothing.py).

bert_encoder_attention.py, bert_init_from_checkpoint.py, bert_optimization.py and
t2t_transformer_smoothing.py matched TF on the base commit (0a1c0189): they stay as
regression guards. bert_embeddings.py's CRF head (BERT-BiLSTM-CRF-NER's) imports
`from tensorflow.contrib.layers.python.layers import initializers`, a private module path
flowgrad's alias did not know (ModuleNotFoundError on the base); compat/tf_alias.py now maps
contrib/layers/python/layers' modules to the flowgrad modules holding their names
(tests/test_contrib_layers_private_paths.py)."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe73_scripts")
GOLD = load("seeded", "pprobe73_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
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
