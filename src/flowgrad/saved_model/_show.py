"""`flowgrad inspect SAVEDMODEL_DIR`: tag-sets and signatures, as `saved_model_cli show
--all` (TF 1.14) prints them."""
from ..engine.framework import proto
from . import _proto


def _tensor_info_lines(info, indent):
    pad = "  " * indent
    enum = proto.pb().types_pb2.DataType
    try:
        dtype = enum.Name(info.dtype)
    except ValueError:
        dtype = str(info.dtype)
    if info.tensor_shape.unknown_rank:
        shape = "unknown_rank"
    else:
        shape = "(" + ", ".join(str(d.size) for d in info.tensor_shape.dim) + ")"
    return [f"{pad}    dtype: {dtype}", f"{pad}    shape: {shape}", f"{pad}    name: {info.name}"]


def show_all_lines(export_dir):
    """The lines `saved_model_cli show --all --dir export_dir` prints."""
    _, meta_graphs = _proto.parse_saved_model(export_dir)
    out = []
    by_tags = {}
    for mg in meta_graphs:
        by_tags.setdefault(tuple(mg.meta_info_def.tags), mg)
    for tags in sorted(by_tags, key=list):
        mg = by_tags[tags]
        out += ["", f"MetaGraphDef with tag-set: '{', '.join(tags)}' contains the following "
                    "SignatureDefs:"]
        for key in sorted(mg.signature_def):
            sig = mg.signature_def[key]
            out += ["", f"signature_def['{key}']:",
                    "  The given SavedModel SignatureDef contains the following input(s):"]
            for k in sorted(sig.inputs):
                out.append(f"    inputs['{k}'] tensor_info:")
                out += _tensor_info_lines(sig.inputs[k], 2)
            out.append("  The given SavedModel SignatureDef contains the following output(s):")
            for k in sorted(sig.outputs):
                out.append(f"    outputs['{k}'] tensor_info:")
                out += _tensor_info_lines(sig.outputs[k], 2)
            out.append(f"  Method name is: {sig.method_name}")
    return out
