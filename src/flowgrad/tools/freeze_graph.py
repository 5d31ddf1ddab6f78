"""TF 1.14's freeze_graph tool (`tensorflow.python.tools.freeze_graph`,
`python -m flowgrad.tools.freeze_graph`, `flowgrad freeze`): a graph and a checkpoint
(or a MetaGraph, or a SavedModel) become one GraphDef in which every variable the
outputs need is a Const of its saved value (graph_util.convert_variables_to_constants).

Input files are read bounded (at most protobuf's 2 GiB message limit, regular files
only); the output is written atomically. TF 1.14's flags and defaults.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

from .. import graph_util
from ..engine.framework import file_io
from ..engine.framework.graph import Graph
from ..engine.framework.meta_graph import MAX_META_GRAPH_BYTES
from ..engine.framework.proto import pb
from ..engine.runtime.session import Session
from ..train import checkpoint_management as _cm
from ..train import saver as _saver
from ..train.checkpoint_utils import load_checkpoint

__all__ = ["freeze_graph", "freeze_graph_with_def_protos", "main", "run_main"]

_V1, _V2 = 1, 2   # saver_pb2.SaverDef.V1 / V2


def _has_no_variables(sess):
    return not any(op.type.startswith("Variable") or op.type.endswith("VariableOp")
                   for op in sess.graph._flowgrad_operations())


def freeze_graph_with_def_protos(input_graph_def, input_saver_def, input_checkpoint,
                                 output_node_names, restore_op_name, filename_tensor_name,
                                 output_graph, clear_devices, initializer_nodes,
                                 variable_names_whitelist="", variable_names_blacklist="",
                                 input_meta_graph_def=None, input_saved_model_dir=None,
                                 saved_model_tags=None, checkpoint_version=_V2):
    """The frozen GraphDef of `input_graph_def` (or `input_meta_graph_def`, or the
    SavedModel in `input_saved_model_dir`) with `input_checkpoint`'s values, also
    written (binary) to `output_graph` when given. `restore_op_name` and
    `filename_tensor_name` are unused, as in TF 1.14."""
    del restore_op_name, filename_tensor_name  # unused by TF 1.14's loading code too
    if checkpoint_version not in (_V1, _V2):
        raise ValueError(f"Invalid checkpoint version (must be '1' or '2'): "
                         f"{checkpoint_version}")
    if not input_saved_model_dir and not _cm.checkpoint_exists(input_checkpoint):
        raise ValueError("Input checkpoint '" + input_checkpoint + "' doesn't exist!")
    if not output_node_names:
        raise ValueError("You need to supply the name of a node to --output_node_names.")
    if clear_devices:
        nodes = input_meta_graph_def.graph_def.node if input_meta_graph_def else \
            (input_graph_def.node if input_graph_def else [])
        for node in nodes:
            node.device = ""
    with Graph().as_default():
        if input_graph_def and not input_saved_model_dir:
            # (with a SavedModel, its loader builds the graph; the GraphDef is its own)
            graph_util.import_graph_def(input_graph_def, name="")
        with Session() as sess:
            if input_saver_def:
                saver = _saver.Saver(saver_def=_saver_def_of(input_saver_def),
                                     write_version=checkpoint_version)
                saver.restore(sess, input_checkpoint)
            elif input_meta_graph_def:
                restorer = _saver.import_meta_graph(input_meta_graph_def, clear_devices=True)
                restorer.restore(sess, input_checkpoint)
                if initializer_nodes:
                    sess.run(initializer_nodes.replace(" ", "").split(","))
            elif input_saved_model_dir:
                from ..saved_model import loader  # lazy: SavedModel parsing
                loader.load(sess, saved_model_tags or [], input_saved_model_dir)
            else:
                _restore_by_name(sess, input_checkpoint, checkpoint_version)
                if initializer_nodes:
                    sess.run(initializer_nodes.replace(" ", "").split(","))
            white = variable_names_whitelist.replace(" ", "").split(",") \
                if variable_names_whitelist else None
            black = variable_names_blacklist.replace(" ", "").split(",") \
                if variable_names_blacklist else None
            gd = input_meta_graph_def.graph_def if input_meta_graph_def else input_graph_def
            if gd is None and input_saved_model_dir:
                gd = sess.graph.as_graph_def()
            frozen = graph_util.convert_variables_to_constants(
                sess, gd, output_node_names.replace(" ", "").split(","),
                variable_names_whitelist=white, variable_names_blacklist=black)
    if output_graph:
        _cm.atomic_write(os.fspath(output_graph), frozen.SerializeToString(deterministic=True))
    return frozen


def _restore_by_name(sess, checkpoint, version):
    """TF 1.14's default: a Saver over every graph tensor the checkpoint names."""
    shapes = load_checkpoint(checkpoint).get_variable_to_shape_map()
    parts = [t.name.split(":")[0] for op in sess.graph._flowgrad_operations() for t in op.outputs
             if re.search(r"/part_\d+/", t.name)]
    var_list, partitioned = {}, False
    for key in shapes:
        try:
            tensor = sess.graph.get_tensor_by_name(key + ":0")
        except KeyError:
            continue
        partitioned = partitioned or any(key in n for n in parts)
        var_list[key] = tensor
    try:
        saver = _saver.Saver(var_list=var_list, write_version=version)
    except (TypeError, ValueError):
        if partitioned:
            raise ValueError("Models containing partition variables cannot be converted from "
                             "checkpoint files. Please pass in a SavedModel using the flag "
                             "--input_saved_model_dir.") from None
        if _has_no_variables(sess):
            raise ValueError("No variables were found in this model. It is likely the model "
                             "was frozen previously. You cannot freeze a graph twice.") from None
        raise
    saver.restore(sess, checkpoint)


