"""tf.data.experimental.make_saveable_from_iterator: an iterator's position as a
saveable object of tf.train.Saver (checkpoint key `<iterator>:0-state`, as TF 1.14)."""
from __future__ import annotations

from ..engine.framework import meta_graph
from ..engine.framework.graph import get_default_graph
from ..engine.ops._base import apply_op
from ..train.saveable_object import SaveableObject, SaveSpec

__all__ = ["make_saveable_from_iterator"]


class _Saveable(SaveableObject):
    """SaveableObject for saving/restoring iterator state."""

    def __init__(self, iterator_resource, serialized=None):
        if serialized is None:
            serialized = apply_op("SerializeIterator", [iterator_resource], {}).outputs[0]
        specs = [SaveSpec(serialized, "", iterator_resource.name + "-state")]
        super().__init__(iterator_resource, specs, iterator_resource.name)

    def restore(self, restored_tensors, unused_restored_shapes):
        return apply_op("DeserializeIterator", [self.op, restored_tensors[0]], {})


def make_saveable_from_iterator(iterator):
    """Returns a SaveableObject for saving/restoring the iterator's state with a Saver:
    add it to the SAVEABLE_OBJECTS collection (or a Saver's var_list), and a restore in
    a new session continues with the element after the last one pulled before the save.

    >>> ds = tf.data.Dataset.range(10)
    >>> it = ds.make_one_shot_iterator()
    >>> tf.add_to_collection(tf.GraphKeys.SAVEABLE_OBJECTS,
    ...                      tf.data.experimental.make_saveable_from_iterator(it))
    """
    return _Saveable(iterator._iterator_resource)


# -- in meta graphs: the iterator's resource and SerializeIterator tensors, by name -----------
def _strip(name, scope):
    return name[len(scope) + 1:] if scope and name.startswith(scope + "/") else name


def _to_proto(s, scope):
    return {"resource": _strip(s.op.name, scope), "state": _strip(s.specs[0].tensor.name, scope)}


def _from_proto(d, scope):
    g = get_default_graph()
    pre = scope + "/" if scope else ""
    return _Saveable(g.get_tensor_by_name(pre + d["resource"]),
                     g.get_tensor_by_name(pre + d["state"]))


def _check(d, has_node):
    if not isinstance(d, dict) or set(d) != {"resource", "state"}:
        raise ValueError("is not an iterator saveable (resource and state tensor names)")
    for k in ("resource", "state"):
        v = d[k]
        if not isinstance(v, str) or ":" not in v or not has_node(v.rsplit(":", 1)[0]):
            raise ValueError(f"field {k} names {v!r}, which is not a tensor of the meta graph")


# TF's MetaGraphDef holds the saveable's name (its resource tensor's) in a node_list
meta_graph.register_collection_kind("iterator_saveables", lambda x: isinstance(x, _Saveable),
                                    _to_proto, _from_proto, _check,
                                    tf_node_name=lambda d: d["resource"])
