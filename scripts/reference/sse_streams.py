"""Opens N server-sent-event turns on a running `maia serve` (one user each) and holds them open, to measure the
server's memory with many streams: `python3 scripts/reference/sse_streams.py 127.0.0.1 8080 1000 30` while the
server's Claude is a provider that never finishes (any loopback server that streams pings). Prints how many
streams opened and the errors."""
import asyncio, sys, time
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
async def one(i, opened, errors):
    try:
        r, w = await asyncio.open_connection(host, port)
        body = b'{"message":"Tell me a long story"}'
        w.write(b"POST /v1/turns HTTP/1.1\r\nHost: x\r\nX-MAIA-User: bench-%d\r\nAccept: text/event-stream\r\n"
                b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (i, len(body), body))
        await w.drain()
        data = b""
        while b"turn.started" not in data:
            chunk = await r.read(4096)
            if not chunk: raise RuntimeError("closed")
            data += chunk
        if not data.startswith(b"HTTP/1.1 200"): raise RuntimeError(data[:60])
        opened.append((r, w))
    except Exception as e:
        errors.append(repr(e))
async def main():
    opened, errors = [], []
    await asyncio.gather(*(one(i, opened, errors) for i in range(n)))
    print(f"open streams {len(opened)} errors {len(errors)} {errors[:3]}", flush=True)
    await asyncio.sleep(float(sys.argv[4]) if len(sys.argv) > 4 else 20)
asyncio.run(main())
