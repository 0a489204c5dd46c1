#!/usr/bin/env python3
"""Builds the benchmark repositories under bench/out (never committed).

llama4-<N>gb: a Llama 4 Scout repository with the real license and use-policy texts from ../shared/corpus,
the sample's config.json and card, and N GB of sparse safetensors shards whose headers are valid (the
tensor data is a hole: the shards cost no disk). many/: copies of the samples for throughput runs.
"""
import json, os, shutil, struct, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out = os.path.join(here, 'out')
corpus = os.environ.get('CANSHIP_CORPUS', os.path.join(root, '..', 'shared', 'corpus'))


def shard(path, index, shard_bytes):
    # One BF16 expert tensor per shard sized to fill it; the header is what canship reads.
    elems = shard_bytes // 2
    rows = 8192
    cols = elems // rows
    header = {
        f"language_model.model.layers.{index}.feed_forward.experts.gate_up_proj": {
            "dtype": "BF16", "shape": [rows, cols], "data_offsets": [0, rows * cols * 2]},
        "__metadata__": {"format": "pt"},
    }
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        f.truncate(8 + len(h) + rows * cols * 2)


def llama4_repo(name, total_gb):
    d = os.path.join(out, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    sample = os.path.join(root, 'samples', 'repos', 'llama4-scout-instruct')
    for f in ('README.md', 'config.json'):
        shutil.copy(os.path.join(sample, f), d)
    for f in ('LICENSE', 'USE_POLICY.md'):
        src = os.path.join(corpus, 'licenses', 'llama4', f)
        if not os.path.isfile(src):
            sys.exit(f'reference corpus not found at {corpus} (set CANSHIP_CORPUS)')
        shutil.copy(src, d)
    shards = max(1, total_gb // 5) if total_gb else 0
    for i in range(shards):
        shard(os.path.join(d, f'model-{i + 1:05d}-of-{shards:05d}.safetensors'), i, 5 * 10**9)
    return d


def many(count):
    d = os.path.join(out, 'many')
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    samples = sorted(os.listdir(os.path.join(root, 'samples', 'repos')))
    for i in range(count):
        s = samples[i % len(samples)]
        shutil.copytree(os.path.join(root, 'samples', 'repos', s), os.path.join(d, f'{i:04d}-{s}'))
    return d


if __name__ == '__main__':
    os.makedirs(out, exist_ok=True)
    for gb in (0, 200, 800):
        print(llama4_repo(f'llama4-{gb}gb', gb))
    print(many(int(os.environ.get('BENCH_MANY', '400'))))
