#!/usr/bin/env python3
"""precis_dask.py - precis over a Dask cluster: a bag of shards (JSONL or WARC
files), each mapped through one `precis -j 1` process on a worker, the result
of each shard written beside the others in OUT_DIR (SHARD-NAME.jsonl).
precis stays a filter: Dask only schedules the shards.  See docs/scale.md.

  precis_dask.py [--workers N] [--scheduler ADDR] [--precis PATH] OUT_DIR SHARD... [-- PRECIS-OPTIONS]

Without --scheduler it starts a LocalCluster of N worker processes (default:
the cores) on this machine; with --scheduler tcp://host:8786 it uses a
cluster started elsewhere (dask-scheduler, dask-worker; the shards and
OUT_DIR must then be on a file system every worker sees).  Prints one line a
shard (documents, error records) and exits 1 when a shard had error records,
2 when precis failed on one.  Needs python3-dask and python3-distributed."""
import os
import subprocess
import sys


def run_shard(shard, out_dir, precis, opts):
    """One shard through precis; the output goes to OUT_DIR/NAME.jsonl."""
    name = os.path.basename(shard)
    for ext in (".warc.gz", ".warc", ".jsonl", ".ndjson"):
        if name.endswith(ext):
            name = name[: -len(ext)]
            break
    out = os.path.join(out_dir, name + ".jsonl")
    with open(out + ".part", "wb") as f:
        p = subprocess.run([precis, "-j", "1", "-q"] + opts + [shard], stdout=f, stderr=subprocess.PIPE)
    if p.returncode in (0, 1):
        os.replace(out + ".part", out)
    docs = errors = 0
    if p.returncode in (0, 1):
        import json
        with open(out, "rb") as f:
            for line in f:
                o = json.loads(line)
                docs += "error" not in o
                errors += "error" in o
    return {"shard": shard, "out": out, "rc": p.returncode, "docs": docs, "errors": errors,
            "stderr": p.stderr.decode("utf-8", "replace")}


def main(argv):
    import argparse
    opts = []
    if "--" in argv:
        k = argv.index("--")
        argv, opts = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--scheduler")
    ap.add_argument("--precis", default="precis")
    ap.add_argument("out_dir")
    ap.add_argument("shards", nargs="+")
    a = ap.parse_args(argv)
    if not opts:
        opts = ["-f", "jsonl"]
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        sys.exit("precis_dask.py: needs Dask (Debian: apt install python3-dask python3-distributed): %s" % e)
    os.makedirs(a.out_dir, exist_ok=True)
    precis = os.path.abspath(a.precis) if os.sep in a.precis else a.precis
    shards = [os.path.abspath(s) for s in a.shards]
    out_dir = os.path.abspath(a.out_dir)
    if a.scheduler:
        client, cluster = Client(a.scheduler), None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        bag = db.from_sequence(shards, npartitions=len(shards))
        results = bag.map(run_shard, out_dir, precis, opts).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    worst = 0
    for r in results:
        print("%s: %d documents, %d error records -> %s" % (r["shard"], r["docs"], r["errors"], r["out"]))
        if r["rc"] not in (0, 1):
            sys.stderr.write(r["stderr"])
            worst = 2
        elif r["rc"] == 1:
            worst = max(worst, 1)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
