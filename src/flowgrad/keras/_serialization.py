"""Keras's object (de)serialization and custom objects (TF 1.14 keras/utils/generic_utils):
serialize_keras_object / deserialize_keras_object, the global custom objects
(get_custom_objects) and CustomObjectScope / custom_object_scope."""
import inspect

__all__ = ["CustomObjectScope", "custom_object_scope", "get_custom_objects",
           "serialize_keras_object", "deserialize_keras_object", "lookup_custom"]

_GLOBAL_CUSTOM_OBJECTS = {}


class CustomObjectScope(object):
    """A `with` block in which the given {name: object} dicts are global custom objects
    (deserialization finds them by name); the previous set is restored on exit."""

    def __init__(self, *args):
        self.custom_objects = args
        self.backup = None

    def __enter__(self):
        self.backup = _GLOBAL_CUSTOM_OBJECTS.copy()
        for objects in self.custom_objects:
            _GLOBAL_CUSTOM_OBJECTS.update(objects)
        return self

    def __exit__(self, *args, **kwargs):
        _GLOBAL_CUSTOM_OBJECTS.clear()
        _GLOBAL_CUSTOM_OBJECTS.update(self.backup)


def custom_object_scope(*args):
    """CustomObjectScope(*args)."""
    return CustomObjectScope(*args)


def get_custom_objects():
    """The global custom objects: a dict to read or update (`get_custom_objects()[name] =
    obj` makes `name` deserializable everywhere)."""
    return _GLOBAL_CUSTOM_OBJECTS


def lookup_custom(name, custom_objects=None):
    """The object `name` stands for in `custom_objects`, then the global custom objects;
    None if neither has it."""
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    return _GLOBAL_CUSTOM_OBJECTS.get(name)


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
    """An object from a config dict or a name, looked up in `custom_objects`, the global
    custom objects, then `module_objects`."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        if "class_name" not in identifier or "config" not in identifier:
            raise ValueError("Improper config format: " + str(identifier))
        class_name = identifier["class_name"]
        cls = lookup_custom(class_name, custom_objects)
        if cls is None:
            cls = (module_objects or {}).get(class_name)
            if cls is None:
                raise ValueError("Unknown " + printable_module_name + ": " + class_name)
        cls_config = identifier["config"]
        custom_objects = custom_objects or {}
        if hasattr(cls, "from_config"):
            params = inspect.signature(cls.from_config).parameters
            if "custom_objects" in params:
                return cls.from_config(cls_config, custom_objects=dict(
                    list(_GLOBAL_CUSTOM_OBJECTS.items()) + list(custom_objects.items())))
            with CustomObjectScope(custom_objects):
                return cls.from_config(cls_config)
        with CustomObjectScope(custom_objects):
            return cls(**cls_config)
    if isinstance(identifier, str):
        obj = lookup_custom(identifier, custom_objects)
        if obj is None:
            obj = (module_objects or {}).get(identifier)
            if obj is None:  # TF's message has no space here
                raise ValueError("Unknown " + printable_module_name + ":" + identifier)
        if inspect.isclass(obj):
            return obj()
        return obj
    # TF 1.14 concatenates the identifier itself: a non-string is a TypeError there
    raise ValueError("Could not interpret serialized " + printable_module_name + ": " +
                     identifier)
