"""What the tutorial scripts in tests/estimator_scripts print under TF 1.14."""
from golden_scripts import stdout_of

SCRIPTS = ["census_linear_csv.py", "custom_model_fn.py", "dnn_numpy_columns.py",
           "iris_contrib_learn.py", "wide_n_deep_contrib.py"]


def cases(tf):
    return {s: stdout_of("tests/estimator_scripts/" + s) for s in SCRIPTS}
