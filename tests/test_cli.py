"""The `flowgrad` command: run, demo, seed."""
import os
import subprocess
import sys
import textwrap

import pytest

import flowgrad
from flowgrad import cli

ROOT = os.path.dirname(os.path.dirname(__file__))


def flowgrad_cmd(*args, cwd=None):
    """`flowgrad ARGS` in a fresh interpreter, as the console script runs it."""
    return subprocess.run([sys.executable, "-m", "flowgrad.cli", *args], cwd=cwd, check=False,
                          capture_output=True, text=True)


def write(tmp_path, name, code):
    path = tmp_path / name
    path.write_text(textwrap.dedent(code))
    return str(path)


def test_run_passes_argv_and_runs_as_main(tmp_path):
    script = write(tmp_path, "show.py", """
        import os, sys
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        print(__name__, os.path.basename(sys.argv[0]), sys.argv[1:])
        print(sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
        with tf.Session() as sess:
            print(sess.run(tf.constant(2.0) * 3.0))
        sys.exit(3)
        """)
    out = flowgrad_cmd("run", script, "--flag=1", "pos", "-x")
    assert out.returncode == 3, out.stderr
    assert out.stdout == "__main__ show.py ['--flag=1', 'pos', '-x']\nTrue\n6.0\n"


def test_run_names_the_missing_tf_symbol_and_line(tmp_path):
    write(tmp_path, "uses_contrib.py", """
        import tensorflow as tf

        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.contrib.proto.decode_proto(x)
        """)
    out = flowgrad_cmd("run", "uses_contrib.py", cwd=str(tmp_path))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert lines[-1] == ("AttributeError: flowgrad does not implement tensorflow.contrib"
                         ".proto (used by uses_contrib.py line 5)")
    # TF 1.14's contrib-sunset warning comes first (the first use of tf.contrib)
    assert lines[0] == "WARNING:tensorflow:"
    start = lines.index("Traceback (most recent call last):")
    assert "uses_contrib.py" in lines[start + 1] and "runpy" not in out.stderr


def test_run_missing_import_is_an_import_error(tmp_path):
    script = write(tmp_path, "imports.py", """
        try:
            from tensorflow.contrib import proto
        except ImportError as e:
            print(e)
        """)
    out = flowgrad_cmd("run", script)
    assert out.returncode == 0
    assert out.stdout.startswith("flowgrad does not implement tensorflow.contrib."
                                 "proto (used by ")
    assert out.stdout.endswith("imports.py line 3)\n")


def test_run_restores_the_interpreter(tmp_path, capsys):
    script = write(tmp_path, "ok.py", "import tensorflow as tf\nprint(tf.__name__)\n")
    argv, path = list(sys.argv), list(sys.path)
    assert cli.run_script(script, ["a"]) == 0
    assert capsys.readouterr().out == "tensorflow\n"
    assert sys.argv == argv and sys.path == path
    assert "tensorflow" not in sys.modules or sys.modules["tensorflow"].__name__ == "tensorflow"
    assert not any(type(m).__name__ == "AliasModule" for m in list(sys.modules.values()))


def test_run_missing_script(tmp_path):
    out = flowgrad_cmd("run", str(tmp_path / "nope.py"))
    assert out.returncode == 2
    assert "nope.py: no such file" in out.stderr


def test_run_reports_an_exception_like_python(tmp_path, capsys):
    script = write(tmp_path, "boom.py", "import tensorflow as tf\nraise RuntimeError('boom')\n")
    assert cli.run_script(script) == 1
    assert capsys.readouterr().err.strip().endswith("RuntimeError: boom")


def test_seed_still_runs_the_design_notes_examples():
    out = flowgrad_cmd("seed")
    assert out.returncode == 0, out.stderr
    assert "[6.0]" in out.stdout and "[27.0]" in out.stdout
    assert "[array([ 2., 12.], dtype=float32)]" in out.stdout


def test_demo_help_lists_its_flags():
    out = flowgrad_cmd("demo", "--help")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Train a 64-64-10 MLP")
    for flag in ("--logdir", "--steps", "--batch_size", "--[no]progress"):
        assert flag in out.stdout


def test_no_command_is_a_usage_error():
    with pytest.raises(SystemExit) as e:
        cli.main([])
    assert e.value.code == 2


def test_demo_shows_progress_and_resumes(tmp_path):
    logdir = str(tmp_path / "digits")
    out = flowgrad_cmd("demo", "--logdir", logdir, "--steps", "300")
    assert out.returncode == 0, out.stderr
    assert "training: 100%" in out.stderr and "loss=" in out.stderr and "acc=" in out.stderr
    assert "Step 300: test loss" in out.stdout
    out = flowgrad_cmd("demo", "--logdir", logdir, "--steps", "20", "--noprogress")
    assert out.returncode == 0, out.stderr
    assert f"Resumed from {os.path.join(logdir, 'model.ckpt-300')} at step 300" in out.stdout
    assert "Step 320: test loss" in out.stdout


def test_console_script_is_installed():
    script = os.path.join(os.path.dirname(sys.executable), "flowgrad")
    out = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    for cmd in ("run", "demo", "seed"):
        assert cmd in out.stdout


def test_demo_without_the_demo_extra_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    assert cli.main(["demo"]) == 1
    assert capsys.readouterr().err == "flowgrad demo needs sklearn: pip install 'flowgrad[demo]'\n"


def test_version_and_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "flowgrad", "--version"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"flowgrad {flowgrad.__version__} (the TensorFlow 1.14.0 API)\n"


@pytest.mark.parametrize("args, message", [
    (["run"], "flowgrad run: error: the following arguments are required: SCRIPT "
              "(see 'flowgrad run --help')"),
    ([], "flowgrad: error: the following arguments are required: COMMAND "
         "(see 'flowgrad --help')"),
    (["seed", "x"], "flowgrad: error: unrecognized arguments: x (see 'flowgrad --help')"),
])
def test_usage_errors_are_one_line(args, message, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(args)
    assert e.value.code == 2
    assert capsys.readouterr().err == message + "\n"
