#!/usr/bin/env python3
"""What the SSH key exchange and cipher cost on one lab node, the choices nks-sync leaves to
the user's ssh_config.

Starts one lab node (real sshd), then for each key exchange offered by both sides opens
`--runs` fresh connections running `true` (no control master), and for each cipher moves
64 MiB through one connection. Reports median wall time per handshake, the CPU of client
and server per handshake (client: this script's children; server: the node's sshd
listener, which reaps every connection's processes), and transfer rates. Writes Markdown.

Usage (root; the lab needs mount namespaces):
  bench/handshake.py [--runs 30] [--bin DIR] [--out bench/HANDSHAKE.md]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The first is OpenSSH's default from 9.9 on, the second from 9.0 to 9.8.
KEX = ["mlkem768x25519-sha256", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "ecdh-sha2-nistp256",
       "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512"]
CIPHERS = ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr"]


def run(command, check=True):
    result = subprocess.run(command, text=True, capture_output=True)
    if check and result.returncode != 0:
        sys.exit(f"handshake: failed: {' '.join(command)}\n{result.stderr}")
    return result


def supported(kind):
    return set(run(["ssh", "-Q", kind]).stdout.split())


def listener_cpu(pid):
    """Seconds of CPU of the sshd listener's reaped children (every finished connection)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    times = os.times()
    return times.children_user + times.children_system


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--bin")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "HANDSHAKE.md"))
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("handshake: run as root (the lab needs mount namespaces and sshd)")
    if args.bin is None:
        run(["swift", "build", "-c", "release", "--product", "nks-lab", "--package-path", ROOT])
        args.bin = run(["swift", "build", "-c", "release", "--show-bin-path", "--package-path", ROOT]).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="nks-handshake-") as work:
        lab = work + "/lab"
        run([args.bin + "/nks-lab", "up", "--dir", lab, "--nodes", "1"])
        try:
            config = lab + "/ssh_config"
            listener = int(run(["pgrep", "-f", "-o", f"sshd -f {lab}/nodes/worker-1/sshd_config"]).stdout.split()[0])
            base = ["ssh", "-F", config, "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none"]
            rows = []
            for kex in [k for k in KEX if k in supported("kex")]:
                walls = []
                client, server = children_cpu(), listener_cpu(listener)
                for _ in range(args.runs):
                    start = time.monotonic()
                    run(base + ["-o", f"KexAlgorithms={kex}", "worker-1", "true"])
                    walls.append(time.monotonic() - start)
                client, server = children_cpu() - client, listener_cpu(listener) - server
                rows.append(f"| {kex} | {statistics.median(walls) * 1000:.1f} ms | {client / args.runs * 1000:.1f} ms "
                            f"| {server / args.runs * 1000:.1f} ms | {(client + server) / args.runs * 1000:.1f} ms |")
                print(rows[-1], file=sys.stderr)
            transfers = []
            for cipher in [c for c in CIPHERS if c in supported("cipher")]:
                walls = []
                for _ in range(3):
                    start = time.monotonic()
                    run(base + ["-o", f"Ciphers={cipher}", "worker-1", "head -c 67108864 /dev/zero"])
                    walls.append(time.monotonic() - start)
                transfers.append(f"| {cipher} | {statistics.median(walls):.2f} s | {64 / statistics.median(walls):.0f} MiB/s |")
                print(transfers[-1], file=sys.stderr)
        finally:
            run([args.bin + "/nks-lab", "down", "--dir", lab], check=False)
    version = run(["ssh", "-V"]).stderr.strip()
    text = "\n".join([
        f"### What the SSH key exchange and cipher cost ({os.cpu_count()} cores, {time.strftime('%Y-%m-%d')})", "",
        f"{version}, ed25519 host and user keys, one lab node on loopback, `bench/handshake.py --runs {args.runs}`. "
        "A fresh connection running `true`, without a control master; CPU is per connection.", "",
        "| key exchange | median wall | client CPU | server CPU | both |", "|---|---:|---:|---:|---:|", *rows, "",
        "64 MiB from the node through one connection (median of 3):", "",
        "| cipher | median wall | rate |", "|---|---:|---:|", *transfers, ""])
    with open(args.out, "w") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
