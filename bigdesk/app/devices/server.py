"""Serve the room's page and its API on the room's own network, from a thread of its own.

aiohttp parses HTTP and runs an asyncio loop in this thread; every request that reads
or changes the workshop is handed to the workshop's own thread through a dispatcher,
so the window's event loop only ever runs short jobs. The page and its assets are
files shipped with BIG Desk: nothing is loaded from anywhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import json
import logging
import socket
import threading
from concurrent.futures import Future
from typing import Any

from aiohttp import web

from bigdesk.app.devices import DEFAULT_PORT
from bigdesk.app.devices.admission import RateLimiter
from bigdesk.app.devices.api import ACTIONS, RoomApi
from bigdesk.app.devices.dispatch import Dispatcher
from bigdesk.paths import resource

log = logging.getLogger(__name__)

# -- the largest request a phone sends is one key point (500 characters, up to 2 kB
#    of UTF-8) in a little JSON: anything bigger is not from the page
MAX_BODY = 16 * 1024
# -- each device: a burst (a phone scoring a page of dimensions quickly), then a
#    steady rate well above any thumb
TOKEN_RATE, TOKEN_BURST = 10.0, 40.0
# -- wrong join codes from one address: a few typos, then one more try every 10 s,
#    so guessing one of a million codes would take weeks
WRONG_CODE_RATE, WRONG_CODE_BURST = 0.1, 10.0
# -- a job the window has not run by then is given up (the window is busy or closing)
JOB_TIMEOUT = 15.0
# -- the page's own files: path served, file in resources/room/, content type
PAGE = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/room.js": ("room.js", "text/javascript; charset=utf-8"),
    "/room.css": ("room.css", "text/css; charset=utf-8"),
}
# -- the page runs only its own script and talks only to this server
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}  # fmt: skip
API_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
# -- what a GET may ask; every other action changes something, so it is a POST
READS = frozenset({"state"})


class ServiceUnavailable(Exception):
    """The workshop's thread did not answer in time, or the room closed meanwhile."""


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=API_HEADERS)


def page_url(host: str, port: int) -> str:
    """Return the address a phone types for a server listening on ``host`` and ``port``."""
    shown = host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        # -- listening everywhere: the machine's name is what phones can reach it by
        shown = socket.gethostname()
    elif address is not None and address.version == 6:
        shown = f"[{host}]"
    return f"http://{shown}:{port}/"


