#!/usr/bin/env python3
"""Where the CPU time of a request goes, from Java Flight Recordings (bench/load.sh PARTS=profile).

For each recording (one per scenario), prints the share of all execution samples whose stack
contains a frame of each part below. Shares are inclusive (a part includes what it calls), so the
rows of one column do not add up to 100 %. "pathauth, own work" counts a sample when, walking from
the sampled frame towards the thread's root, a pathauth frame comes before the filter chain, i.e.
pathauth's code and the libraries it calls, but not the application that runs inside its filter.

Usage: jfr-shares.py profile-a.jfr profile-b.jfr ...   (needs the JDK's `jfr` on PATH)
"""

import os
import subprocess
import sys

PARTS = [
    ("container security before the app (preInvoke)", "WebAppSecurityCollaboratorImpl.preInvoke"),
    ("  Jakarta Security bridge (JASPI)", "JaspiServiceImpl.authenticate"),
    ("    pathauth mechanism (validateRequest)", "io.pathauth.mechanism.PathAuthMechanism.validateRequest"),
    ("      session check", "io.pathauth.session.SessionAuthentication.validate"),
    ("      bearer check", "io.pathauth.jwt.BearerAuthentication.validate"),
    ("        verified-token cache", "io.pathauth.jwt.CachingTokenVerifier.verify"),
    ("        signature and claims (smallrye-jwt)", "io.pathauth.jwt.SmallRyeTokenVerifier.verify"),
    ("        revocation check", "io.pathauth.cdi.PathAuthRuntime.revoked"),
    ("    JAAS login of the Subject", "javax.security.auth.login.LoginContext.login"),
    ("    LTPA token signing", "LTPAToken2.sign"),
    ("container security after the app (postInvoke)", "WebAppSecurityCollaboratorImpl.postInvoke"),
    ("JAX-RS @RolesAllowed check", "RoleBasedSecurityFilter"),
    ("MicroProfile Metrics (server side)", ".metrics"),
    ("the JAX-RS resource method", "io.pathauth.demo.api.PingResource."),
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
            if frame.startswith("io.pathauth.") and ".demo." not in frame:
                counts[OWN] += 1
                break
            if FILTER_CHAIN in frame:
                break
    return total, counts


def main(paths):
    results = [(os.path.basename(p), *shares(p)) for p in paths]
    names = [name for name, _ in PARTS] + [OWN]
    width = max(len(n) for n in names) + 2
    print("share of CPU samples".ljust(width) + "".join(f"{r[0]:>16}" for r in results))
    print("samples".ljust(width) + "".join(f"{r[1]:>16}" for r in results))
    for name in names:
        row = name.ljust(width)
        for _, total, counts in results:
            row += f"{100.0 * counts[name] / total if total else 0:>15.1f}%"
        print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
