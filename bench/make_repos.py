#!/usr/bin/env python3
"""Builds the benchmark repositories under bench/out (never committed).

llama4-<N>gb: a Llama 4 Scout repository with the real license and use-policy texts from ../shared/corpus,
the sample's config.json and card, N GB of sparse safetensors shards whose headers are valid (the
tensor data is a hole: the shards cost no disk) and their model.safetensors.index.json, as on the Hub. many/: copies of the samples for throughput runs.
"""
import json, os, shutil, struct, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out = os.path.join(here, 'out')
corpus = os.environ.get('CANSHIP_CORPUS', os.path.join(root, '..', 'shared', 'corpus'))


def shard(path, index, shard_bytes):
    """Writes one shard and returns its tensors' names and data bytes (for the index).

    As in a real Llama 4 export, a shard holds one layer: its expert tensor sized to fill the shard, plus the
    layer's attention and norm tensors. The header is what canship reads; the data is a hole."""
    hidden = 5120
    small = {
        f"language_model.model.layers.{index}.input_layernorm.weight": [hidden],
        f"language_model.model.layers.{index}.post_attention_layernorm.weight": [hidden],
        f"language_model.model.layers.{index}.self_attn.q_proj.weight": [hidden, hidden],
        f"language_model.model.layers.{index}.self_attn.k_proj.weight": [1024, hidden],
        f"language_model.model.layers.{index}.self_attn.v_proj.weight": [1024, hidden],
        f"language_model.model.layers.{index}.self_attn.o_proj.weight": [hidden, hidden],
        f"language_model.model.layers.{index}.feed_forward.router.weight": [16, hidden],
    }
    header, offset = {}, 0
    for name, shape in small.items():
        n = 2
        for d in shape:
            n *= d
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + n]}
        offset += n
    rows = 8192
    cols = (shard_bytes - offset) // 2 // rows
    big = f"language_model.model.layers.{index}.feed_forward.experts.gate_up_proj"
    header[big] = {"dtype": "BF16", "shape": [rows, cols], "data_offsets": [offset, offset + rows * cols * 2]}
    offset += rows * cols * 2
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        f.truncate(8 + len(h) + offset)
    return [k for k in header if k != "__metadata__"], offset


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
    weight_map, total = {}, 0
    for i in range(shards):
        name = f'model-{i + 1:05d}-of-{shards:05d}.safetensors'
        tensors, size = shard(os.path.join(d, name), i, 5 * 10**9)
        weight_map.update({t: name for t in tensors})
        total += size
    if shards:
        # Every sharded export on the Hub carries this index: which shard holds each tensor, and the total size.
        with open(os.path.join(d, 'model.safetensors.index.json'), 'w') as f:
            json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2, sort_keys=True)
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
