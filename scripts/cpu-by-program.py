#!/usr/bin/env python3
"""Runs a command with the kernel's process accounting on and prints the processor time it cost, by program.

    python3 scripts/cpu-by-program.py [--top N] -- npm run test:e2e

Needs root (acct(2)). Every process that ends while it runs is counted, also those in containers and
those of the daemons' hooks (dockerd's re-executions), which a per-file timing cannot see. Long-lived
daemons (dockerd, containerd, the registry) are counted only if they end during the run. The suite is
CPU-bound on two cores: this is where its time goes.
"""
import collections, ctypes, os, struct, subprocess, sys, tempfile

NODE_THREADS = {"MainThread", "SignalInspector", "V8Worker", "WorkerThread", "DelayedTaskSche", "libuv-worker"}

def comp_t(v: int) -> int:
    # 13-bit mantissa, 3-bit base-8 exponent (kernel/acct.c encode_comp_t).
    return (v & 0x1FFF) << (3 * ((v >> 13) & 7))

def main() -> int:
    args = sys.argv[1:]
    top = 30
    if args[:1] == ["--top"]:
        top, args = int(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    libc = ctypes.CDLL(None, use_errno=True)
    fd, path = tempfile.mkstemp(prefix="cpu-by-program-")
    os.close(fd)
    try:
        if libc.acct(path.encode()) != 0:
            print(f"cpu-by-program: acct: {os.strerror(ctypes.get_errno())} (root needed)", file=sys.stderr)
            return 2
        try:
            code = subprocess.call(args)
        finally:
            libc.acct(None)
        rec = struct.Struct("<cBHIIIIIIf8H16s")  # struct acct_v3, 64 bytes
        data = open(path, "rb").read()
        by = collections.defaultdict(lambda: [0.0, 0])
        for i in range(0, len(data) - rec.size + 1, rec.size):
            f = rec.unpack_from(data, i)
            if f[1] != 3:
                continue
            name = f[18].split(b"\0")[0].decode(errors="replace")
            # A process is named after the thread that ended last: node's have names of their own.
            name = "node" if name in NODE_THREADS else name
            by[name][0] += (comp_t(f[10]) + comp_t(f[11])) / 100.0
            by[name][1] += 1
        total = sum(v[0] for v in by.values())
        print(f"=== processor time by program: {total / 60:.1f} core-minutes in {sum(v[1] for v in by.values())} processes ===", file=sys.stderr)
        for name, (cpu, n) in sorted(by.items(), key=lambda x: -x[1][0])[:top]:
            print(f"  {cpu:8.1f} s {100 * cpu / max(total, 1e-9):5.1f} % {n:7d}  {name}", file=sys.stderr)
        return code
    finally:
        os.unlink(path)

if __name__ == "__main__":
    sys.exit(main())
