"""Load a backbone exported by `autolr export` into PyTorch, exactly.

`autolr export --from RUN_DIR` writes backbone.safetensors (the fine-tuned state dict, torchvision names),
model.json (architecture, kept blocks, preprocessing, embedding protocol), mean-image.npy for backbones whose input
subtracts a mean image, and a copy of this file. Then, with torch and torchvision (tested with Debian 12's
python3-torch 1.13.1 and python3-torchvision 0.14.1) and numpy:

    import autolr_torchvision as autolr
    model, description = autolr.load("EXPORT_DIR")       # torchvision ResNet, strict=True, eval mode
    x = autolr.preprocess(rgb01, description)            # rgb01: float [B, 3, S, S] RGB in [0, 1], S = imageSize
    e = autolr.embed(model, x, description)              # [B, d] L2-normalised, as `autolr embed` writes them

Why a loader and not torchvision.models.resnet18(): a pruned backbone has fewer blocks than any torchvision model
(its top blocks are removed, emptying layer4 and more at larger depths), the ImageNet ResNet-18 shipped with AutoLR
(CNTK) has a ninth block (blocks per stage [2, 2, 2, 3]), and there is no classifier. `build` makes exactly that
module, so load_state_dict(..., strict=True) accepts the file with nothing missing and nothing left over.

CNTK's "same" padding of that ResNet-18's stride-2 layers needs nothing special here: for an odd window k at stride
2 it pads floor(k/2) at top/left and at most floor(k/2) at bottom/right, and torchvision's symmetric floor(k/2) gives
the same windows (its extra bottom/right cells are never reached at even sizes, and are CNTK's at odd sizes).
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

FORMAT = "autolr-backbone/1"
_BLOCKS = {"basic": BasicBlock, "bottleneck": Bottleneck}
_SAFETENSORS_DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32}


def read_description(folder):
    """model.json of an export folder, checked to be a format this loader knows."""
    with open(os.path.join(folder, "model.json"), encoding="utf-8") as f:
        description = json.load(f)
    if description.get("format") != FORMAT:
        raise ValueError(f"{folder}/model.json has format {description.get('format')!r}; this loader reads {FORMAT!r}. "
                         "Use the autolr_torchvision.py written beside it by the same `autolr export`.")
    return description


def build(description):
    """The torchvision ResNet of the description: its blocks per stage, top blocks removed, fc = Identity."""
    model = ResNet(_BLOCKS[description["block"]], description["blocksPerStage"])
    for stage, kept in enumerate(description["keptBlocksPerStage"]):
        name = f"layer{stage + 1}"
        # An emptied stage becomes an empty Sequential: no parameters, and it passes its input through.
        setattr(model, name, torch.nn.Sequential(*list(getattr(model, name))[:kept]))
    model.fc = torch.nn.Identity()
    return model


def read_safetensors(path):
    """A .safetensors file as a state dict, read with the standard library (no `safetensors` package needed)."""
    with open(path, "rb") as f:
        length = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(length))
        data = f.read()
    state = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = _SAFETENSORS_DTYPES[entry["dtype"]]
        state[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtype).reshape(entry["shape"]).clone()
    return state


def load(folder):
    """(model, description): the exported backbone, weights loaded with strict=True, in eval mode."""
    description = read_description(folder)
    model = build(description)
    model.load_state_dict(read_safetensors(os.path.join(folder, description["weights"])), strict=True)
    model.eval()
    # preprocess() finds the mean image (a file named in the description) through this.
    description["folder"] = folder
    return model, description


def preprocess(rgb01, description):
    """float [B, 3, S, S] RGB in [0, 1] (S = the run's image size) -> the backbone's input."""
    p = description["preprocessing"]
    x = rgb01.flip(1) if p["channelOrder"] == "bgr" else rgb01
    if p.get("meanImage"):
        mean = torch.from_numpy(np.load(os.path.join(description["folder"], p["meanImage"])))[None]
        if tuple(mean.shape[-2:]) != tuple(x.shape[-2:]):
            mean = F.interpolate(mean, size=tuple(x.shape[-2:]), mode="bilinear", align_corners=False)
    else:
        mean = torch.tensor(p["mean"]).view(1, 3, 1, 1)
    std = torch.tensor(p["std"]).view(1, 3, 1, 1)
    return (x * p["scale"] - mean) / std


@torch.no_grad()
def embed(model, x, description):
    """The evaluation protocol: pooled output (+ the flipped image's when the run used it), L2-normalised."""
    pooled = model(x)
    if description["embedding"]["flipSum"]:
        pooled = pooled + model(x.flip(3))
    return F.normalize(pooled, p=2, dim=1)
