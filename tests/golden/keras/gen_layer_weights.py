"""What tests/keras_scripts/layer_get_weights.py prints under TF 1.14 (Layer.get_weights
outside a `with Session` block). A generator of its own: gen_scripts.py's lstm_text.py needs
the h5py the oracle had when it was made."""
from golden_scripts import stdout_of


def cases(tf):
    return {"layer_get_weights.py": stdout_of("tests/keras_scripts/layer_get_weights.py")}
