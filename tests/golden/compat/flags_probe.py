"""tf.flags parsing probe: a TF 1.x script printing one JSON line per case.

Run under TF 1.14 to make flags.json; tests/test_compat.py runs it with
`flowgrad run` and compares.
"""
import json

import tensorflow as tf

flags = tf.flags


def define(fv):
    flags.DEFINE_string("name", "anon", "A name.", flag_values=fv)
    flags.DEFINE_integer("steps", 10, "Steps.", flag_values=fv)
    flags.DEFINE_integer("batch", 32, "Batch.", lower_bound=1, flag_values=fv)
    flags.DEFINE_float("lr", 0.5, "Learning rate.", flag_values=fv)
    flags.DEFINE_boolean("fast", False, "Go fast.", flag_values=fv)
    flags.DEFINE_bool("verbose", True, "Talk.", flag_values=fv)
    flags.DEFINE_enum("opt", "adam", ["adam", "sgd"], "Optimizer.", flag_values=fv)
    flags.DEFINE_list("layers", "64,64", "Layer sizes.", flag_values=fv)
    flags.DEFINE_multi_string("tag", [], "Tags.", flag_values=fv)


NAMES = ["name", "steps", "batch", "lr", "fast", "verbose", "opt", "layers", "tag"]


def case(argv, known_only=False):
    fv = flags.FlagValues()
    define(fv)
    try:
        rest = fv(["prog"] + argv, known_only=known_only)
        out = ["ok", rest, {n: getattr(fv, n) for n in NAMES}]
    except Exception as e:  # noqa: BLE001
        out = [type(e).__name__, str(e)]
    print(json.dumps([argv, known_only] + out))


case([])
case(["--name=bob", "--steps", "5", "--lr=0.25"])
case(["-name", "al", "-steps=7"])
case(["--fast", "--noverbose"])
case(["--fast=false", "--verbose=1"])
case(["--fast=true", "--verbose=f"])
case(["pos1", "--steps=3", "pos2"])
case(["--steps=3", "--", "--name=x", "y"])
case(["--steps=3", "--", "--name=x"], known_only=True)
case(["--unknown=1", "--steps=2", "x"], known_only=True)
case(["--unknown=1"])
case(["--steps=abc"])
case(["--steps=0x10"])
case(["--batch=0"])
case(["--lr=fast"])
case(["--opt=rmsprop"])
case(["--opt=sgd", "--layers=1,2,3"])
case(["--layers="])
case(["--tag=a", "--tag", "b"])
case(["--fast=maybe"])
case(["--steps"])
case(["--nofast=1"])
case(["-"])
