"""Variants of conv_external.onnx (made by make_models.py in DIR) whose
external data points elsewhere: DIR/<case>/model.onnx for each case."""
import os
import shutil
import sys

import onnx

out = sys.argv[1]
base = onnx.load(os.path.join(out, "conv_external.onnx"), load_external_data=False)
data = os.path.join(out, "conv_external.bin")


def variant(name, location, entries=None, link=None):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    m = onnx.ModelProto()
    m.CopyFrom(base)
    for t in m.graph.initializer:
        if t.data_location != onnx.TensorProto.EXTERNAL:
            continue
        kv = {e.key: e.value for e in t.external_data}
        kv["location"] = location
        kv.update(entries or {})
        del t.external_data[:]
        for k, v in kv.items():
            t.external_data.add(key=k, value=v)
    if link:
        os.symlink(link, os.path.join(d, location))
    elif not os.path.exists(os.path.join(d, location)):
        shutil.copy(data, os.path.join(d, location))
    onnx.save(m, os.path.join(d, "model.onnx"))


variant("dots", "w..bin")                                     # a legitimate name
variant("escape", "w.bin", link=os.path.abspath(data))        # a link out of the directory
variant("device", "w.bin", link="/dev/zero")                  # a link to a device
variant("negative", "w.bin", {"length": "-5"})                # a negative length
