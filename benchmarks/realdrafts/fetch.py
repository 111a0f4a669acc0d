"""Bring the real drafts named in manifest.toml into texts/ (never committed).

Each draft is read at the exact commit its annotations were made on, from a local bare
mirror when there is one (``/work/.mirror/OWNER+REPO/repo``, read with ``git show``),
otherwise from a shallow clone of github.com at that commit. Files land in
``texts/OWNER__REPO/PATH``.

    python benchmarks/realdrafts/fetch.py            # all drafts
    python benchmarks/realdrafts/fetch.py --mirror-root DIR --force
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
DEFAULT_MIRROR_ROOT = Path("/work/.mirror")


def load_manifest(path: Path = HERE / "manifest.toml") -> list[dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["draft"]


def draft_dir(texts: Path, repo: str) -> Path:
    return texts / repo.replace("/", "__")


def mirror_git_dir(mirror_root: Path, repo: str) -> Path | None:
    base = mirror_root / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "objects").is_dir():
            return candidate
    return None


def has_commit(git_dir: Path, commit: str) -> bool:
    probe = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
    )
    return probe.returncode == 0


def read_blob(git_dir: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
        check=True,
    ).stdout


def clone_at(repo: str, commit: str, into: Path) -> Path:
    """A bare, shallow fetch of one commit from github.com; returns its git dir."""
    git_dir = into / "clone.git"
    url = f"https://github.com/{repo}.git"
    subprocess.run(["git", "init", "--bare", "-q", str(git_dir)], check=True)
    fetched = subprocess.run(
        ["git", "--git-dir", str(git_dir), "fetch", "-q", "--depth", "1", url, commit],
        capture_output=True,
    )
    if fetched.returncode != 0:  # servers that refuse a fetch by SHA: take the history
        subprocess.run(
            ["git", "--git-dir", str(git_dir), "fetch", "-q", url, "+refs/heads/*:refs/heads/*"],
            check=True,
        )
    return git_dir


def fetch_draft(draft: dict, texts: Path, mirror_root: Path, force: bool) -> str:
    out = draft_dir(texts, draft["repo"])
    targets = [out / p for p in draft["paths"]]
    if not force and all(t.is_file() for t in targets):
        return "present"
    git_dir = mirror_git_dir(mirror_root, draft["repo"])
    source = "mirror"
    with tempfile.TemporaryDirectory() as tmp:
        if git_dir is None or not has_commit(git_dir, draft["commit"]):
            git_dir = clone_at(draft["repo"], draft["commit"], Path(tmp))
            source = "github"
        for path, target in zip(draft["paths"], targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_blob(git_dir, draft["commit"], path))
    return source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--texts", type=Path, default=HERE / "texts", help="where to put the drafts"
    )
    parser.add_argument(
        "--mirror-root", type=Path, default=DEFAULT_MIRROR_ROOT, help="folder of OWNER+REPO mirrors"
    )
    parser.add_argument(
        "--force", action="store_true", help="copy again even if the files are there"
    )
    args = parser.parse_args(argv)
    for draft in load_manifest():
        try:
            how = fetch_draft(draft, args.texts, args.mirror_root, args.force)
        except subprocess.CalledProcessError as err:
            print(f"{draft['repo']}: failed ({err})", file=sys.stderr)
            return 1
        print(f"{draft['repo']}@{draft['commit'][:10]}: {len(draft['paths'])} files ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
