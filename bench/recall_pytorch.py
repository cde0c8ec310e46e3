"""The PyTorch side of the `recall` benchmark (bench/README.md): the same steps in Python, to be interleaved with it.

Steps, each over N random unit vectors of dimension d, a block of queries at a time (E·Eᵀ is 2·N²·d FLOP):
  gemm     the GEMM rate: best of 3 square 2048 float32 products
  product  the blocked product E[block]·Eᵀ, each result dropped
  topk     the product and a topk of max(K) + 1 per row
  recall   the product, the query itself masked, topk, and Recall@K from the first same-class candidate (ties in
           topk's order, as a plain PyTorch evaluation does; the C# side breaks them by index)

Run with Debian's interpreter, which has torch 1.13 (its BLAS is whatever libblas.so.3 resolves to; see README):
  /usr/bin/python3 bench/recall_pytorch.py --n 20000 --dim 512 --block 559 --threads 2
"""
import argparse
import time

import torch


def gemm_rate(n=2048, calls=3):
    left, right = torch.randn(n, n), torch.randn(n, n)
    left.mm(right)
    best = min(timed(lambda: left.mm(right))[1] for _ in range(calls))
    return 2.0 * n ** 3 / best / 1e9


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def blocked(embeddings, labels, block, ks, step):
    count = embeddings.shape[0]
    hits = torch.zeros(len(ks), dtype=torch.int64)
    limits = torch.tensor(ks)
    for start in range(0, count, block):
        rows = slice(start, min(start + block, count))
        similarity = embeddings[rows].mm(embeddings.t())
        if step == "product":
            continue
        if step == "recall":
            own = torch.arange(rows.start, rows.stop).unsqueeze(1)
            similarity.scatter_(1, own, float("-inf"))
        _, indexes = similarity.topk(max(ks) + 1, dim=1)
        if step == "recall":
            same = labels[indexes[:, : max(ks)]].eq(labels[rows].unsqueeze(1))
            first = torch.where(same.any(1), same.int().argmax(1), torch.tensor(count))
            hits += first.unsqueeze(1).lt(limits.unsqueeze(0)).sum(0)
    return [f"R@{k} = {100.0 * h / count:.2f} %" for k, h in zip(ks, hits.tolist())] if step == "recall" else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--classes", type=int, default=300)
    parser.add_argument("--ks", default="1,2,4,8")
    parser.add_argument("--block", type=int, default=186, help="queries per block (C# default: 186 at N = 60,000)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", default="gemm,product,topk,recall")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    embeddings = torch.nn.functional.normalize(torch.randn(args.n, args.dim), dim=1)
    labels = torch.randint(args.classes, (args.n,))
    ks = [int(k) for k in args.ks.split(",")]
    flop = 2.0 * args.n ** 2 * args.dim
    gemm = None
    with torch.inference_mode():
        for step in args.steps.split(","):
            if step == "gemm":
                gemm = gemm_rate()
                print(f"pytorch {torch.__version__} threads {torch.get_num_threads()}: GEMM rate {gemm:.1f} GFLOP/s", flush=True)
                continue
            scores, seconds = timed(lambda: blocked(embeddings, labels, args.block, ks, step))
            rate = flop / seconds / 1e9
            share = f" = {rate / gemm:.2f} × GEMM" if gemm else ""
            print(f"   pytorch {step:8} block {args.block:6} {seconds:8.2f} s {rate:7.1f} GFLOP/s{share}   {', '.join(scores)}", flush=True)


if __name__ == "__main__":
    main()
