"""Per-graph side tables whose entries die with their graph.

A module-level `weakref.WeakKeyDictionary` keyed by an op (or a graph) never drops an entry
whose VALUE reaches the key's graph (a branch's tensors, a layer's variables): the value
holds the key alive, the registry holds the value, so the graph lives for the process's
life. `GraphRecords` keeps the same mapping on the key's own home instead: the key itself
when it has a `__dict__` (a Graph, a Variable), else its graph (an Operation or a Tensor,
whose slots have no room). The cycle is then internal to the graph and `gc` frees it with
the graph; the module-level object only names the table.

Keys compare as a WeakKeyDictionary compares them (hash and ==). An op's entry lives as
long as its graph (a graph holds all its ops anyway). A key with no room for the table (a
type, a slotted object without a graph) goes to a WeakKeyDictionary of the table's own.
"""
from __future__ import annotations

import weakref

_ATTR = "_flowgrad_records"
_MISSING = object()
_OWN_DICT: dict = {}   # type -> whether its instances hold a __dict__ of their own


class GraphRecords:
    """A mapping key -> value stored on the key's graph (see the module docstring)."""

    __slots__ = ("_name", "_other", "_homes", "__weakref__")

    def __init__(self, name: str):
        self._name = name
        # keys with neither a __dict__ nor a graph: a plain WeakKeyDictionary
        self._other = weakref.WeakKeyDictionary()
        self._homes = weakref.WeakSet()   # the objects holding a table of this one (clear())

    def __repr__(self):
        return f"<GraphRecords {self._name}>"

    def _table(self, key, create: bool):
        t = type(key)
        own = _OWN_DICT.get(t)
        if own is None:   # instances with a __dict__ of their own (a type's is read-only)
            own = _OWN_DICT[t] = t.__dictoffset__ != 0 and not issubclass(t, type)
        if own:
            home = key
            attrs = key.__dict__
        else:
            home = getattr(key, "graph", None)
            attrs = getattr(home, "__dict__", None) if home is not None else None
            if type(attrs) is not dict:
                return self._other
        tables = attrs.get(_ATTR)
        if tables is None:
            if not create:
                return None
            tables = attrs[_ATTR] = {}
        table = tables.get(self)
        if table is None and create:
            table = tables[self] = {}
            self._homes.add(home)
        return table

    def clear(self) -> None:
        """Forgets every entry (of every graph)."""
        for home in list(self._homes):
            home.__dict__.get(_ATTR, {}).pop(self, None)
        self._homes.clear()
        self._other.clear()

    def get(self, key, default=None):
        table = self._table(key, False)
        return default if table is None else table.get(key, default)

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        table = self._table(key, False)
        return table is not None and key in table

    def __setitem__(self, key, value) -> None:
        self._table(key, True)[key] = value

    def setdefault(self, key, default=None):
        return self._table(key, True).setdefault(key, default)

    def pop(self, key, *default):
        table = self._table(key, False)
        if table is None:
            if default:
                return default[0]
            raise KeyError(key)
        return table.pop(key, *default)

    def __delitem__(self, key) -> None:
        table = self._table(key, False)
        if table is None:
            raise KeyError(key)
        del table[key]
