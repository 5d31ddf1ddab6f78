"""Helper for generators whose goldens are what a script prints under TF 1.14: runs the
script with the oracle's own Python in a subprocess and returns its stdout."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def stdout_of(script, args=(), cwd=None, source=None):
    """stdout of `python <ROOT>/<script> args...` under the running (oracle) Python; stderr
    (TensorFlow's warnings) is dropped, a non-zero exit raises. With `source`, runs that
    text instead (`python -c`), e.g. the script with flowgrad's import replaced."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    cmd = ["-c", source] if source is not None else [os.path.join(ROOT, script)]
    p = subprocess.run([sys.executable] + cmd + list(args), cwd=cwd,
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode:
        raise RuntimeError("%s %s exited with %d:\n%s" % (script, " ".join(args), p.returncode,
                                                          p.stderr[-4000:]))
    return p.stdout
