"""Ports: a free one for each server, and who listens on one (Linux's /proc).

smoke judges a server by what answers on its port; another process holding that
port (or taking it after the server failed to) must not be judged in its stead.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections import deque
from pathlib import Path

from scaffold._files import read_within

__all__ = ["free_port", "listening", "strangers_on"]

_HOST = "127.0.0.1"
_RECENT = 256
"""How many ports handed out lately free_port avoids giving again (the kernel may)."""
_MAX_TABLE_BYTES = 16 * 1024 * 1024
_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_DUMP = 0x1 | 0x300  # NLM_F_REQUEST | NLM_F_DUMP
_NLMSG_HEADER = 16
_NLMSG_ERROR, _NLMSG_DONE = 2, 3
_TCP_LISTEN = 10
_NETLINK_TIMEOUT_S = 1.0
_NETLINK_BUFFER = 65536
_MAX_NETLINK_READS = 64
_given: deque[int] = deque(maxlen=_RECENT)
_lock = threading.Lock()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, and that this process
    has not handed out lately: two servers started at once never get the same one."""
    with _lock:
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind((_HOST, 0))
                port: int = sock.getsockname()[1]
            if port not in _given:
                _given.append(port)
                return port


def strangers_on(port: int, ours: set[int]) -> list[int]:
    """The processes not in `ours` that hold a socket listening on TCP `port` (-1 for
    one that cannot be named): empty when every such socket is held by one of `ours`,
    or where /proc cannot tell (not Linux)."""
    inodes = set(listening(port) or ())
    for pid in ours:
        inodes -= _held(pid, inodes)
    if not inodes:
        return []
    try:
        others = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    except OSError:
        others = []
    strangers = [pid for pid in others if pid not in ours and _held(pid, inodes)]
    return strangers or [-1]


def listening(port: int) -> frozenset[str] | None:
    """The inodes of the sockets listening on TCP `port`, at any address; None where
    the kernel's tables cannot be read (not Linux)."""
    try:
        return frozenset(_listening_by_netlink(port))
    except (OSError, AttributeError):  # no sock_diag here (or no netlink at all)
        return _listening_by_proc(port)


def _listening_by_netlink(port: int) -> set[str]:
    """Asked of the kernel's sock_diag (as `ss -ltn` does): it walks the listening sockets
    only, in well under a millisecond."""
    inodes: set[str] = set()
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as link:
        link.settimeout(_NETLINK_TIMEOUT_S)
        for family in (socket.AF_INET, socket.AF_INET6):
            # struct inet_diag_req_v2: family, protocol, ext, pad, states, then the
            # socket id: sport, dport (big-endian), src, dst, interface, cookie.
            request = struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, 1 << _TCP_LISTEN)
            request += struct.pack("!HH", port, 0) + bytes(36) + b"\xff" * 8
            header = struct.pack(
                "=IHHII", _NLMSG_HEADER + len(request), _SOCK_DIAG_BY_FAMILY, _DUMP, 1, 0
            )
            link.send(header + request)
            inodes |= _dumped(link, port)
    return inodes


def _dumped(link: socket.socket, port: int) -> set[str]:
    """The listening sockets on `port` in the answer to one sock_diag dump."""
    inodes: set[str] = set()
    for _ in range(_MAX_NETLINK_READS):
        data = link.recv(_NETLINK_BUFFER)
        offset = 0
        while offset + _NLMSG_HEADER <= len(data):
            length, kind = struct.unpack_from("=IH", data, offset)
            if kind == _NLMSG_DONE:
                return inodes
            if kind == _NLMSG_ERROR or length < _NLMSG_HEADER:
                raise OSError("sock_diag refused the request")
            # struct inet_diag_msg: family, state, timer, retrans, the socket id (48
            # bytes, sport first), expires, rqueue, wqueue, uid, inode.
            body = offset + _NLMSG_HEADER
            if len(data) >= body + 72:
                state = data[body + 1]
                (sport,) = struct.unpack_from("!H", data, body + 4)
                (inode,) = struct.unpack_from("=I", data, body + 68)
                if state == _TCP_LISTEN and sport == port:
                    inodes.add(str(inode))
            offset += (length + 3) & ~3
    raise OSError("sock_diag did not finish its answer")


def _listening_by_proc(port: int) -> frozenset[str] | None:
    """The same from /proc's tables, which take the kernel ~5 ms."""
    inodes: set[str] = set()
    read = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            data = read_within(Path(table), _MAX_TABLE_BYTES)
        except OSError:
            continue
        read = True
        for line in (data or b"").decode("ascii", "replace").splitlines()[1:]:
            fields = line.split()
            # sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if len(fields) > 9 and fields[3] == "0A" and fields[1].endswith(f":{port:04X}"):
                inodes.add(fields[9])
    return frozenset(inodes) if read else None


def _held(pid: int, inodes: set[str]) -> set[str]:
    """Which of the socket `inodes` process `pid` holds."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return set()  # gone, or another user's
    held = set()
    for fd in fds:
        try:
            link = str(fd.readlink())
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            held.add(link[8:-1])
    return held
