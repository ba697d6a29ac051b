"""A small OpenAI-compatible HTTP server on 127.0.0.1 that returns scripted chat completions.

It speaks the real protocol (``POST /v1/chat/completions`` with or without ``stream``, and
``GET /v1/models``; Ollama's ``GET /api/tags`` for status checks), so the client under test runs unpatched. Every request is recorded.

    with FakeOpenAIServer() as server:
        server.reply("Svaret er 12 prosent [1].")
        LLMComposer("openai:fake-model", base_url=server.base_url, api_key="test")
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "fake-model"

Script = Callable[[dict], "Reply"]


@dataclass(frozen=True)
class Reply:
    """What the server does with one chat request: wait, then answer ``content`` or fail."""

    content: str = ""
    delay: float = 0.0
    status: int = 200


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: dict | None = None

    @property
    def messages(self) -> list[dict]:
        return list((self.body or {}).get("messages", []))

    @property
    def prompt(self) -> str:
        """All message contents joined, for asserting what the model was told."""
        return "\n\n".join(str(m.get("content", "")) for m in self.messages)


@dataclass
class _State:
    script: Script = field(default=lambda body: Reply("Det finner jeg ikke i kunnskapsgrunnlaget."))
    requests: list[Recorded] = field(default_factory=list)
    models: tuple[str, ...] = (MODEL,)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "stop", "logprobs": None}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(delta: dict, model: str, finish: str | None = None) -> bytes:
    data = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n".encode()


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _record(self, body: dict | None) -> None:
            with state.lock:
                state.requests.append(Recorded(self.command, self.path,
                                              {k.lower(): v for k, v in self.headers.items()}, body))

        def _send_json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._record(None)
            if self.path.rstrip("/") in ("/v1/models", "/models"):
                self._send_json(200, {"object": "list", "data": [
                    {"id": m, "object": "model", "created": 0, "owned_by": "test"} for m in state.models]})
            elif self.path.rstrip("/") == "/api/tags":  # Ollama's model list, for status checks
                self._send_json(200, {"models": [{"name": m, "model": m} for m in state.models]})
            else:
                self._send_json(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            self._record(body)
            if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                self._send_json(404, {"error": {"message": f"no route {self.path}"}})
                return
            reply = state.script(body)
            if state.stop.wait(reply.delay):  # server shutting down: give up quietly
                return
            model = body.get("model", MODEL)
            try:
                if reply.status != 200:
                    self._send_json(reply.status, {"error": {"message": "scripted failure",
                                                             "type": "server_error"}})
                elif body.get("stream"):
                    self._stream(reply.content, model)
                else:
                    self._send_json(200, _completion(reply.content, model))
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def _stream(self, content: str, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(_chunk({"role": "assistant", "content": ""}, model))
            for i in range(0, len(content), 16):
                self.wfile.write(_chunk({"content": content[i:i + 16]}, model))
            self.wfile.write(_chunk({}, model, "stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


class FakeOpenAIServer:
    """The loopback server. ``base_url`` ends in /v1, as OpenAI clients expect."""

    def __init__(self) -> None:
        self._state = _State()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self._state))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def requests(self) -> list[Recorded]:
        with self._state.lock:
            return list(self._state.requests)

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST"]

    def script(self, fn: Script) -> None:
        """Answer each chat request with ``fn(request_body)``."""
        self._state.script = fn

    def reply(self, content: str, delay: float = 0.0) -> None:
        """Answer every chat request with ``content`` (after ``delay`` seconds)."""
        self.script(lambda body: Reply(content, delay))

    def slow(self, seconds: float) -> None:
        """Answer only after ``seconds``: longer than the client's timeout in the slow tests."""
        self.reply("For sent.", delay=seconds)

    def fail(self, status: int = 500) -> None:
        self.script(lambda body: Reply(status=status))

    def start(self) -> "FakeOpenAIServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
