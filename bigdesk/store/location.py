"""Tell whether a workshop lives where SQLite's write-ahead log is unsafe."""

from __future__ import annotations

import sys
from pathlib import Path

# -- WAL needs shared memory between processes on one machine: network file systems
#    and folders that sync programs copy behind our back break it
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "9p", "afs", "ceph", "glusterfs",
        "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "davfs", "fuse.davfs2",
        "fuse.onedriver", "fuse.dropbox", "fuse.google-drive-ocamlfuse", "fuse.drivefs",
    }
)  # fmt: skip
SYNCED_FOLDER_NAMES = (
    "dropbox", "onedrive", "google drive", "googledrive", "my drive", "icloud drive",
    "mobile documents", "icloud~", "nextcloud", "owncloud", "box", "box sync", "pcloud",
    "sync.com", "megasync", "seafile",
)  # fmt: skip


def _mount_type(path: Path) -> str | None:
    """Return the file system type of the mount holding ``path`` (Linux only)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    best, best_type = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def shared_location_reason(path: Path) -> str | None:
    """Return why ``path`` is on a network or synced folder, or None when it is local."""
    resolved = path.resolve()
    text = str(resolved)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    if sys.platform.startswith("linux"):
        fs_type = _mount_type(resolved.parent)
        if fs_type in NETWORK_FILESYSTEMS:
            return f"a network file system ({fs_type})"
    parts = [part.lower() for part in resolved.parts]
    for part in parts:
        for name in SYNCED_FOLDER_NAMES:
            if part == name or part.startswith(name + " ") or part.startswith(name + "-"):
                return f"a cloud-synced folder ({part})"
    return None


def journal_mode_for(path: Path) -> str:
    """Return the SQLite journal mode that is safe at ``path``."""
    return "DELETE" if shared_location_reason(path) else "WAL"
