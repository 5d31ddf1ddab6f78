"""TF's inspect_checkpoint tool (`tensorflow.python.tools.inspect_checkpoint`) and
`flowgrad inspect CKPT`: a checkpoint's tensor names, shapes and values.

Reads either format (TF's V2 tensor bundle or flowgrad's safetensors), one
tensor at a time. `CKPT` may be a checkpoint prefix or a directory (its latest
checkpoint). Output and error handling are TF 1.14's: errors are printed, not
raised, with TF's hint when a file name (`.index`, `.data-...`) was given
instead of the prefix.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

import numpy as np

from ..train import checkpoint_management as _cm

__all__ = ["main", "parse_numpy_printoption", "print_tensors_in_checkpoint_file"]


def _count_total_params(reader, count_exclude_pattern=""):
    shapes = reader.get_variable_to_shape_map()
    if count_exclude_pattern:
        pattern = re.compile(count_exclude_pattern)
        kept, n_tensors, n_params = {}, 0, 0
        for name, shape in shapes.items():
            if pattern.search(name):
                n_tensors += 1
                n_params += int(np.prod(shape))
            else:
                kept[name] = shape
        shapes = kept
        print(f"# Excluding {n_tensors} tensors ({n_params} params) that match "
              f"{count_exclude_pattern} when counting.")
    return int(sum(int(np.prod(s)) for s in shapes.values()))


def print_tensors_in_checkpoint_file(file_name, tensor_name, all_tensors,
                                     all_tensor_names=False, count_exclude_pattern=""):
    """Prints a checkpoint's tensor names and shapes, one tensor, or all of them (TF's)."""
    try:
        reader = _cm.NewCheckpointReader(file_name)
        if all_tensors or all_tensor_names:
            for key in sorted(reader.get_variable_to_shape_map()):
                print("tensor_name: ", key)
                if all_tensors:
                    print(reader.get_tensor(key))
        elif not tensor_name:
            print(reader.debug_string().decode("utf-8"))
        else:
            print("tensor_name: ", tensor_name)
            print(reader.get_tensor(tensor_name))
        print("# Total number of params: %d" % _count_total_params(
            reader, count_exclude_pattern=count_exclude_pattern))
    except Exception as e:  # noqa: BLE001 - TF prints every error
        print(str(e))
        if "Data loss" in str(e) or "Unable to read file" in str(e) or \
                type(e).__name__ == "DataLossError":
            if any(x in file_name for x in (".index", ".meta", ".data")):
                proposed = ".".join(file_name.split(".")[0:-1])
                print("\nIt's likely that this is a V2 checkpoint and you need to provide the "
                      "filename\n*prefix*.  Try removing the '.' and extension.  Try:\n"
                      f"inspect checkpoint --file_name = {proposed}")


def parse_numpy_printoption(kv_str):
    """Sets one NumPy print option from 'key=value' (TF's flag parser)."""
    kv = kv_str.split("=", 1)
    if len(kv) != 2 or not kv[0]:
        raise argparse.ArgumentTypeError(f"'{kv_str}' is not in the form k=v.")
    k, v_str = kv
    options = np.get_printoptions()
    if k not in options:
        raise argparse.ArgumentTypeError(f"'{k}' is not a valid printoption.")
    v_type = type(options[k])
    if options[k] is None:
        raise argparse.ArgumentTypeError(
            f"Setting '{k}' from the command line is not supported.")
    try:
        if v_type is bool:
            v = v_str.lower() in ("true", "t", "1", "yes")
        else:
            v = v_type(v_str)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    np.set_printoptions(**{k: v})


def _bool(v):
    return v.lower() == "true"


def _parser(prog="inspect_checkpoint"):
    p = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    p.add_argument("checkpoint", nargs="?", default="",
                   help="checkpoint prefix or directory (or use --file_name)")
    p.add_argument("--file_name", type=str, default="",
                   help="Checkpoint filename: for the V2 format, the prefix shared by its files")
    p.add_argument("--tensor_name", type=str, default="", help="Name of the tensor to inspect")
    p.add_argument("--count_exclude_pattern", type=str, default="",
                   help="Pattern to exclude tensors, e.g., from optimizers, when counting.")
    p.add_argument("--all_tensors", nargs="?", const=True, type=_bool, default=False,
                   help="If True, print the names and values of all the tensors.")
    p.add_argument("--all_tensor_names", nargs="?", const=True, type=_bool, default=False,
                   help="If True, print the names of all the tensors.")
    p.add_argument("--printoptions", nargs="*", type=parse_numpy_printoption,
                   help="Argument for numpy.set_printoptions(), in the form 'k=v'.")
    return p


def _saved_model_dir(path):
    from ..saved_model import loader  # lazy: the tf.saved_model namespace
    return loader.maybe_saved_model_directory(path)


def main(argv=None, prog="flowgrad inspect"):
    """`flowgrad inspect CKPT [--tensor_name=X] [--all_tensors] ...`; returns the exit code."""
    args = _parser(prog).parse_args(sys.argv[1:] if argv is None else list(argv))
    name = args.file_name or args.checkpoint
    if not name:
        print("Usage: inspect_checkpoint --file_name=checkpoint_file_name "
              "[--tensor_name=tensor_to_print] [--all_tensors] [--all_tensor_names] "
              "[--printoptions]")
        return 1
    if os.path.isdir(name) and _saved_model_dir(name):
        from ..saved_model import _show  # lazy: SavedModel parsing (needs the protos)
        try:
            lines = _show.show_all_lines(name)
        except OSError as e:
            print(e)
            return 1
        print("\n".join(lines))
        return 0
    if os.path.isdir(name):
        latest = _cm.latest_checkpoint(name)
        if latest is None:
            print(f"No checkpoint found in directory {name}")
            return 1
        name = latest
    print_tensors_in_checkpoint_file(name, args.tensor_name, args.all_tensors,
                                     args.all_tensor_names,
                                     count_exclude_pattern=args.count_exclude_pattern)
    return 0


if __name__ == "__main__":
    sys.exit(main(prog="inspect_checkpoint"))
