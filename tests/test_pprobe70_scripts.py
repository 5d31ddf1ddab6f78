"""The probe programs of tests/pprobe70_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe70_scripts.py): whole seeded TF1 programs on checkpoints and
graph files: tf.train.Saver's options (var_list dict / list, max_to_keep, sharded,
save_relative_paths, keep_checkpoint_every_n_hours, latest_filename, recover_last_checkpoints),
the checkpoint state file, export / import_meta_graph and resumed training, checkpoint
readers, init_from_checkpoint and contrib's assign_from_checkpoint, freezing with graph_util
and import_graph_def, and the restore errors. saver_options.py found that
Saver.recover_last_checkpoints paired each path with the next existing checkpoint's time
once one was deleted (it now looks each path up on its own, as TF 1.14) and that a
variable on /cpu:1 of a ConfigProto(device_count={"CPU": 2}) session failed placement
(engine/runtime/placement.py now accepts every CPU the config makes); restore_errors.py
found that tf.train.Saver rejected a set as var_list and failed with AttributeError /
"not iterable" on a name, a Variable or an iterator (TF: a set is taken, the others are
its "Variables to save should be passed in a dict or a list" TypeError); meta_graph.py,
reader_init.py and freeze_graph.py matched TF on the base commit and stay as regression
guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe70_scripts")
GOLD = load("seeded", "pprobe70_scripts")
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