def _saver_def_of(sd):
    from ..engine.framework.meta_graph import _saver_def_of as conv  # lazy: proto -> flowgrad
    return conv(sd)


def _read(path, what):
    if not os.path.exists(path):
        raise OSError(f"Input {what} file '{path}' does not exist!")
    try:
        fd, st = file_io.open_regular(path)
    except file_io.NotRegularFileError as e:
        raise OSError(f"Input {what} file '{path}' is a {e.kind}, not a regular file") \
            from None
    try:
        if st.st_size > MAX_META_GRAPH_BYTES:
            raise OSError(f"Input {what} file '{path}': {st.st_size} bytes, more than a "
                          f"protobuf message can have ({MAX_META_GRAPH_BYTES})")
        return file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)


def _parse(msg, path, binary, what):
    """`msg` read from `path` as TF's freeze_graph reads it, with its errors: a binary
    file that does not parse is protobuf's DecodeError (its message names TF's proto
    type), a text file is read as UTF-8 (UnicodeDecodeError) then merged by text_format
    (ParseError)."""
    from google.protobuf import message, text_format  # lazy: optional (summary extra)
    data = _read(path, what)
    if not binary:
        text_format.Merge(data.decode("utf-8"), msg)
        return msg
    try:
        msg.ParseFromString(data)
    except message.DecodeError:
        raise message.DecodeError(f"Error parsing message with type "
                                  f"'tensorflow.{type(msg).__name__}'") from None
    return msg


def _saved_model_graph_def(export_dir, tag_set):
    """TF's saved_model_utils.get_meta_graph_def(export_dir, tag_set).graph_def: the meta
    graph whose tags are the set of `tag_set`'s comma-separated names, else TF's
    RuntimeError naming `tag_set` as given."""
    from ..saved_model import _proto as _sm  # lazy: SavedModel parsing
    _, mgs = _sm.parse_saved_model(export_dir)
    for mg in mgs:
        if set(mg.meta_info_def.tags) == set(tag_set.split(",")):
            return mg.graph_def
    raise RuntimeError("MetaGraphDef associated with tag-set " + tag_set +
                       " could not be found in SavedModel")


