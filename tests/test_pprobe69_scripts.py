"""The probe programs of tests/pprobe69_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe69_scripts.py): whole seeded TF1 input pipelines on tf.data
past the basics: interleave / parallel_interleave (cycle_length, block_length,
sloppy=False), window + flat_map, from_generator, padded_batch (padding_values,
drop_remainder), group_by_window, bucket_by_sequence_length, shard, cache, seeded shuffle
with reshuffle_each_iteration over epochs, filter / skip / take / concatenate / zip,
feedable and reinitializable iterators, unbatch, scan, choose_from_datasets,
sample_from_datasets, rejection_resample, map(num_parallel_calls) and OutOfRangeError, each
feeding a few training steps. iterators_experimental.py found two differences on the base
commit, both fixed: Iterator.make_initializer's nesting error lacked TF's "type=... str=..."
structures and "More specifically" detail (data/_nest.py now shares tf.nest's C++-style
check), and choose_from_datasets / sample_from_datasets raised their own message instead of
"All datasets must have the same type and class." and kept the first dataset's shapes
instead of merging them (data/_sampling.py directed_interleave;
tests/test_data_structure_errors.py). The other four matched TF on the base: they stay as
regression guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe69_scripts")
GOLD = load("seeded", "pprobe69_scripts")
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
