#!/usr/bin/env python3
"""Opens N keep-alive connections to 127.0.0.1:PORT, sends one GET on each and reads the
response, then keeps them all open and idle for HOLD seconds. Prints how many stayed open.
Usage: idle_connections.py PORT N HOLD_SECONDS PATH"""
import selectors
import socket
import sys
import time

port, count, hold, path = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
sel = selectors.DefaultSelector()
socks = []
for i in range(count):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex(("127.0.0.1", port))
    socks.append(s)
    sel.register(s, selectors.EVENT_WRITE, {"state": "connecting", "buf": b""})
    if i % 500 == 499:
        time.sleep(0.05)  # let the accept queue drain

answered = 0
deadline = time.time() + 120
while answered < count and time.time() < deadline:
    for key, mask in sel.select(timeout=1):
        s, st = key.fileobj, key.data
        if st["state"] == "connecting" and mask & selectors.EVENT_WRITE:
            try:
                s.send(request)
            except OSError:
                sel.unregister(s)
                continue
            st["state"] = "reading"
            sel.modify(s, selectors.EVENT_READ, st)
        elif st["state"] == "reading" and mask & selectors.EVENT_READ:
            try:
                chunk = s.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                sel.unregister(s)
                continue
            st["buf"] += chunk
            if b"\r\n\r\n" in st["buf"]:
                st["state"] = "idle"
                sel.unregister(s)
                answered += 1
print(f"answered {answered}", flush=True)
time.sleep(hold)
alive = 0
for s in socks:
    try:
        s.setblocking(False)
        data = s.recv(1, socket.MSG_PEEK)
        alive += 0 if data == b"" else 1
    except BlockingIOError:
        alive += 1
    except OSError:
        pass
print(f"open {alive}", flush=True)
