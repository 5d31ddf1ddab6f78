"""Saveable objects: state that tf.train.Saver saves beside variables (TF 1.14's
BaseSaverBuilder.SaveSpec / SaveableObject), e.g. an iterator's position
(tf.data.experimental.make_saveable_from_iterator). Put one in the graph's
SAVEABLE_OBJECTS collection, or in a Saver's var_list, and the Saver writes each
of its specs' tensors under the spec's name and calls `restore` with the values
read back."""
from __future__ import annotations

__all__ = ["BaseSaverBuilder", "SaveSpec", "SaveableObject"]


class SaveSpec:
    """A tensor to save (or a callable making it), its slice spec and checkpoint key."""

    def __init__(self, tensor, slice_spec, name, dtype=None, device=None):
        self._tensor = tensor
        self.slice_spec = slice_spec
        self.name = name
        if callable(self._tensor):
            if dtype is None or device is None:
                raise AssertionError("When passing a callable `tensor` to a SaveSpec, an "
                                     "explicit dtype and device must be provided.")
            self.dtype = dtype
            self.device = device
        else:
            self.dtype = tensor.dtype
            self.device = tensor.device

    @property
    def tensor(self):
        return self._tensor() if callable(self._tensor) else self._tensor


class SaveableObject:
    """Base class for saving and restoring saveable objects: `op` is the object, `specs`
    the tensors it saves, `name` its name; subclasses implement `restore`."""

    def __init__(self, op, specs, name):
        self.op = op
        self.specs = specs
        self.name = name

    @property
    def optional_restore(self):
        """A hint to restore assertions that this object is optional."""
        return False

    @property
    def device(self):
        """The device for SaveSpec Tensors."""
        return self.specs[0].device

    def restore(self, restored_tensors, restored_shapes):
        """Returns an op that restores this object from `restored_tensors`."""
        raise ValueError("Calling an abstract method.")


class BaseSaverBuilder:
    """TF's saver builder namespace: its SaveSpec and SaveableObject classes."""

    SaveSpec = SaveSpec
    SaveableObject = SaveableObject
