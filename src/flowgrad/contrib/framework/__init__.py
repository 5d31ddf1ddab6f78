"""tf.contrib.framework: arg_scope and the variable helpers slim uses."""
# ruff: noqa: F401
from .arg_scope import (add_arg_scope, arg_scope, arg_scope_func_key, arg_scoped_arguments,
                        current_arg_scope, has_arg_scope)
from ...engine.framework.constant_op import is_tensor
from ...ops.array_ops import argsort, sort
from ...train import assert_global_step
from .tensor_util import assert_scalar, get_name_scope
from .checkpoint_utils import (init_from_checkpoint, list_variables, load_checkpoint,
                               load_variable)
from .checkpoint_ops import (load_and_remap_matrix_initializer, load_embedding_initializer,
                             load_linear_multiclass_bias_initializer,
                             load_variable_slot_initializer)
from .variables import (add_model_variable, assign_from_checkpoint, assign_from_checkpoint_fn,
                        assign_from_values, assign_from_values_fn, create_global_step,
                        filter_variables, get_global_step, get_local_variables,
                        get_model_variables, get_or_create_global_step,
                        get_trainable_variables, get_unique_variable, get_variable_full_name,
                        get_variables, get_variables_by_name, get_variables_by_suffix,
                        get_variables_to_restore, global_variable, local_variable,
                        model_variable, variable, zero_initializer)
from .deprecation import deprecated, deprecated_arg_values, deprecated_args
from .graph_helpers import (VariableDeviceChooser, assert_or_get_global_step,
                            get_graph_from_inputs, get_placeholders, prepend_name_scope,
                            smart_case, smart_cond, smart_constant_value,
                            strip_name_scope)
from .script_ops import py_func
from ...eager.def_function import BoundedTensorSpec, TensorSpec
from ... import util_nest as nest
from .tensor_checks import (assert_scalar_int, convert_to_tensor_or_sparse_tensor,
                            reduce_sum_n, remove_squeezable_dimensions, with_same_shape,
                            with_shape)
from ...ops.check_ops import assert_same_float_dtype
from ...ops.conv_orthogonal_init import ConvolutionDeltaOrthogonal as convolutional_delta_orthogonal
from ...ops.conv_orthogonal_init import ConvolutionOrthogonal1D as convolutional_orthogonal_1d
from ...ops.conv_orthogonal_init import ConvolutionOrthogonal2D as convolutional_orthogonal_2d
from ...ops.conv_orthogonal_init import ConvolutionOrthogonal3D as convolutional_orthogonal_3d


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.framework.{name}")
