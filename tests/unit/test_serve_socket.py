"""``creditctl serve``'s listening socket: every accepted connection gets TCP_NODELAY.

asyncio sets TCP_NODELAY on an accepted connection only when the listening socket's
``proto`` is ``IPPROTO_TCP``; a socket made with proto 0 left Nagle on, and each
webhook answer's body waited for the client's delayed ACK (~40 ms a request,
docs/scaling.md). This runs the same asyncio server uvicorn runs on the socket."""

from __future__ import annotations

import asyncio
import socket

from creditctl.cli.run import listening_socket


def _nodelay_of_accepted(sock: socket.socket) -> int:
    seen: list[int] = []

    async def main() -> None:
        def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)
        port = sock.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    assert seen, "no connection was accepted"
    return seen[0]


def test_accepted_connections_have_tcp_nodelay():
    sock = listening_socket("127.0.0.1", 0)
    assert sock.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(sock) != 0


def test_a_proto_0_socket_would_not_get_it():
    """The regression this guards against: the same server on a proto-0 socket."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    assert _nodelay_of_accepted(sock) == 0


def test_a_taken_port_raises_oserror():
    first = listening_socket("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        try:
            listening_socket("127.0.0.1", port)
        except OSError:
            return
        raise AssertionError("a second bind on a listening port did not fail")
    finally:
        first.close()
