"""The language server's standard input: JSON-RPC messages framed by `Content-Length`
headers, read so that no bytes a client sends can leave the server hanging.

pygls' own reader (pygls.io_.run_async) trusts every header. A Content-Length longer than the
body waits for bytes that never come, swallowing the messages that follow; a header it cannot
parse (negative, not a number) makes it read the body as header lines; a request whose params
do not fit the protocol's types is dropped without a reply. An editor restarts a server that
died, but a hung one just stops checking. This reader, in their place:

- takes a header block only when it is well formed (`Content-Length: <digits>`, at most
  MAX_BODY, and an empty line); anything else is skipped up to the next header;
- cuts a body short where the next header starts: JSON cannot hold a raw line break inside a
  string, nor a bare word outside one, so `Content-Length: …` CR LF inside a body means the
  length lied, and the next message starts there;
- answers what it cannot make a message of with a JSON-RPC error (parse error, invalid
  request, invalid params, naming the field) instead of silence.

Each thing skipped is one line on standard error (editors show it in the server's log).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import threading
from functools import partial
from typing import Any, BinaryIO

from pygls.io_ import StdoutWriter
from pygls.protocol import JsonRPCProtocol

MAX_BODY = 256 * 1024 * 1024  # bytes: far above any novel, far below what would exhaust memory
MAX_HEADER = 8192  # bytes of header lines before the empty line that ends them
CHUNK = 65536

# Where a header block can start, and a whole header line of the kind a message starts with.
_HEADER_START = re.compile(rb"Content-(?:Length|Type):", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"Content-(?:Length|Type):[^\r\n]*\r\n", re.IGNORECASE)

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602


def note(message: str) -> None:
    print(f"ficlint server: {message}", file=sys.stderr, flush=True)


class StdinChunks:
    """Whatever bytes standard input has, as they come, read on a daemon thread (a thread
    blocked on a pipe must not keep the process alive after `exit`), from the file
    descriptor itself (a buffered reader's lock, held by a blocked thread, would stop the
    interpreter's shutdown)."""

    def __init__(self, stream: BinaryIO) -> None:
        try:
            fd = stream.fileno()
            self.read_chunk = partial(os.read, fd, CHUNK)
        except (OSError, ValueError, AttributeError):  # not a file (a test's stream)
            self.read_chunk = partial(getattr(stream, "read1", stream.read), CHUNK)
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()
        self.loop = asyncio.get_running_loop()
        threading.Thread(target=self._pump, name="ficlint-stdin", daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                data = self.read_chunk()
            except (OSError, ValueError):
                data = b""
            self.loop.call_soon_threadsafe(self.queue.put_nowait, data)
            if not data:
                return

    async def read(self) -> bytes:
        """The next bytes; b"" at the end of input."""
        return await self.queue.get()


async def serve_messages(stream: BinaryIO, writer: StdoutWriter, protocol: JsonRPCProtocol) -> None:
    """Hand each message on `stream` to `protocol` until the end of input (or until a
    handler raises SystemExit: the `exit` notification)."""
    chunks = StdinChunks(stream)
    buf = bytearray()
    eof = False

    async def more() -> bool:
        nonlocal eof
        if eof:
            return False
        data = await chunks.read()
        eof = not data
        buf.extend(data)
        return not eof

    while True:
        # 1. The start of a header block; anything before it is skipped.
        found = _HEADER_START.search(buf)
        if found is None:
            if buf.strip():
                keep = len(b"Content-Length:") - 1  # a header may be arriving in pieces
                if len(buf) > keep:
                    note(f"skipped {len(buf) - keep} bytes that are not a message")
                    del buf[:-keep]
            if not await more():
                return
            continue
        if found.start():
            if buf[: found.start()].strip():
                note(f"skipped {found.start()} bytes that are not a message")
            del buf[: found.start()]
        # 2. The whole header block.
        end = buf.find(b"\r\n\r\n")
        if end < 0 or end > MAX_HEADER:
            if len(buf) > MAX_HEADER:
                note("skipped a header block with no end")
                del buf[:1]
            elif not await more():
                return
            continue
        length, problem = _content_length(bytes(buf[:end]))
        del buf[: end + 4]
        if problem:
            note(f"skipped a message with {problem}")
            continue
        # 3. The body, cut short where the next message starts.
        scanned = 0
        while True:
            cut = _HEADER_LINE.search(buf, max(0, scanned - 64), min(len(buf), length))
            if cut is not None:
                note(
                    f"a message said Content-Length: {length} but the next one started "
                    f"after {cut.start()} bytes; read on from there"
                )
                body = bytes(buf[: cut.start()])
                del buf[: cut.start()]
                break
            if len(buf) >= length:
                body = bytes(buf[:length])
                del buf[:length]
                break
            scanned = len(buf)
            if not await more():
                note(f"the input ended inside a message ({len(buf)} of {length} bytes)")
                return
        _dispatch(body, writer, protocol)


def _content_length(header: bytes) -> tuple[int, str | None]:
    """The body's length from a header block, or why there is none."""
    value = None
    for line in header.split(b"\r\n"):
        name, colon, rest = line.partition(b":")
        if colon and name.strip().lower() == b"content-length":
            value = rest.strip()
    if value is None:
        return 0, "no Content-Length header"
    shown = value[:40].decode("ascii", "replace")
    if not value.isdigit() or len(value) > 12:
        return 0, f"a bad Content-Length header ({shown!r})"
    length = int(value)
    if length > MAX_BODY:
        return 0, f"a Content-Length of {length} bytes (at most {MAX_BODY})"
    if length == 0:
        return 0, "an empty body"
    return length, None


def _dispatch(body: bytes, writer: StdoutWriter, protocol: JsonRPCProtocol) -> None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        note(f"a message that is not JSON ({exc})")
        _error(writer, None, PARSE_ERROR, f"Parse error: the message is not JSON ({exc})")
        return
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        note("a message that is not a JSON-RPC 2.0 object")
        request_id = data.get("id") if isinstance(data, dict) else None
        _error(writer, _valid_id(request_id), INVALID_REQUEST, "Invalid request: not JSON-RPC 2.0")
        return
    try:
        message = protocol.structure_message(data)
    except Exception as exc:
        method = data.get("method")
        why = _why(exc)
        note(f"a {method or 'response'} message whose fields do not fit the protocol: {why}")
        if "id" in data and method is not None:
            _error(
                writer,
                _valid_id(data["id"]),
                INVALID_PARAMS,
                f"Invalid params for {method}: {why}",
            )
        return
    try:
        protocol.handle_message(message)
    except Exception as exc:  # pygls answers a failing handler itself; this is its own bug
        note(f"could not handle a message: {type(exc).__name__}: {exc}")


def _why(exc: BaseException) -> str:
    """What the client got wrong, field by field, from the validation errors pygls wraps:
    `params.range.start: Position.line should be in range [0:2147483647], but was -1.`"""
    found: list[str] = []

    def walk(error: BaseException, path: list[str]) -> None:
        for note in getattr(error, "__notes__", ()):
            where = _NOTE.search(note)
            if where:
                path = [*path, where.group(1)]
        inner = getattr(error, "exceptions", None)
        if inner:
            for sub in inner:
                walk(sub, path)
        else:
            what = "missing" if isinstance(error, KeyError) else str(error)
            found.append(f"{'.'.join(path[1:]) or 'message'}: {what}")

    walk(exc.__cause__ or exc, [])
    return "; ".join(found[:5])


_NOTE = re.compile(r"@ (?:attribute|index|key) (\S+)")


def _valid_id(value: Any) -> int | str | None:
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def _error(writer: StdoutWriter, request_id: int | str | None, code: int, message: str) -> None:
    body = json.dumps(
        {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}
    ).encode("utf-8")
    writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
