#!/usr/bin/env python3
"""Where the CPU time of a request goes, from Java Flight Recordings (bench/load.sh PARTS=profile).

For each recording (one per scenario), prints the share of all execution samples whose stack
contains a frame of each part below. Shares are inclusive (a part includes what it calls), so the
rows of one column do not add up to 100 %. "pathauth, own work" counts a sample when, walking from
the sampled frame towards the thread's root, a pathauth frame comes before the filter chain, i.e.
pathauth's code and the libraries it calls, but not the application that runs inside its filter.

With CPU_FILE set (lines "<recording file name> <server CPU microseconds per request>", written by
load.sh from /proc while each recording ran), it also prints the server's CPU per request, the part
of it spent in garbage collection (jdk.GCCPUTime; GC threads are not in the execution samples), and
each part in microseconds: its share of the samples times the CPU per request outside GC (JIT
compiler threads, idle in a warm server, are counted with the samples).

Usage: jfr-shares.py profile-a.jfr profile-b.jfr ...   (needs the JDK's `jfr` on PATH)
"""

import json
import os
import re
import subprocess
import sys

PARTS = [
    ("container security before the app (preInvoke)", "WebAppSecurityCollaboratorImpl.preInvoke"),
    ("  Jakarta Security bridge (JASPI)", "JaspiServiceImpl.authenticate"),
    ("    pathauth mechanism (validateRequest)", "io.pathauth.mechanism.PathAuthMechanism.validateRequest"),
    ("      session check", "io.pathauth.session.SessionAuthentication.validate"),
    ("      bearer check", "io.pathauth.jwt.BearerAuthentication.validate"),
    ("        verified-token cache", "io.pathauth.jwt.CachingTokenVerifier.verify"),
    ("          key routing (header, kid)", "io.pathauth.jwt.KeyRoutingVerifier.verify"),
    ("        signature and claims (smallrye-jwt)", "io.pathauth.jwt.SmallRyeTokenVerifier.verify"),
    ("        revocation check", "io.pathauth.issuer.RevocationCheck.test"),
    ("    JAAS login of the Subject", "javax.security.auth.login.LoginContext.login"),
    ("    LTPA token signing", "LTPAToken2.sign"),
    ("container security after the app (postInvoke)", "WebAppSecurityCollaboratorImpl.postInvoke"),
    ("JAX-RS @RolesAllowed check", "RoleBasedSecurityFilter"),
    ("MicroProfile Metrics (server side)", ".metrics"),
    ("the JAX-RS resource method", "io.pathauth.demo.api.PingResource."),
    ("the floor mechanism (validateRequest)", "io.pathauth.bench.load.floor.FloorMechanism.validateRequest"),
]
OWN = "pathauth, own work (incl. libraries it calls)"
FILTER_CHAIN = "WebAppFilterChain.doFilter"


def samples(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "512", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    stack = None
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack = []
        elif stack is not None and line == "]":
            yield stack
            stack = None
        elif stack is not None and line and line != "...":
            stack.append(line)


def shares(path):
    counts = {name: 0 for name, _ in PARTS}
    counts[OWN] = 0
    total = 0
    for stack in samples(path):  # leaf first
        total += 1
        for name, needle in PARTS:
            if any(needle in frame for frame in stack):
                counts[name] += 1
        for frame in stack:
            if frame.startswith("io.pathauth.") and ".demo." not in frame and ".bench." not in frame:
                counts[OWN] += 1
                break
            if FILTER_CHAIN in frame:
                break
    return total, counts


def duration_us(iso):
    """An ISO-8601 duration as JFR writes it in JSON (PT0.02S) in microseconds."""
    m = re.fullmatch(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    return (int(m.group(1) or 0) * 60 + float(m.group(2) or 0)) * 1e6


def gc_cpu_us(path):
    out = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.GCCPUTime", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    events = json.loads(out)["recording"]["events"]
    return sum(duration_us(e["values"]["userTime"]) + duration_us(e["values"]["systemTime"]) for e in events)


def main(paths):
    results = [(os.path.basename(p), *shares(p)) for p in paths]
    columns = "".join(f"{r[0].replace('profile-', '').replace('.jfr', ''):>12}" for r in results)
    names = [name for name, _ in PARTS] + [OWN]
    width = max(len(n) for n in names) + 2
    print("share of CPU samples".ljust(width) + columns)
    print("samples".ljust(width) + "".join(f"{r[1]:>12}" for r in results))
    for name in names:
        row = name.ljust(width)
        for _, total, counts in results:
            row += f"{100.0 * counts[name] / total if total else 0:>11.1f}%"
        print(row)
    cpu_file = os.environ.get("CPU_FILE")
    if not cpu_file:
        return
    cpu = {}  # recording -> (CPU us per request, requests)
    with open(cpu_file) as f:
        for line in f:
            name, us, requests = line.split()
            cpu[name] = (float(us), int(requests))
    print()
    print("microseconds per request".ljust(width) + columns)
    gc = {}
    for p in paths:
        name = os.path.basename(p)
        if name in cpu:
            gc[name] = gc_cpu_us(p) / cpu[name][1]
    row = "server CPU (all threads, /proc)".ljust(width)
    for name, _, _ in results:
        row += f"{cpu[name][0]:>12.1f}" if name in cpu else f"{'-':>12}"
    print(row)
    row = "  garbage collection (jdk.GCCPUTime)".ljust(width)
    for name, _, _ in results:
        row += f"{gc[name]:>12.1f}" if name in gc else f"{'-':>12}"
    print(row)
    for part in names:
        row = ("  " + part.strip() if part == OWN else "  " + part).ljust(width)
        for name, total, counts in results:
            if name in cpu and total:
                row += f"{(cpu[name][0] - gc[name]) * counts[part] / total:>12.1f}"
            else:
                row += f"{'-':>12}"
        print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
