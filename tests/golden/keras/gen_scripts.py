"""What the tutorial scripts in tests/keras_scripts print under TF 1.14."""
from golden_scripts import stdout_of

SCRIPTS = ["mnist_mlp.py", "lstm_text.py", "python_keras_imports.py"]


def cases(tf):
    return {s: stdout_of("tests/keras_scripts/" + s) for s in SCRIPTS}
