#!/usr/bin/env python3
"""PyTorch's EmbeddingBag on the ids Ember's harness uses, measured the way CpuTimeHarness measures Ember.

One table, sum pooling, one id per bag, one thread; M lookups per second of the timed part of each batch
(time.perf_counter, as the harness's System.nanoTime: the thread CPU clock is a system call on the VM that
slows the batch after it), best of 5 rounds; run it on an otherwise idle machine. "forward" is EmbeddingBag under no_grad (evaluation pooling); "step" is forward, backward of a
constant output gradient (1e-4, as the harness) and a sparse SGD step (lr 0.01), DLRM's reference setting.

  java -cp benchmarks/target/benchmarks.jar dev.ember.benchmarks.IdStreams ROWS zipf 2048 /tmp/ids.bin
  python3 benchmarks/peers/pytorch_embedding.py /tmp/ids.bin ROWS DIM [seconds]

Needs Debian's python3-torch (1.13; `apt-get install -y python3-torch`), run with /usr/bin/python3.
"""
import sys
import time

import numpy as np
import torch

BATCH = 2048


def best_rate(run, batches, seconds):
    """Lookups per second of the best of five rounds of seconds / 5 (after a warm-up of seconds / 2)."""
    def one_round(budget):
        timed, done = 0.0, 0
        while timed < budget:
            timed += run(batches[done % len(batches)])
            done += 1
        return done * BATCH / timed
    one_round(seconds / 2)
    return max(one_round(seconds / 5) for _ in range(5))


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: pytorch_embedding.py IDS_FILE ROWS DIM [seconds], got " + " ".join(sys.argv[1:]))
    ids_file, rows, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
    torch.set_num_threads(1)
    torch.manual_seed(7)
    ids = np.fromfile(ids_file, dtype="<i4")
    if ids.size % BATCH or ids.min() < 0 or ids.max() >= rows:
        sys.exit(f"{ids_file}: {ids.size} ids, range [{ids.min()}, {ids.max()}], expected batches of {BATCH} in [0, {rows})")
    batches = [torch.from_numpy(b.astype(np.int64)) for b in ids.reshape(-1, BATCH)]
    offsets = torch.arange(BATCH, dtype=torch.int64)
    bag = torch.nn.EmbeddingBag(rows, dim, mode="sum", sparse=True)
    sgd = torch.optim.SGD(bag.parameters(), lr=0.01)
    out_grad = torch.full((BATCH, dim), 1e-4)

    def forward(batch):
        start = time.perf_counter()
        with torch.no_grad():
            bag(batch, offsets)
        return time.perf_counter() - start

    def step(batch):
        start = time.perf_counter()
        sgd.zero_grad(set_to_none=True)
        bag(batch, offsets).backward(out_grad)
        sgd.step()
        return time.perf_counter() - start

    step_rate = best_rate(step, batches, seconds)
    forward_rate = best_rate(forward, batches, seconds)
    print(f"pytorch {torch.__version__} rows={rows} dim={dim} ids={ids_file}: forward {forward_rate / 1e6:.1f} M/s,"
          f" fwd+bwd+SGD step {step_rate / 1e6:.1f} M/s (best of 5 rounds, per second, 1 thread)")


if __name__ == "__main__":
    main()
