"""PyTorch's side of the embedding-rate comparison with `autolr-bench frozen` (its "from memory" figure).

The same work: torchvision's ResNet-18 without its classifier (global average pooling, flatten), eval mode and
inference mode, batches of each of --batches random images [B, 3, S, S] already in memory, optionally each batch's horizontal
flip embedded too and summed, then L2-normalised. Weights do not change the rate, so none are loaded.
Prints forward images per second (a flip counts twice), best of --repeats, per size.

    /usr/bin/python3 bench/embed_pytorch.py --sizes 32,64,112 --images 5000 --threads 1   # Debian's python3-torch
"""
import argparse
import time

import torch
import torchvision


def rate(model, images, batch, flip):
    start = time.perf_counter()
    with torch.inference_mode():
        for first in range(0, images.shape[0], batch):
            x = images[first:first + batch]
            pooled = model(x)
            if flip:
                pooled = pooled + model(x.flip(3))
            torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
    seconds = time.perf_counter() - start
    return (2 if flip else 1) * images.shape[0] / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="32,64,112")
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--batches", default="64,256", help="batch sizes, each measured")
    parser.add_argument("--flip", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    model = torchvision.models.resnet18()
    model.fc = torch.nn.Identity()
    model.eval()
    print(f"pytorch {torch.__version__}, torchvision {torchvision.__version__}, threads {torch.get_num_threads()}, "
          f"flip {bool(args.flip)}")
    for size in (int(s) for s in args.sizes.split(",")):
        torch.manual_seed(1)
        images = torch.randn(args.images, 3, size, size)
        for batch in (int(b) for b in args.batches.split(",")):
            best = max(rate(model, images, batch, args.flip) for _ in range(args.repeats))
            print(f"  {size:4d} px, batch {batch:3d}: embedding {best:7.0f} img/s from memory")


if __name__ == "__main__":
    main()
