"""What the scripts in tests/pcritical_scripts print under TF 1.14: TF1 programs that
guard shared state with tf.CriticalSection from several Session.run threads (a step
counter bumped by an unlocked assign, a ring-buffer queue in variables)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pcritical_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
