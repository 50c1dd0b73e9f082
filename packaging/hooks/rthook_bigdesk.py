"""Runtime hook of the BIG Desk bundle: a persistent matplotlib configuration folder.

PyInstaller's own matplotlib hook points MPLCONFIGDIR at a new temporary folder at every
start, so matplotlib rebuilds its font cache each time (seconds on a slow machine). A
one-folder bundle has stable font paths, so the spec drops that hook and this one keeps
the cache in the user's BIG Desk data folder instead.
"""

import os


def _persistent_mplconfig() -> None:
    if os.environ.get("MPLCONFIGDIR"):
        return  # -- the user chose a folder: respect it
    from bigdesk.paths import user_data_dir

    folder = user_data_dir() / "matplotlib"
    folder.mkdir(exist_ok=True)
    os.environ["MPLCONFIGDIR"] = str(folder)


_persistent_mplconfig()