class RoomServer:
    """The room's page and API, listening on one address while the room is open."""

    def __init__(self, api: RoomApi, dispatcher: Dispatcher) -> None:
        self.api = api
        self.dispatcher = dispatcher
        self.host = ""
        self.port = 0
        self._per_device = RateLimiter(TOKEN_RATE, TOKEN_BURST)
        self._wrong_codes = RateLimiter(WRONG_CODE_RATE, WRONG_CODE_BURST)
        self._files = {path: (resource("room", name).read_bytes(), kind)
                       for path, (name, kind) in PAGE.items()}  # fmt: skip
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the page's address (without the join code)."""
        return page_url(self.host, self.port)

    @property
    def listening(self) -> bool:
        """Return whether the server is running."""
        return self._thread is not None and self._thread.is_alive()

    # -- starting and stopping

    def start(self, host: str, port: int = DEFAULT_PORT) -> None:
        """Listen on ``host`` and ``port`` (0: any free port); raise OSError when it cannot."""
        if self.listening:
            raise RuntimeError("The room is already open.")
        ready: Future[int] = Future()
        self._thread = threading.Thread(target=self._serve, args=(host, port, ready),
                                        name="bigdesk-room", daemon=True)
        self._thread.start()
        self.port = ready.result()
        self.host = host

    def stop(self) -> None:
        """Stop listening, answer what is still waiting with 503, and end the thread."""
        self.dispatcher.close()
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
        self._thread = None

    def _serve(self, host: str, port: int, ready: Future[int]) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            runner = loop.run_until_complete(self._listen(host, port))
        except Exception as error:
            ready.set_exception(error)
            loop.close()
            return
        self._loop = loop
        ready.set_result(int(runner.addresses[0][1]))
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.close()

    async def _listen(self, host: str, port: int) -> web.AppRunner:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/", self._page)
        app.router.add_get("/room.js", self._page)
        app.router.add_get("/room.css", self._page)
        app.router.add_get("/api/{action}", self._api)
        app.router.add_post("/api/{action}", self._api)
        # -- no access log: a request line holds the device's token
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        return runner

    # -- requests

    async def _page(self, request: web.Request) -> web.Response:
        body, kind = self._files[request.path]
        return web.Response(body=body, headers={**PAGE_HEADERS, "Content-Type": kind})

    async def _api(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        if action not in ACTIONS:
            return _error(404, "There is no such request.")
        if (request.method == "GET") != (action in READS):
            return _error(405, f"Use {'GET' if action in READS else 'POST'} for {action}.")
        body: object = None
        if request.method == "GET":
            token: object = request.query.get("token")
        else:
            try:
                raw = await request.read()
            except web.HTTPRequestEntityTooLarge:
                return _error(413, f"A request may hold up to {MAX_BODY // 1024} kB.")
            try:
                body = json.loads(raw, parse_constant=_refuse_constant)
            except (ValueError, RecursionError):
                return _error(400, "The request is not valid JSON.")
            if not isinstance(body, dict):
                return _error(400, "Send one JSON object.")
            token = body.get("token")
        person_id: int | None = None
        if action in ("join", "names"):
            refusal = self._check_code(request.remote or "", body)
            if refusal is not None:
                return refusal
        else:
            person_id = self.api.admission.person_of(token)
            if person_id is None:
                return _error(401, "Join the room first: this device has no valid token.")
            assert isinstance(token, str)
            if not self._per_device.allow(token):
                return _error(429, "Slow down a little, then try again.")
        try:
            status, payload = await self._run(action, person_id, body)
        except ServiceUnavailable:
            return _error(503, "The room is busy or closing: try again in a moment.")
        except Exception:
            log.exception("A device's %s request failed", action)
            return _error(500, "Something went wrong: tell the facilitator.")
        return web.json_response(dataclasses.asdict(payload), status=status,
                                 headers=API_HEADERS)

    def _check_code(self, remote: str, body: object) -> web.Response | None:
        """Refuse a wrong join code, and an address that keeps guessing."""
        if self._wrong_codes.empty(remote):
            return _error(429, "Too many wrong codes: wait a minute, then try again.")
        code = body.get("code") if isinstance(body, dict) else None
        if not self.api.admission.code_matches(code):
            self._wrong_codes.allow(remote)
            return _error(403, "That join code is not right: check the code on the screen.")
        return None

    async def _run(self, action: str, person_id: int | None, body: object) -> tuple[int, Any]:
        """Run one request on the workshop's thread and wait for its answer."""
        done = self.dispatcher.submit(lambda: self.api.handle(action, person_id, body))
        loop = asyncio.get_running_loop()
        settled: asyncio.Future[tuple[int, Any]] = loop.create_future()

        def settle(job: Future[tuple[int, Any]]) -> None:
            if settled.done():
                return
            if job.cancelled():
                settled.set_exception(ServiceUnavailable())
            elif job.exception() is not None:
                settled.set_exception(job.exception())  # type: ignore[arg-type]
            else:
                settled.set_result(job.result())

        def hand_back(job: Future[tuple[int, Any]]) -> None:
            # -- a job that ends after the room closed has no loop to hand back to
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(settle, job)

        done.add_done_callback(hand_back)
        try:
            return await asyncio.wait_for(settled, JOB_TIMEOUT)
        except TimeoutError:
            done.cancel()
            raise ServiceUnavailable() from None