def freeze_graph(input_graph, input_saver, input_binary, input_checkpoint, output_node_names,
                 restore_op_name, filename_tensor_name, output_graph, clear_devices,
                 initializer_nodes, variable_names_whitelist="", variable_names_blacklist="",
                 input_meta_graph=None, input_saved_model_dir=None, saved_model_tags="serve",
                 checkpoint_version=_V2):
    """Freezes the GraphDef file `input_graph` (or MetaGraph file `input_meta_graph`, or
    the SavedModel `input_saved_model_dir` with `saved_model_tags`) with the values of
    `input_checkpoint` and writes it to `output_graph`; returns the frozen GraphDef.
    `input_binary` says whether the input files are binary protos (else text)."""
    p = pb()
    input_graph_def = None
    if input_saved_model_dir:
        input_graph_def = _saved_model_graph_def(input_saved_model_dir, saved_model_tags)
    elif input_graph:
        input_graph_def = _parse(p.graph_pb2.GraphDef(), input_graph, input_binary, "graph")
    meta = None
    if input_meta_graph:
        meta = _parse(p.meta_graph_pb2.MetaGraphDef(), input_meta_graph, input_binary,
                      "meta graph")
        print("Loaded meta graph file '" + input_meta_graph)
    saver_def = None
    if input_saver:
        saver_def = _parse(p.saver_pb2.SaverDef(), input_saver, input_binary, "saver")
    return freeze_graph_with_def_protos(
        input_graph_def, saver_def, input_checkpoint, output_node_names, restore_op_name,
        filename_tensor_name, output_graph, clear_devices, initializer_nodes,
        variable_names_whitelist, variable_names_blacklist, meta, input_saved_model_dir,
        saved_model_tags.replace(" ", "").split(","), checkpoint_version=checkpoint_version)


def _bool(v):
    return v.lower() == "true"


def _parser(prog):
    ap = argparse.ArgumentParser(prog=prog, description="Freezes a graph's variables into "
                                 "constants (TF 1.14's freeze_graph).")
    ap.add_argument("--input_graph", type=str, default="", help="'GraphDef' file to load.")
    ap.add_argument("--input_saver", type=str, default="", help="Saver file to load.")
    ap.add_argument("--input_checkpoint", type=str, default="", help="Variables file to load.")
    ap.add_argument("--checkpoint_version", type=int, default=2,
                    help="Tensorflow variable file format")
    ap.add_argument("--output_graph", type=str, default="", help="Output 'GraphDef' file name.")
    ap.add_argument("--input_binary", nargs="?", const=True, type=_bool, default=False,
                    help="Whether the input files are in binary format.")
    ap.add_argument("--output_node_names", type=str, default="",
                    help="The name of the output nodes, comma separated.")
    ap.add_argument("--restore_op_name", type=str, default="save/restore_all",
                    help="Deprecated, unused.")
    ap.add_argument("--filename_tensor_name", type=str, default="save/Const:0",
                    help="Deprecated, unused.")
    ap.add_argument("--clear_devices", nargs="?", const=True, type=_bool, default=True,
                    help="Whether to remove device specifications.")
    ap.add_argument("--initializer_nodes", type=str, default="",
                    help="Comma separated list of initializer nodes to run before freezing.")
    ap.add_argument("--variable_names_whitelist", type=str, default="",
                    help="Comma separated list of variables to convert to constants.")
    ap.add_argument("--variable_names_blacklist", type=str, default="",
                    help="Comma separated list of variables to skip converting.")
    ap.add_argument("--input_meta_graph", type=str, default="",
                    help="'MetaGraphDef' file to load.")
    ap.add_argument("--input_saved_model_dir", type=str, default="",
                    help="Path to the dir with a 'SavedModel' file and variables.")
    ap.add_argument("--saved_model_tags", type=str, default="serve",
                    help="Tag(s) of the MetaGraphDef to load, separated by ','.")
    return ap


def main(argv=None, prog="freeze_graph"):
    """Runs the tool on command-line `argv` (TF's flags); returns the exit status."""
    flags = _parser(prog).parse_args(sys.argv[1:] if argv is None else list(argv))
    if flags.checkpoint_version not in (_V1, _V2):
        raise ValueError(f"Invalid checkpoint version (must be '1' or '2'): "
                         f"{flags.checkpoint_version}")
    freeze_graph(flags.input_graph, flags.input_saver, flags.input_binary,
                 flags.input_checkpoint, flags.output_node_names, flags.restore_op_name,
                 flags.filename_tensor_name, flags.output_graph, flags.clear_devices,
                 flags.initializer_nodes, flags.variable_names_whitelist,
                 flags.variable_names_blacklist, flags.input_meta_graph,
                 flags.input_saved_model_dir, flags.saved_model_tags,
                 flags.checkpoint_version)
    return 0


def run_main():
    """The `python -m flowgrad.tools.freeze_graph` entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run_main()
