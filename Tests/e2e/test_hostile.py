#!/usr/bin/env python3
"""`damages serve` as a real process against hostile clients, on loopback only.

1. With at most 1,024 open files (`ulimit -n 1024`), 1,100 idle connections are opened; a
   normal request must still be answered within 15 s, and the server must not spin (its CPU
   time over 3 s while they are open stays under half a core).
2. The alias-key bomb on POST /api/tree is refused at once (422).
3. SIGTERM stops the server within 5 s, even while a simulation runs.

Every connection goes to 127.0.0.1, the counts and times are bounded, and the server is
stopped however the test ends. Usage: test_hostile.py --binary PATH
"""
import argparse
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

IDLE = 1100
ANSWER_WITHIN = 15.0

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n"
    for p, n in zip("abcdefghi", "bcdefghij")) + "? *j\n: 1\n"


def start(binary):
    server = subprocess.Popen(
        ["/bin/sh", "-c", 'ulimit -n 1024 && exec "$0" serve --host 127.0.0.1 --port 0 --max-runs 100000000', binary],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        sys.exit(f"hostile: error: no address in {line!r}")
    return server, int(match.group(1))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request(port, path, data=None, timeout=ANSWER_WITHIN):
    r = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)
    try:
        with urllib.request.urlopen(r, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def idle_connections(port, pid):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = IDLE + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard) if hard != resource.RLIM_INFINITY else want, hard))
    sockets = []
    try:
        for _ in range(IDLE):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            sockets.append(s)
        time.sleep(1)
        before, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(3)
        cpu = (cpu_seconds(pid) - before) / (time.monotonic() - t0)
        print(f"hostile: {IDLE} idle connections open; server CPU {cpu * 100:.0f} % of a core")
        assert cpu < 0.5, f"the server spins with idle connections open: {cpu * 100:.0f} % of a core"
        t0 = time.monotonic()
        status, body = request(port, "/api/info")
        took = time.monotonic() - t0
        print(f"hostile: GET /api/info answered {status} in {took:.2f} s")
        assert status == 200 and took <= ANSWER_WITHIN, (status, took)
        assert json.loads(body)["max_runs"] == 100000000
    finally:
        for s in sockets:
            s.close()


def huge_body(port):
    """A request that declares a 100 MB body (the default --max-body is 1 MiB) is refused with
    413 from its headers: the client sends the first megabyte at most and reads the answer."""
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=ANSWER_WITHIN)
    try:
        s.sendall(b"POST /api/estimate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: application/yaml\r\nContent-Length: 100000000\r\n\r\n")
        chunk = b"#" * 65536
        try:
            for _ in range(16):
                s.sendall(chunk)
        except OSError:
            pass  # the server may close once it has answered
        answer = b""
        while b"\r\n" not in answer:
            data = s.recv(4096)
            if not data:
                break
            answer += data
    finally:
        s.close()
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    print(f"hostile: a 100 MB body: {status} in {time.monotonic() - t0:.2f} s")
    assert " 413 " in status + " ", status
    # and the server goes on serving
    status, _ = request(port, "/api/info")
    assert status == 200, status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    server, port = start(args.binary)
    try:
        idle_connections(port, server.pid)
        t0 = time.monotonic()
        status, body = request(port, "/api/tree", BOMB.encode(), timeout=10)
        print(f"hostile: alias-key bomb on /api/tree: {status} in {time.monotonic() - t0:.2f} s")
        assert status == 422 and "alias" in body, (status, body)
        huge_body(port)
        with open(os.path.join(os.path.dirname(__file__), "../../scenarios/benchmark.yaml"), "rb") as f:
            status, body = request(port, "/api/simulate?runs=100000000", f.read())
        assert status == 202, (status, body)
        time.sleep(0.5)
        t0 = time.monotonic()
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)
        took = time.monotonic() - t0
        print(f"hostile: SIGTERM during a simulation: exit {code} in {took:.2f} s")
        assert code == 0 and took < 5, (code, took)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    print("hostile: ok")


if __name__ == "__main__":
    main()
