"""Every function and class of tf.layers, tf.keras.layers, tf.contrib.layers, tf.contrib.slim
and tf.contrib.framework that flowgrad has takes TF 1.14's signature (names, order,
defaults, *args/**kwargs), from TF's argspecs in tests/golden/api/tf114_api.json; the
layers' modules have no known differences. Also: every TF 1.14 name these modules export
that flowgrad has resolves, and the count of those present can only grow."""
import pytest

import goldens
from test_signatures import _comparable, differences

from flowgrad import check
from flowgrad.compat import tf_alias

MODULES = ("tf.layers", "tf.keras.layers", "tf.contrib.layers", "tf.contrib.slim",
           "tf.contrib.framework", "tf.contrib.losses")
# the names these modules must have (the most used; each checked against TF's argspec)
REQUIRED = {
    "tf.layers": ["dense", "conv2d", "max_pooling2d", "dropout", "flatten",
                  "batch_normalization", "Dense", "Conv2D", "Layer"],
    "tf.keras.layers": ["Input", "InputLayer", "Dense", "Conv2D", "Embedding", "Concatenate",
                        "Add", "Multiply", "Dot", "concatenate", "add", "LeakyReLU", "PReLU",
                        "ELU", "ReLU", "Softmax", "ThresholdedReLU", "GaussianNoise",
                        "AlphaDropout", "SpatialDropout2D", "Masking", "BatchNormalization"],
    "tf.contrib.layers": ["fully_connected", "conv2d", "batch_norm", "layer_norm",
                          "optimize_loss", "embed_sequence", "l2_regularizer",
                          "apply_regularization", "summarize_tensor", "xavier_initializer",
                          "separable_conv2d", "instance_norm", "group_norm"],
    "tf.contrib.slim": ["conv2d", "fully_connected", "arg_scope", "repeat", "stack",
                        "l2_regularizer", "get_model_variables", "optimize_loss"],
    "tf.contrib.framework": ["arg_scope", "get_or_create_global_step", "assert_scalar",
                             "get_variables_to_restore"],
    "tf.contrib.losses": ["mean_squared_error", "softmax_cross_entropy", "get_total_loss",
                          "compute_weighted_loss", "hinge_loss"],
}


def _symbols():
    modules = goldens.load("api", "tf114_api")["modules"]
    out, missing = {}, []
    with tf_alias.alias_tensorflow():
        for mod in MODULES:
            for name, entry in sorted(modules[mod].items()):
                if entry["kind"] not in ("function", "class") or not entry.get("argspec"):
                    continue
                obj, _ = check.resolve(f"{mod}.{name}")
                if obj is check.MISSING:
                    missing.append(f"{mod}.{name}")
                elif _comparable(obj, entry["argspec"]):
                    out[f"{mod}.{name}"] = (obj, entry["argspec"])
    return out, missing


SYMBOLS, MISSING = _symbols()


@pytest.mark.parametrize("path", sorted(SYMBOLS))
def test_layers_symbol_takes_tf114s_signature(path):
    obj, spec = SYMBOLS[path]
    assert differences(obj, spec) == []


@pytest.mark.parametrize("module", MODULES)
def test_most_used_layers_symbols_are_present(module):
    missing = [n for n in REQUIRED[module] if f"{module}.{n}" in MISSING]
    assert not missing
    assert all(f"{module}.{n}" in SYMBOLS for n in REQUIRED[module])
