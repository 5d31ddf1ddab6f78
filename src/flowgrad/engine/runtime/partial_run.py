"""Session.partial_run_setup / partial_run (TF 1.14's DirectSession::PRunSetup / PRun).

A partial run is one step fed in several calls. Setup names every feed and fetch; TF
starts the step's executor at once, so each op runs as soon as the values it reads are
there: the ops that need no pending feed run at setup, the others in the call that feeds
their last pending input. Each op runs at most once per handle; a fetch is returned by
the call that asks for it (once), from the values the step has computed.

Here a step is cut into stages, one per call: a stage runs, as one plan of the session's
ordinary run path, every op of the step not yet run that depends on no pending feed
(the fed tensors and the values earlier stages computed for later ones are its feeds;
control edges to ops already run are met). A value is kept as its kernel gave it: a
variable's read or reference (Identity, Assign*) shares the variable's buffer, which
writes update in place, so a later stage reads the variable as it is then, as TF's
reference does; a variable's own reference or handle (an op with no inputs) is made
again in the stage that reads it.
"""

from __future__ import annotations

from ..framework import errors
from ..framework import dtypes
from ..framework.branches import DEAD

SETUP_EMPTY = "Must specify at least one target to fetch or execute."
NO_SETUP = "Must run 'setup' before performing partial runs!"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


_MUL = (0xc6a4a793 << 32) + 0x5bd1e995
_MASK = (1 << 64) - 1


def _shift_mix(v):
    return v ^ (v >> 47)


def _std_hash(name):
    """libstdc++'s std::hash<std::string> on 64 bits (_Hash_bytes, Murmur 2)."""
    b = name.encode()
    n, aligned = len(b), len(b) & ~7
    h = (0xc70f6907 ^ (n * _MUL)) & _MASK
    for i in range(0, aligned, 8):
        d = (_shift_mix((int.from_bytes(b[i:i + 8], "little") * _MUL) & _MASK) * _MUL) & _MASK
        h = ((h ^ d) * _MUL) & _MASK
    if n & 7:
        h = ((h ^ int.from_bytes(b[aligned:], "little")) * _MUL) & _MASK
    return _shift_mix((_shift_mix(h) * _MUL) & _MASK)


def _next_prime(n):
    while any(n % d == 0 for d in range(2, int(n ** 0.5) + 1)):
        n += 1
    return n


def unordered_order(names):
    """The order TF's std::unordered_map<string, bool> (libstdc++) visits `names` inserted
    in this order: a node goes to the front of its bucket's chain, or of the list when its
    bucket is empty; 13 buckets from the first insertion, then the next prime above twice
    as many when the elements outnumber them (a rehash walks the list in order)."""
    order, buckets, limit = [], 1, 0
    hashes = {k: _std_hash(k) for k in names}

    def insert(k):
        b = hashes[k] % buckets
        i = next((j for j, x in enumerate(order) if hashes[x] % buckets == b), 0)
        order.insert(i, k)

    for k in names:
        if len(order) + 1 > limit:
            want = max(len(order) + 1, 0 if limit else 11)
            if want >= buckets:
                buckets = limit = _next_prime(max(want + 1, buckets * 2))
                old, order[:] = list(order), []
                for x in old:
                    insert(x)
            else:
                limit = buckets
        insert(k)
    return order


def _passed_by_reference(t):
    dt = t._dtype
    return dt._is_ref_dtype or dt.base_dtype == dtypes.resource


