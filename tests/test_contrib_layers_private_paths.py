"""tf.contrib.layers' private modules, as TF1 programs import them (BERT-BiLSTM-CRF-NER's
`from tensorflow.contrib.layers.python.layers import initializers`, `... import layers as
layers_lib`, `... import optimizers`), under `flowgrad run`'s alias: each name is
tf.contrib.layers' public one, as in TF 1.14 (checked with the oracle: the modules of
contrib/layers/python/layers hold the functions tf.contrib.layers exports)."""
import pytest

from flowgrad.compat.tf_alias import alias_tensorflow

# module: names TF 1.14's module holds (from its __all__ or its definitions)
MODULES = {
    "initializers": ["xavier_initializer", "xavier_initializer_conv2d",
                     "variance_scaling_initializer"],
    "layers": ["fully_connected", "conv2d", "batch_norm", "layer_norm", "dropout", "flatten",
               "max_pool3d", "softmax", "maxout", "legacy_fully_connected", "spatial_softmax",
               "pool", "gdn", "GDN", "scale_gradient", "dense_to_sparse"],
    "optimizers": ["optimize_loss", "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES"],
    "regularizers": ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer",
                     "sum_regularizer", "apply_regularization"],
    "utils": ["collect_named_outputs", "last_dimension", "smart_cond", "constant_value"],
    "normalization": ["group_norm", "instance_norm"],
    "summaries": ["summarize_tensor", "summarize_activations"],
    "encoders": ["bow_encoder", "embed_sequence"],
    "embedding_ops": ["safe_embedding_lookup_sparse", "embedding_lookup_unique",
                      "scattered_embedding_lookup", "scattered_embedding_lookup_sparse",
                      "embedding_lookup_sparse_with_distributed_aggregation"],
    "feature_column": ["real_valued_column", "embedding_column"],
    "feature_column_ops": ["input_from_feature_columns"],
    "rev_block_lib": ["recompute_grad", "rev_block", "RevBlock"],
}


# names TF 1.14's modules hold that tf.contrib.layers does not export (checked with the oracle)
NOT_EXPORTED = {"pool", "scattered_embedding_lookup", "scattered_embedding_lookup_sparse",
                "embedding_lookup_sparse_with_distributed_aggregation",
                "collect_named_outputs", "last_dimension", "smart_cond", "constant_value"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_contrib_layers_private_module_holds_the_public_names(module):
    import importlib

    with alias_tensorflow():
        tf = importlib.import_module("tensorflow")
        mod = importlib.import_module("tensorflow.contrib.layers.python.layers." + module)
        for name in MODULES[module]:
            value = getattr(mod, name)
            if name in NOT_EXPORTED:
                assert not hasattr(tf.contrib.layers, name), name
                assert value.__module__.startswith("flowgrad.contrib.layers."), name
            else:
                assert value is getattr(tf.contrib.layers, name), name


def test_contrib_layers_private_imports_in_a_script():
    src = """
import tensorflow as tf
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import layers as layers_lib
from tensorflow.contrib.layers.python.layers import optimizers, utils
from tensorflow.contrib.layers.python.layers.optimizers import adaptive_clipping_fn
from tensorflow.contrib.layers.python import layers
w = tf.get_variable("W", [3, 2], initializer=initializers.xavier_initializer(seed=4))
assert w.shape.as_list() == [3, 2]
h = layers_lib.fully_connected(tf.ones([2, 3]), 4, scope="fc")
assert h.name == "fc/Relu:0"
assert optimizers.adaptive_clipping_fn is adaptive_clipping_fn
assert layers.layer_norm is tf.contrib.layers.layer_norm
assert utils.last_dimension(tf.TensorShape([2, 5])) == 5
"""
    with alias_tensorflow():
        exec(compile(src, "<script>", "exec"), {})
        # TF 1.14 has contrib/layers/python/layers/target_column.py; flowgrad does not
        with pytest.raises(ModuleNotFoundError, match="flowgrad does not implement "
                           "tensorflow.contrib.layers.python.layers.target_column"):
            exec("from tensorflow.contrib.layers.python.layers import target_column", {})

