"""`tf.train.init_from_checkpoint` (TF 1.14's checkpoint_utils): variable initializers that
read a checkpoint.

Each variable named by the assignment map gets TF's ops: a RestoreV2 op named
`checkpoint_initializer` (inputs `checkpoint_initializer/prefix`, `/tensor_names`,
`/shape_and_slices`) and an `Assign` that becomes the variable's initializer, so
`global_variables_initializer()` loads the checkpoint's values. The checkpoint is
either format (TF's V2 or flowgrad's safetensors); its names and shapes are
checked when the map is applied, its data when the initializer runs.
"""
from __future__ import annotations

from ..ops import array_ops, state_ops
from ..ops import variable_scope as _vs
from ..ops.variables import Variable, is_resource_variable
from .checkpoint_management import _get_checkpoint_filename, load_checkpoint

__all__ = ["init_from_checkpoint"]


def _is_variable(x):
    return isinstance(x, Variable)


def _collect_partitioned_variable(name, all_vars):
    if name + "/part_0" in all_vars:
        out = []
        i = 0
        while f"{name}/part_{i}" in all_vars:
            out.append(all_vars[f"{name}/part_{i}"])
            i += 1
        return out
    return None


def _set_checkpoint_initializer(variable, ckpt_file, tensor_name, slice_spec,
                                name="checkpoint_initializer"):
    from .saver import restore_v2  # lazy: saver imports this module's siblings
    base_type = variable.dtype.base_dtype
    restored = restore_v2(ckpt_file, [tensor_name], [slice_spec], [base_type], name=name)[0]
    restored.set_shape(variable.shape)
    if is_resource_variable(variable):
        # TF's ResourceVariableSaveable.restore: an Identity (the copy to the variable's
        # device), then the assign
        init = variable.assign(array_ops.identity(restored), read_value=False)
    else:
        ref = variable._ref() if hasattr(variable, "_ref") else variable
        init = state_ops.assign(ref, restored,
                                validate_shape=variable.shape.is_fully_defined())
    # TF's saveable restore's result as is: a RefVariable's initializer becomes the Assign's
    # output Tensor, a resource variable's the AssignVariableOp
    variable._initializer_op = init
    variable._initial_value = restored


def _set_variable_or_list_initializer(variable_or_list, ckpt_file, tensor_name):
    if isinstance(variable_or_list, (list, tuple)):
        slice_name = None
        for v in variable_or_list:
            info = v._save_slice_info
            if slice_name is None:
                slice_name = info.full_name
            elif slice_name != info.full_name:
                raise ValueError(f"Slices must all be from the same tensor: {slice_name} != "
                                 f"{info.full_name}")
            _set_checkpoint_initializer(v, ckpt_file, tensor_name, info.spec)
    else:
        _set_checkpoint_initializer(variable_or_list, ckpt_file, tensor_name, "")


def _shape_str(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def init_from_checkpoint(ckpt_dir_or_file, assignment_map):
    """Replaces variables' initializers so they load from a checkpoint (TF 1.14's forms).

    `assignment_map` maps checkpoint names to current variables:
    `'ckpt_scope/': 'scope/'` (every variable of a scope), `'ckpt_scope/name':
    'scope/var'`, `'name': variable`, `'name': [partitions]`, `'/': 'scope/'`
    (the checkpoint's root).

    Raises:
      ValueError: a tensor the map names is not in the checkpoint, a shape
        differs, or a scope maps to a single name (TF's messages).
    """
    ckpt_file = _get_checkpoint_filename(ckpt_dir_or_file)
    reader = load_checkpoint(ckpt_dir_or_file)
    variable_map = reader.get_variable_to_shape_map()
    store_vars = _vs._store().var_store._vars
    for tensor_name_in_ckpt, current in sorted(assignment_map.items()):
        if _is_variable(current) or (isinstance(current, list)
                                     and all(_is_variable(v) for v in current)):
            var = current
        else:
            var = store_vars.get(current)
            if var is None:
                var = _collect_partitioned_variable(current, store_vars)
        if var is not None:
            if tensor_name_in_ckpt not in variable_map:
                raise ValueError(f"Tensor {tensor_name_in_ckpt} is not found in "
                                 f"{ckpt_dir_or_file} checkpoint {variable_map}")
            if _is_variable(var) and not var.shape.is_compatible_with(
                    variable_map[tensor_name_in_ckpt]):
                raise ValueError(
                    f"Shape of variable {var.name} ({_shape_str(var.shape.as_list())}) doesn't "
                    f"match with shape of tensor {tensor_name_in_ckpt} "
                    f"({variable_map[tensor_name_in_ckpt]}) from checkpoint reader.")
            _set_variable_or_list_initializer(var, ckpt_file, tensor_name_in_ckpt)
            continue
        scopes = current[:current.rindex("/")] if "/" in current else ""
        if not tensor_name_in_ckpt.endswith("/"):
            raise ValueError(f"Assignment map with scope only name {scopes} should map to scope "
                             f"only {tensor_name_in_ckpt}. Should be 'scope/': 'other_scope/'.")
        scope_variables = set()
        for var_name in store_vars:
            if not scopes or var_name.startswith(scopes + "/"):
                if "/part_" in var_name:
                    var_name = var_name[:var_name.index("/part_")]
                scope_variables.add(var_name)
        for var_name in sorted(scope_variables):
            full = var_name[len(scopes):]
            if current != "/":
                full = full[1:]
            if tensor_name_in_ckpt != "/":
                full = tensor_name_in_ckpt + full
            if full.endswith("/"):
                full = full[:-1]
            if full not in variable_map:
                raise ValueError(f"Tensor {full} ({var_name[len(scopes) + 1:]} in "
                                 f"{tensor_name_in_ckpt}) is not found in {ckpt_dir_or_file} "
                                 "checkpoint")
            var = store_vars.get(var_name)
            if var is None:
                var = _collect_partitioned_variable(var_name, store_vars)
            _set_variable_or_list_initializer(var, ckpt_file, full)
