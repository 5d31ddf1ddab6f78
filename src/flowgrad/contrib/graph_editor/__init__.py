"""`tf.contrib.graph_editor`: TF 1.14's graph editor on flowgrad's graph: select ops and
tensors (walks, filters, regexes), subgraph views, reroute the inputs of ops
(Operation._update_input), detach/connect/bypass, and copy subgraphs with replaced
inputs (copy_with_input_replacements, graph_replace)."""
from . import edit, reroute, select, subgraph, transform, util
from .edit import *  # noqa: F403
from .reroute import *  # noqa: F403
from .select import *  # noqa: F403
from .subgraph import *  # noqa: F403
from .transform import *  # noqa: F403
from .util import *  # noqa: F403

ph = util.make_placeholder_from_dtype_and_shape
sgv = subgraph.make_view
sgv_scope = subgraph.make_view_from_scope

__all__ = (edit.__all__ + reroute.__all__ + select.__all__ + subgraph.__all__ +
           transform.__all__ + util.__all__ + ["ph", "sgv", "sgv_scope"])
