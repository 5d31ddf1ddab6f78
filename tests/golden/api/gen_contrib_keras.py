"""TF 1.14 goldens for tf.contrib.keras: for every public name of its modules, whether it
is the very object tf.keras exports under the same module and name; and TF 2's
name_scope that contrib.keras.backend exports (scope names, its error).
Output: contrib_keras.json, read by tests/test_contrib_keras.py.
"""
import types


def cases(tf):
    ck = tf.contrib.keras
    same = {}
    for sub in sorted(n for n in dir(ck.api.keras) if not n.startswith("_")):
        mods = [(sub, getattr(ck, sub), getattr(tf.keras, sub))]
        for name in dir(mods[0][1]):
            value = getattr(mods[0][1], name)
            if isinstance(value, types.ModuleType) and not name.startswith("_"):
                mods.append((sub + "." + name, value, getattr(mods[0][2], name, None)))
        for path, mod, ref in mods:
            for name in sorted(dir(mod)):
                value = getattr(mod, name)
                if name.startswith("_") or isinstance(value, types.ModuleType):
                    continue
                same[path + "." + name] = getattr(ref, name, None) is value
    out = {"identical": same}
    with tf.Graph().as_default():
        with ck.backend.name_scope("outer") as a:
            with ck.backend.name_scope("inner") as b:
                c = tf.constant(1.0).name
            with ck.backend.name_scope("outer") as d:
                pass
        out["scopes"] = [a, b, c, d]
        try:
            ck.backend.name_scope(3)
        except ValueError as e:
            out["non_string"] = e
    return out
