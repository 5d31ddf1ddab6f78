"""Keras's serialize_keras_object / deserialize_keras_object (TF 1.14 generic_utils), the
part initializers and regularizers use."""
import inspect


def serialize_keras_object(instance):
    """{'class_name': ..., 'config': instance.get_config()} (or the name of a function)."""
    if instance is None:
        return None
    if hasattr(instance, "get_config"):
        return {"class_name": instance.__class__.__name__, "config": instance.get_config()}
    if hasattr(instance, "__name__"):
        return instance.__name__
    raise ValueError("Cannot serialize", instance)


def deserialize_keras_object(identifier, module_objects=None, custom_objects=None,
                             printable_module_name="object"):
    """An object from a config dict or a name in `module_objects` / `custom_objects`."""
    module_objects = module_objects or {}
    custom_objects = custom_objects or {}
    if isinstance(identifier, dict):
        if "class_name" not in identifier or "config" not in identifier:
            raise ValueError("Improper config format: " + str(identifier))
        class_name = identifier["class_name"]
        cls = custom_objects.get(class_name, module_objects.get(class_name))
        if cls is None:
            raise ValueError("Unknown " + printable_module_name + ": " + class_name)
        cls_config = identifier["config"]
        if hasattr(cls, "from_config"):
            return cls.from_config(cls_config)
        return cls(**cls_config)
    if isinstance(identifier, str):
        obj = custom_objects.get(identifier, module_objects.get(identifier))
        if obj is None:  # TF's message has no space here
            raise ValueError("Unknown " + printable_module_name + ":" + identifier)
        if inspect.isclass(obj):
            return obj()
        return obj
    raise ValueError("Could not interpret serialized " + printable_module_name + ": " +
                     str(identifier))
