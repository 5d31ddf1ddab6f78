"""Reads a profiler trace (TF's tensorflow.profiler.Trace, trace_events.proto) from its
protobuf wire bytes with no generated classes, so the goldens and the tests read TF's and
flowgrad's `local.trace` files the same way (Python 3.7: it runs under the oracle too)."""


def _varint(b, i):
    shift = result = 0
    while True:
        c = b[i]
        i += 1
        result |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return result, i


def _fields(b):
    """(field number, value) pairs: ints for varints, bytes for length-delimited."""
    i, out = 0, []
    while i < len(b):
        key, i = _varint(b, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            v, i = _varint(b, i)
        elif wire == 2:
            n, i = _varint(b, i)
            v, i = b[i:i + n], i + n
        elif wire == 1:
            v, i = b[i:i + 8], i + 8
        elif wire == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError("unexpected wire type %d" % wire)
        out.append((num, v))
    return out


def _map_entry(b):
    d = dict(_fields(b))
    return d.get(1, 0), d.get(2, b"")


def read_trace(data):
    """{'devices': [[id, name, [resource names, sorted, unique]]], 'session_runs': runs,
    'session_run_resources', 'op_resources': resource names of those events,
    'op_names_are_node_type': every op event named "<node>:<type>", 'ops': whether any
    op event, 'labels_per_run': every event labelled "id=<n>" }"""
    devices, resources_of = [], {}
    events = []
    for num, v in _fields(data):
        if num == 1:
            dev_id, dev = _map_entry(v)
            name, res = "", {}
            for fnum, fv in _fields(dev):
                if fnum == 1:
                    name = fv.decode("utf8")
                elif fnum == 3:
                    rid, r = _map_entry(fv)
                    res[rid] = dict(_fields(r)).get(1, b"").decode("utf8")
            resources_of[dev_id] = res
            devices.append([dev_id, name, sorted(set(res.values()))])
        elif num == 4:
            ev = {"args": {}}
            for fnum, fv in _fields(v):
                if fnum == 11:
                    k, a = _map_entry(fv)
                    ev["args"][k.decode("utf8")] = a.decode("utf8")
                else:
                    ev[fnum] = fv
            events.append(ev)
    runs = [e for e in events if e.get(3, b"").strip() == b"SessionRun"]
    ops = [e for e in events if e.get(3, b"").strip() != b"SessionRun"]

    def res_name(e):
        return resources_of.get(e.get(1, 0), {}).get(e.get(2, 0), "?")
    return {"devices": sorted(devices), "session_runs": len(runs),
            "session_run_names": sorted(set(e[3].decode("utf8") for e in runs)),
            "session_run_resources": sorted(set(res_name(e) for e in runs)),
            "op_resources": sorted(set(res_name(e) for e in ops)), "ops": bool(ops),
            "op_names_are_node_type": all(b":" in e.get(3, b"") for e in ops),
            "labels": all(e["args"].get("label", "").startswith("id=") for e in events)}
