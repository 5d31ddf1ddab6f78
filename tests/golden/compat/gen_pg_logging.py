"""What pg_logging_probe.py writes to stderr under TF 1.14 (tf.logging counters, and the
records absl's handler adds after tf.app.run), absl's time and thread id masked
(tests/test_pg_train_io.py runs the probe with `flowgrad run`)."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "pg_logging_probe.py")


def mask(text):
    """absl's `Lmmdd hh:mm:ss.uuuuuu thread file:line]` prefix without the time and thread."""
    return re.sub(r"^([DIWEF])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ", r"\1mmdd hh:mm:ss tid ",
                  text, flags=re.M)


def stderr_of(cmd, probe=PROBE):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    p = subprocess.run(cmd + [probe, "extra_arg"], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode:
        raise RuntimeError("%s exited with %d:\n%s" % (probe, p.returncode, p.stderr[-4000:]))
    return mask(p.stderr)


PROBES = {"stderr": PROBE, "main_only": os.path.join(HERE, "pg_logging_probe2.py"),
          "basic_config": os.path.join(HERE, "pg_logging_probe3.py")}


def cases(tf):
    return {k: stderr_of([sys.executable], probe) for k, probe in PROBES.items()}
