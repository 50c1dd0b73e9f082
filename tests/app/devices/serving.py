"""Run ``bigdesk serve`` in a guarded child process, as a spare laptop in the room would."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import REPO, check_no_network, guarded_env


@dataclass
class Served:
    """A workshop being served: its file, the page's address and the join code."""

    path: Path
    url: str
    code: str

    def call(self, method: str, path: str, body: Any = None,
             raw: bytes | None = None) -> tuple[int, Any]:
        """Send one request; return its status and its JSON answer."""
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path.lstrip("/"), data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, _decoded(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, _decoded(error.read())

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        """POST ``body`` as JSON to ``path``; return the status and the answer."""
        return self.call("POST", path, body)

    def join(self, name: str) -> str:
        """Join as ``name`` and return the token."""
        status, answer = self.call("POST", "api/join", {"code": self.code, "name": name})
        assert status == 200, answer
        return str(answer["token"])


def _decoded(data: bytes) -> Any:
    """Return a JSON answer decoded, or the text of an answer that is not JSON."""
    try:
        return json.loads(data or b"null")
    except ValueError:
        return data.decode("utf-8", "replace")


@contextmanager
def serving(path: Path) -> Iterator[Served]:
    """Serve ``path`` on a free loopback port until the block ends, then close it cleanly."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bigdesk", "serve", str(path), "--port", "0"],
        env=guarded_env(), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        text = "".join(lines)
        address = re.search(r"address:\s+(\S+)", text)
        code = re.search(r"join code:\s+(\d{6})", text)
        if address is None or code is None:
            process.kill()
            raise AssertionError(f"bigdesk serve did not start: {text}{process.stderr.read()}")
        yield Served(path, address.group(1), code.group(1))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
        check_no_network(err)
    assert process.returncode == 0, err
    assert "The room is closed." in out