class PartialRun:
    """The state of one handle: pending feeds and fetches, ops run, values kept."""

    def __init__(self, feeds, fetches, targets):
        self.feeds = {t.name: t for t in feeds}
        self.fetches = {t.name: t for t in fetches}
        self.fed = set()        # feed names fed so far
        self.fetched = set()    # fetch names fetched so far
        self.error = None       # a failure of the setup's stage, raised by the next call
        self.values = {}        # tensor -> value (fed, or computed and read later)
        self.results = {}       # setup fetch -> the value partial_run returns
        self.ran = set()        # ids of the ops run
        self._region(fetches, targets)

    def _region(self, fetches, targets):
        """The ops the step runs (TF's pruned graph: traversal stops at the feeds), in an
        order where every op comes after the ops it reads."""
        feed_set = set(self.feeds.values())
        self.feed_set = feed_set
        order, seen = [], set()
        stack = [(t._op, False) for t in fetches if t not in feed_set] + \
            [(op, False) for op in targets]
        stack.reverse()
        while stack:
            op, done = stack.pop()
            if done:
                order.append(op)
                continue
            if op._id in seen:
                continue
            seen.add(op._id)
            stack.append((op, True))
            for c in reversed(self._deps(op)):
                if c._id not in seen:
                    stack.append((c, False))
        self.order = order
        self.setup_fetches = set(fetches)

    def _deps(self, op):
        """The ops `op` waits for in the step (data inputs that are not fed, control
        inputs whose outputs are not all fed)."""
        feed_set = self.feed_set
        deps = [t._op for t in op._inputs if t not in feed_set]
        deps += [c for c in op._control_inputs
                 if not (c._outputs and all(o in feed_set for o in c._outputs))]
        return deps

    def pending_inputs(self, op):
        """The feeds of `op` not fed yet."""
        return [t for t in op._inputs if t in self.feed_set and t.name not in self.fed]

    def check_call(self, feed_names, fetch_names):
        """TF's checks of a call's feeds and fetches (before anything runs)."""
        for name in feed_names:
            if name not in self.feeds:
                raise _invalid(f"The feed {name} was not specified in partial_run_setup.")
            if name in self.fed:
                raise _invalid(f"The feed {name} has already been fed.")
        for name in fetch_names:
            if name not in self.fetches:
                raise _invalid(f"The fetch {name} was not specified in partial_run_setup.")
            if name in self.fetched:
                raise _invalid(f"The fetch {name} has already been fetched.")

    def check_fetch(self, feed_names, fetch_tensors, pruned=False):
        """TF's CheckFetch: no fetch may depend, in the whole graph (fed tensors do not stop
        the walk), on a feed still pending after this call. With a pruned graph placed
        (InteractiveSession) TF's lookup of a feed not fed before this call fails."""
        if pruned:
            for name in unordered_order(list(self.feeds)):
                if name not in self.fed:
                    raise errors.NotFoundError(None, None, f"Feed {name}: not found")
        pending = {name for name in self.feeds if name not in self.fed} - set(feed_names)
        if not pending:
            return
        visited = set()
        stack = [t._op for t in fetch_tensors]
        while stack:
            op = stack.pop()
            for t in op._inputs:
                if t.name in pending:
                    raise _invalid(f"Fetch {t.name} can't be computed from the feeds that "
                                   "have been fed so far.")
                if t._op._id not in visited:
                    visited.add(t._op._id)
                    stack.append(t._op)
            for c in op._control_inputs:
                if c._id not in visited:
                    visited.add(c._id)
                    stack.append(c)

    def stage(self):
        """(ops to run now, tensors they read that are kept, tensors to keep, satisfied)."""
        blocked = set()
        ready = []
        ran = self.ran
        for op in self.order:
            if op._id in ran:
                continue
            if self.pending_inputs(op) or any(d._id in blocked for d in self._deps(op)):
                blocked.add(op._id)
            else:
                ready.append(op)
        if not ready:
            return None
        now = {op._id for op in ready}
        later = [op for op in self.order if op._id not in ran and op._id not in now]
        keep = {}
        for op in later:
            for t in op._inputs:
                if t._op._id in now and t not in self.feed_set:
                    keep[t] = None
        for op in ready:
            for t in op._outputs:
                if t in self.setup_fetches:
                    keep[t] = None
        # (a variable's own reference or handle is made again where it is read)
        keep = [t for t in keep if not (_passed_by_reference(t) and not t._op._inputs and
                                        t not in self.setup_fetches)]
        reads = {}
        for op in ready:
            for t in op._inputs:
                if t in self.values:
                    reads[t] = None
        return ready, list(reads), keep

    def store(self, tensors, values, branch_of):
        for t, v in zip(tensors, values):
            if v is DEAD or branch_of.get(t._op) is not None:
                raise NotImplementedError(
                    "flowgrad does not implement Session.partial_run keeping "
                    f"{t.name!r}, a tensor of a tf.cond branch, from one call to a later one")
            self.values[t] = v

    def done(self):
        return len(self.fed) == len(self.feeds) and len(self.fetched) == len(self.fetches)
