"""What the custom- and advanced-gradient scripts in tests/pgrad_scripts print under TF
1.14: gradient overrides, custom gradients, second order (Hessians, MAML), clipping,
optimize_loss, colocated gradients, saliency; each prints op names or seeded values drawn
after its gradients, so it matches only when every gradient op is created as TF's."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pgrad_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
