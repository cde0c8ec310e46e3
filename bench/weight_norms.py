"""Per block of a finished run: the norm of its conv weights after fine-tuning against the pre-trained one, and how far
they moved (issue 12: why the top block's variation stops following its LR). Reads safetensors with the standard
library only (float32 tensors), so any python3 runs it:

    python3 bench/weight_norms.py PRETRAINED.safetensors RUN_DIR...

PRETRAINED is the imported backbone (the shipped ResNet-18: ~/.cache/autolr/cntk-resnet18.safetensors after a first
run); each RUN_DIR is a run directory holding weights.safetensors (a folder holding one run directory also works).
"""
import array
import glob
import json
import math
import os
import struct
import sys


def load(path):
    """name -> float32 values of every F32 tensor in a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        values = array.array("f")
        values.frombytes(data[8 + size + start:8 + size + end])
        tensors[name] = values
    return tensors


def weights_file(run):
    direct = os.path.join(run, "weights.safetensors")
    found = [direct] if os.path.exists(direct) else glob.glob(os.path.join(run, "*", "weights.safetensors"))
    if len(found) != 1:
        sys.exit(f"weight_norms: {run} holds {len(found)} weights.safetensors; give one run directory.")
    return found[0]


def main(pretrained_path, runs):
    pretrained = load(pretrained_path)
    for run in runs:
        tuned = load(weights_file(run))
        blocks = sorted({".".join(k.split(".")[:2]) for k in tuned if k.startswith("layer")})
        print(run)
        for block in blocks:
            names = [k for k in tuned if k.startswith(block + ".") and ".conv" in k and k.endswith("weight")]
            before = math.sqrt(sum(x * x for k in names for x in pretrained[k]))
            after = math.sqrt(sum(x * x for k in names for x in tuned[k]))
            moved = math.sqrt(sum((x - y) ** 2 for k in names for x, y in zip(tuned[k], pretrained[k])))
            print(f"  {block}: |w0| {before:.3f}  |w_end| {after:.3f}  ratio {after / before:.2f}  |w_end - w0| / |w0| {moved / before:.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
