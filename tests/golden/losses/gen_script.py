"""What examples/tf1_scripts/losses_metrics.py prints under TF 1.14 (tests/test_losses.py
runs it with `flowgrad run`)."""
from golden_scripts import stdout_of


def cases(tf):
    return {"losses_metrics": stdout_of("examples/tf1_scripts/losses_metrics.py")}
