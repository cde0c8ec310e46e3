#!/usr/bin/env python3
"""PyTorch's side of the cross-framework equality tests (tests/Integration/Torchvision).

Debian 12's python3-torch 1.13.1 and python3-torchvision 0.14.1 have no safetensors package, so this file reads and
writes the format itself: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
then the raw little-endian tensor bytes.

  reference ARCH OUT   builds torchvision's ARCH with seeded random weights (BatchNorm statistics included, so eval
                       mode is tested) and writes OUT/weights.safetensors (its whole state dict, classifiers
                       included) and OUT/reference.safetensors: the input, pooled features, the pruned network's
                       pooled features, and the state after one per-layer SGD step (BatchNorm statistics frozen) of the
                       network with a linear head on the pooled features.
  strict ARCH WEIGHTS INPUT OUT
                       loads WEIGHTS into torchvision's ARCH with fc = Identity (and no AuxLogits) with strict=True and
                       writes its pooled features for the "input" of INPUT to OUT.
"""
import json
import struct
import sys

import numpy as np
import torch
import torchvision

DTYPES = {"F32": (torch.float32, np.float32), "I64": (torch.int64, np.int64)}
NAMES = {torch.float32: "F32", torch.int64: "I64"}

# Each architecture's input side, batch, pruning depth and classes for the tests: small, for CPU speed.
SETTINGS = {
    "resnet18": dict(size=64, batch=4, depth=3, classes=5),
    "resnet50": dict(size=64, batch=4, depth=5, classes=5),
    "inception-v3": dict(size=75, batch=4, depth=2, classes=5),
}


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().cpu().contiguous().numpy().tobytes()
        header[name] = {"dtype": NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        length = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        torch_type, numpy_type = DTYPES[entry["dtype"]]
        array = np.frombuffer(data[begin:end], dtype=numpy_type).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy()).to(torch_type)
    return tensors


def build(arch, classifiers=True):
    """torchvision's network; without classifiers fc is Identity and Inception has no AuxLogits."""
    if arch == "inception-v3":
        model = torchvision.models.inception_v3(weights=None, aux_logits=classifiers, transform_input=False, init_weights=True)
    else:
        model = getattr(torchvision.models, arch)(weights=None)
    if not classifiers:
        model.fc = torch.nn.Identity()
    return model


def layers(model, arch):
    """The tuned layers input to output, each a list of modules run in order, and the stem: the partition written
    here independently of the .NET declaration, so the tests check that too."""
    if arch == "inception-v3":
        m = model
        first = [m.Conv2d_1a_3x3, m.Conv2d_2a_3x3, m.Conv2d_2b_3x3, m.maxpool1]
        second = [m.Conv2d_3b_1x1, m.Conv2d_4a_3x3, m.maxpool2]
        mixed = [[getattr(m, n)] for n in ["Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c",
                                           "Mixed_6d", "Mixed_6e", "Mixed_7a", "Mixed_7b", "Mixed_7c"]]
        return [], [first, second] + mixed
    stem = [model.conv1, model.bn1, model.relu, model.maxpool]
    blocks = [[block] for stage in [model.layer1, model.layer2, model.layer3, model.layer4] for block in stage]
    return stem, blocks


def pooled(model, arch, x, depth=0):
    stem, tuned = layers(model, arch)
    for module in stem:
        x = module(x)
    for layer in tuned[:len(tuned) - depth]:
        for module in layer:
            x = module(x)
    return x.mean(dim=(2, 3))


def randomise(model, generator):
    """Seeded weights everywhere, BatchNorm statistics and affine parameters included."""
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if name.endswith("num_batches_tracked"):
                continue
            if name.endswith("running_var"):
                tensor.copy_(torch.rand(tensor.shape, generator=generator) * 0.5 + 0.75)
            elif name.endswith("running_mean") or name.endswith("bn.bias") or name.endswith(".bias"):
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * 0.1)
            elif name.endswith("bn.weight") or (tensor.dim() == 1 and name.endswith(".weight")):
                tensor.copy_(torch.rand(tensor.shape, generator=generator) * 0.5 + 0.75)
            else:
                fan_in = tensor[0].numel()
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * (2.0 / fan_in) ** 0.5)


def learning_rates(count):
    """Stem, layers 1..K, head, as the .NET test sets them: 25 % apart from group to group, so a parameter in the
    wrong group shows, and large, so that one step moves float32 weights by many units in their last place."""
    return 0.02, [0.01 * 1.25 ** k for k in range(count)], 0.5


def reference(arch, out):
    s = SETTINGS[arch]
    generator = torch.Generator().manual_seed(20261202)
    torch.manual_seed(7)
    model = build(arch)
    randomise(model, generator)
    write_safetensors(f"{out}/weights.safetensors", model.state_dict())

    model.fc = torch.nn.Identity()
    if arch == "inception-v3":
        model.AuxLogits = None
    x = torch.randn(s["batch"], 3, s["size"], s["size"], generator=generator)
    model.eval()
    with torch.no_grad():
        features = pooled(model, arch, x)
        truncated = pooled(model, arch, x, s["depth"])

    head = torch.nn.Linear(features.shape[1], s["classes"])
    with torch.no_grad():
        head.weight.copy_(torch.randn(head.weight.shape, generator=generator) * 0.05)
        head.bias.copy_(torch.randn(head.bias.shape, generator=generator) * 0.05)
    labels = torch.arange(s["batch"]) % s["classes"]
    initial_head = {f"head.{k}": v.clone() for k, v in head.state_dict().items()}

    stem, tuned = layers(model, arch)
    stem_lr, layer_lrs, head_lr = learning_rates(len(tuned))
    groups = [{"params": [p for m in stem for p in m.parameters()], "lr": stem_lr}]
    groups += [{"params": [p for m in layer for p in m.parameters()], "lr": lr} for layer, lr in zip(tuned, layer_lrs)]
    groups += [{"params": list(head.parameters()), "lr": head_lr}]
    grouped = sum(len(g["params"]) for g in groups)
    assert grouped == len(list(model.parameters())) + 2, "the partition must cover every parameter once"
    groups = [g for g in groups if g["params"]]
    sgd = torch.optim.SGD(groups, lr=0.0, momentum=0.9, weight_decay=5e-4, nesterov=True)
    # BatchNorm on running statistics: batch statistics over 4 images at these sizes normalise 4-16 values per
    # channel in the top layers, which turns float32 rounding into percent-level gradient differences.
    model.eval()
    loss = torch.nn.functional.cross_entropy(head(pooled(model, arch, x)), labels)
    sgd.zero_grad()
    loss.backward()
    sgd.step()

    result = {"input": x, "pooled": features, "pruned_pooled": truncated, "pruning_depth": torch.tensor([s["depth"]]),
              "labels": labels, "loss": loss.detach().reshape(1)}
    result.update(initial_head)
    result.update({f"stepped.{k}": v for k, v in model.state_dict().items()})
    result.update({f"stepped.head.{k}": v for k, v in head.state_dict().items()})
    write_safetensors(f"{out}/reference.safetensors", result)


def strict(arch, weights, inputs, out):
    model = build(arch, classifiers=False)
    model.load_state_dict(read_safetensors(weights), strict=True)
    model.eval()
    with torch.no_grad():
        features = pooled(model, arch, read_safetensors(inputs)["input"])
    write_safetensors(out, {"pooled": features})


if __name__ == "__main__":
    torch.set_num_threads(1)
    command, arguments = sys.argv[1], sys.argv[2:]
    {"reference": reference, "strict": strict}[command](*arguments)
