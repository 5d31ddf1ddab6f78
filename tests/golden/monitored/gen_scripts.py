"""What the tutorial scripts in tests/monitored_scripts print under TF 1.14."""
from golden_scripts import stdout_of

SCRIPTS = ["mts_linear.py", "supervisor_loop.py", "mts_chief_hooks.py"]


def cases(tf):
    return {s: stdout_of("tests/monitored_scripts/" + s) for s in SCRIPTS}
