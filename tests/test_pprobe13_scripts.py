"""The probe programs of tests/pprobe13_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe13_scripts.py): production-style input pipelines: sharded
TFRecord files (plain and GZIP) through interleave / parallel_interleave and parse_example,
SequenceExamples into bucket_by_sequence_length, reinitializable and feedable iterators,
from_generator pipelines, feature columns from parsed examples, queue runners with
TFRecordReader / shuffle_batch / batch_join, CSV and text readers, sparse parsing specs and
the dataset TFRecordWriter, CIFAR-style fixed-length records, iterator checkpoints; op counts
and values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe13_scripts")
GOLD = load("seeded", "pprobe13_scripts")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon: TF's float32 Sqrt/Rsqrt (ApplyAdam,
    # ApplyAdagrad, per_image_standardization) used its RSQRTPS table, its products
    # Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
