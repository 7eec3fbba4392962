"""The asyncio network layer under the upstream pools speaks HTTP and HTTPS as httpcore's own
does: streamed bodies arrive whole and in order, timeouts and refused connections raise httpx's
usual errors, an idle connection the server closed is not reused."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import subprocess
import threading
import time

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

from chat_ui.api.netio import use_asyncio
from tests.support.servers import free_port, serve


async def _chunks(request):
    async def body():
        for i in range(50):
            await asyncio.sleep(0.002)
            yield f"data: {i}\n\n"
    return StreamingResponse(body(), media_type="text/event-stream")


async def _slow(request):
    await asyncio.sleep(1.0)
    return PlainTextResponse("late")


async def _big(request):
    return PlainTextResponse("x" * 2_000_000)


BURST = 3_000_000


async def _burst(request):
    return PlainTextResponse("y" * BURST)  # sent at once: far more than the layer buffers unread


app = Starlette(routes=[Route("/chunks", _chunks), Route("/slow", _slow), Route("/big", _big),
                        Route("/burst", _burst),
                        Route("/", lambda r: PlainTextResponse("hello"))])


def client(base: str, **kwargs) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, transport=use_asyncio(httpx.AsyncHTTPTransport(**kwargs)))


async def test_streams_plain_calls_and_big_bodies():
    with serve(app) as base:
        async with client(base) as http:
            async with http.stream("GET", "/chunks") as response:
                text = "".join([chunk async for chunk in response.aiter_text()])
            assert text == "".join(f"data: {i}\n\n" for i in range(50))
            assert (await http.get("/big")).text == "x" * 2_000_000
            for _ in range(3):  # the kept-alive connection is reused
                assert (await http.get("/")).text == "hello"


async def test_timeouts_and_refusals_are_httpx_errors():
    with serve(app) as base:
        async with client(base) as http:
            with pytest.raises(httpx.ReadTimeout):
                await http.get("/slow", timeout=httpx.Timeout(5.0, read=0.2))
    async with client(f"http://127.0.0.1:{free_port()}") as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("/")


async def test_a_connection_the_server_closed_is_not_reused():
    port = free_port()
    async with client(f"http://127.0.0.1:{port}") as http:
        with serve(app, port=port):
            assert (await http.get("/")).text == "hello"
        with serve(app, port=port):  # the kept-alive socket died with the first server
            await asyncio.sleep(0.05)
            assert (await http.get("/")).text == "hello"


@contextlib.contextmanager
def tls_server(tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           ssl_keyfile=str(key), ssl_certfile=str(cert)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "TLS test server did not start"
        time.sleep(0.01)
    try:
        yield f"https://127.0.0.1:{port}", cert
    finally:
        server.should_exit = True
        thread.join(timeout=10)


async def test_https_through_the_asyncio_layer(tmp_path):
    with tls_server(tmp_path) as (base, cert):
        trusted = ssl.create_default_context(cafile=str(cert))
        async with client(base, verify=trusted) as http:
            assert (await http.get("/")).text == "hello"
            async with http.stream("GET", "/chunks") as response:
                text = "".join([chunk async for chunk in response.aiter_text()])
            assert text.endswith("data: 49\n\n")
        async with client(base) as http:  # not trusted: refused, as httpx refuses it
            with pytest.raises(httpx.ConnectError):
                await http.get("/")


async def test_https_burst_read_slowly_arrives_whole(tmp_path):
    """A burst the reader leaves unread pauses the socket; reading must resume it under TLS too
    (it once paused the raw socket but resumed the TLS one, and the stream froze)."""
    with tls_server(tmp_path) as (base, cert):
        trusted = ssl.create_default_context(cafile=str(cert))
        async with client(base, verify=trusted) as http:
            started = time.monotonic()
            async with http.stream("GET", "/burst", timeout=httpx.Timeout(10.0, read=3.0)) as response:
                chunks = response.aiter_bytes()
                received = len(await anext(chunks))
                await asyncio.sleep(0.5)  # the rest piles up past the high-water mark meanwhile
                async for chunk in chunks:
                    received += len(chunk)
            assert received == BURST
            assert time.monotonic() - started < 2.5
