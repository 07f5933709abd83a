"""Python's socket and select modules in the system: an echo server run with `&` that a host
client talks to while the shell stays usable, held, resumed and killed (its port free again);
an HTTP GET to the system's own uhttpd; a time-out, a refused connection and Ctrl-C in a
blocking call. A port without a network says so when a socket is made."""
import socket
import time

import pytest

from conftest import HAS_NETWORK, SLOW, put_file
from netutil import free_port, start_service
from procutil import end_jobs, pids_of, start_background_saying

network_only = pytest.mark.skipif(not HAS_NETWORK, reason="the port has no network")

ECHO = """\
import socket, select, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', int(sys.argv[1])))
srv.listen(4)
print('echo listening')
clients = []
while True:
    ready, _, _ = select.select([srv] + clients, [], [])
    for s in ready:
        if s is srv:
            clients.append(srv.accept()[0])
            continue
        data = s.recv(256)
        if data:
            s.sendall(data)
        else:
            clients.remove(s)
            s.close()
"""


def echo(client, text):
    client.sendall(text)
    got = b""
    while len(got) < len(text):
        got += client.recv(256)
    return got


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW)


def refused(port):
    try:
        connect(port).close()
    except ConnectionRefusedError:
        return True
    return False


@network_only
@pytest.mark.posix_only                 # the host reaches the simulator's sockets
def test_an_echo_server_in_the_background_serves_while_the_shell_works(upyos, rootdir):
    port = free_port()
    put_file(rootdir, "/opt/echo.py", ECHO)
    pid = start_background_saying(upyos, f"/opt/echo.py {port}", "echo listening")
    first, second = connect(port), connect(port)
    assert echo(first, b"hello\n") == b"hello\n"
    assert echo(second, b"two at once\n") == b"two at once\n"
    assert upyos.run("echo the shell answers") == "the shell answers\n"
    assert pids_of(upyos, "/opt/echo.py") == [pid]

    upyos.run(f"hold {pid}")
    first.sendall(b"while held\n")
    first.settimeout(0.5)
    with pytest.raises(socket.timeout):        # no answer while held
        first.recv(64)
    first.settimeout(5 * SLOW)
    upyos.run(f"resume {pid}")
    assert first.recv(64) == b"while held\n"

    second.close()
    assert echo(first, b"still\n") == b"still\n"
    assert end_jobs(upyos, f"kill {pid}", [pid]) == "synced\n"
    assert first.recv(64) == b""              # its connections are closed with it
    first.close()
    assert refused(port)                      # and its listening socket
    pid = start_background_saying(upyos, f"/opt/echo.py {port}", "echo listening")
    with connect(port) as again:              # the port is free for the next program
        assert echo(again, b"again\n") == b"again\n"
    end_jobs(upyos, f"kill {pid}", [pid])


GET = """\
import socket, sys
addr = socket.getaddrinfo('127.0.0.1', int(sys.argv[1]))[0][-1]
s = socket.socket()
s.connect(addr)
s.send(b'GET /hello.txt HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n')
f = s.makefile('rb')
print(f.readline().decode().strip())
length = None
while True:
    line = f.readline()
    if line in (b'\\r\\n', b''):
        break
    name, _, value = line.decode().partition(':')
    if name.lower() == 'content-length':
        length = int(value)
body = f.read()
print(length, len(body), body.decode().strip())
s.close()
"""


@network_only
@pytest.mark.posix_only                 # uhttpd needs the network
def test_a_python_http_get_to_the_systems_own_uhttpd(upyos, rootdir):
    put_file(rootdir, "/www/hello.txt", "hello from uhttpd\n")
    put_file(rootdir, "/opt/get.py", GET)
    port = start_service(upyos, "uhttpd")
    assert upyos.run(f"/opt/get.py {port}") == "HTTP/1.1 200 OK\n18 18 hello from uhttpd\n"


ERRORS = """\
import socket, sys, time
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen(1)
port = srv.getsockname()[1]
c = socket.socket()
c.connect(('127.0.0.1', port))
conn, _ = srv.accept()
conn.settimeout(0.2)
start = time.ticks_ms()
try:
    conn.recv(10)
except OSError as e:
    print(type(e).__name__, e.errno, time.ticks_diff(time.ticks_ms(), start) >= 190)
srv.close()
try:
    socket.socket().connect(('127.0.0.1', port))
except OSError as e:
    print(type(e).__name__, e.errno)
"""


@pytest.mark.posix_only     # 127.0.0.1 on the board: mps2's network is a modem, reached
                            # only with its simulator (test_modem_net.py)
def test_a_timeout_and_a_refused_connection(upyos, rootdir):
    put_file(rootdir, "/opt/errs.py", ERRORS)
    assert upyos.run("/opt/errs.py") == "TimeoutError 110 True\nConnectionRefusedError 111\n"


@pytest.mark.posix_only     # 127.0.0.1 on the board: mps2's network is a modem, reached
                            # only with its simulator (test_modem_net.py)
def test_ctrl_c_ends_a_blocking_accept(upyos, rootdir):
    put_file(rootdir, "/opt/wait.py",
             "import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen(1)\n"
             "try:\n    print('waiting')\n    s.accept()\nexcept KeyboardInterrupt:\n"
             "    print('interrupted')\n")
    upyos.send("/opt/wait.py\r")
    upyos.expect("waiting")
    time.sleep(0.2)                     # into the accept (one before it is caught too)
    upyos.send("\x03")
    upyos.expect("interrupted")
    upyos.wait_prompt()


@pytest.mark.skipif(HAS_NETWORK, reason="the port has a network")
def test_without_a_network_a_socket_says_so(upyos, rootdir):
    put_file(rootdir, "/opt/nonet.py",
             "import socket\ntry:\n    socket.socket()\nexcept OSError as e:\n    print(e)\n")
    assert upyos.run("/opt/nonet.py") == "[Errno 19] no network on this board\n"


@pytest.mark.skipif(HAS_NETWORK, reason="the port has a network")
def test_without_a_network_asyncio_streams_say_so(upyos, rootdir):
    put_file(rootdir, "/opt/nonet2.py",
             "import asyncio\nasync def main():\n"
             "    for start in (lambda: asyncio.open_connection('127.0.0.1', 80),\n"
             "                  lambda: asyncio.start_server(print, '127.0.0.1', 80)):\n"
             "        try:\n            await start()\n        except OSError as e:\n"
             "            print(e)\nasyncio.run(main())\n")
    assert upyos.run("/opt/nonet2.py") == "[Errno 19] no network on this board\n" * 2
