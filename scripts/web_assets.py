#!/usr/bin/env python3
"""The workspace's JavaScript, pinned from the npm registry and shipped in the package.

``ingest/web/static/vendor/assets.lock.json`` names each file: its npm package,
version, path inside the package tarball and sha256. Nothing is loaded from a
CDN at run time; these files are the whole front end's third-party code.

    python scripts/web_assets.py --check    # fetch each tarball with `npm pack`, compare with the lock and the shipped file
    python scripts/web_assets.py --update   # write the shipped files and the lock from the versions in the lock

Needs `npm` (the ordinary client, against the registry it is configured for).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "ingest" / "web" / "static" / "vendor"
LOCK = VENDOR / "assets.lock.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def from_npm(package: str, version: str, member: str, workdir: Path) -> bytes:
    """One file of a package's tarball, fetched with `npm pack`."""
    name = subprocess.run(["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(workdir)],
                          check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(workdir / name) as tar:
        handle = tar.extractfile(f"package/{member}")
        if handle is None:
            raise SystemExit(f"{package}@{version}: no {member} in the tarball")
        return handle.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="verify the shipped files against npm and the lock")
    mode.add_argument("--update", action="store_true", help="rewrite the shipped files and hashes from npm")
    args = parser.parse_args(argv)
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for entry in lock["files"]:
            data = from_npm(entry["package"], entry["version"], entry["member"], Path(tmp))
            digest = sha256(data)
            shipped = VENDOR / entry["file"]
            if args.update:
                shipped.write_bytes(data)
                entry["sha256"] = digest
                print(f"{entry['file']}: {entry['package']}@{entry['version']} {digest}")
                continue
            problems = []
            if digest != entry["sha256"]:
                problems.append(f"npm's file hashes {digest}, the lock says {entry['sha256']}")
            if not shipped.exists() or sha256(shipped.read_bytes()) != entry["sha256"]:
                problems.append("the shipped file differs from the lock")
            bad += bool(problems)
            print(f"{entry['file']}: {entry['package']}@{entry['version']} " + ("; ".join(problems) or "ok"))
    if args.update:
        LOCK.write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
