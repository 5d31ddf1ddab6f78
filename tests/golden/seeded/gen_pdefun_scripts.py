"""What the Defun scripts in tests/pdefun_scripts print under TF 1.14: a DANN gradient
reversal Defun with scale_gradient, straight-through estimators (grad_func,
python_grad_func, an overloaded Defun); op names (the functions' hashed names), the
function library, seeded losses."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pdefun_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
