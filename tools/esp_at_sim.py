#!/usr/bin/python3
"""An ESP-AT modem simulator: the commands of Espressif's ESP-AT firmware (v2.x reference)
that upyOS-C uses, answered as the firmware answers them, with the modem's sockets bridged to
real sockets on the host. A test fixture, and a way to try atmodem without hardware.

    esp_at_sim.py --listen /tmp/modem.sock [--ap SSID:PASSWORD] [--control /tmp/ctl.sock]
                  [--board-ctl /tmp/board.sock --reset-pin 22] [--host NAME=IP]
                  [--trace FILE] [--baud RATE]

The posix simulator connects its UART to it with --uart 1=/tmp/modem.sock (docs/modem.md).
The control socket takes one command a line and answers "ok" (or "err ..."):
    mute | unmute          stop answering / answer again (a hung modem)
    reset                  the modem resets by itself: links and WiFi are lost, "ready" follows
    drop ID                the far end closes link ID
    wifi-drop              the access point goes away (WIFI DISCONNECT, links CLOSED)
    corrupt                the next reply's last line comes out garbled
    inject TEXT            TEXT goes out now (escapes \\r \\n \\xNN)
    inject-in-reply TEXT   TEXT goes out after the first line of the next reply
Standard library only."""
import argparse
import http.client
import os
import re
import socket
import threading
import time
import urllib.parse

VERSION = ("AT version:2.2.0.0(s-90458f0 - ESP32 - Jun 18 2021 10:24:22)\r\n"
           "SDK version:v4.2.2-76-gefa6eca\r\n"
           "compile time(3caa793):Jun 18 2021 11:18:55\r\n"
           "Bin version:2.2.0(WROOM-32)\r\n")
LINKS = 5
STA_IP, GATEWAY, NETMASK = "192.168.4.2", "192.168.4.1", "255.255.255.0"
STA_MAC = "24:0a:c4:00:00:01"


def unescape(text):
    return re.sub(rb"\\(r|n|x[0-9a-fA-F]{2}|\\)",
                  lambda m: {b"r": b"\r", b"n": b"\n", b"\\": b"\\"}.get(
                      m.group(1), bytes([int(m.group(1)[1:], 16)]) if m.group(1)[:1] == b"x"
                      else m.group(1)), text.encode())


def hang_up(sock):
    """Closes a socket another thread may be reading: shutdown first, so that the far end
    sees the close at once and the reader wakes up."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


# AT+SYSLOG=1's "ERR CODE:0x0<result>0<sub-code><extension>": a command the firmware does
# not know, one that failed; the HTTP client puts its own code in the extension: 0x7000 and
# the server's status (0x7194: 404), or 0x7002 (no connection to the server)
ERR_UNSUPPORTED, ERR_EXEC_FAIL = 0x01090000, 0x010a0000
ERR_HTTP_BASE, ERR_HTTP_CONNECT = 0x7000, 0x7002
HTTP_RX_SIZE = 2048     # AT+HTTPCGET's default <rx_size>: the largest chunk of a body
HTTP_METHODS = {1: "HEAD", 2: "GET", 3: "POST", 4: "PUT", 5: "DELETE"}
HTTP_TYPES = ["application/x-www-form-urlencoded", "application/json", "multipart/form-data",
              "text/xml"]


def at_arguments(text):
    """A command's arguments: split at commas outside quotes; a quoted one unquoted, with
    ESP-AT's escapes (\\" \\, \\\\) undone; an empty one None."""
    args, cur, quoted, i, was_quoted = [], "", False, 0, False
    while i < len(text):
        c = text[i]
        if c == "\\" and quoted and i + 1 < len(text):
            cur += text[i + 1]
            i += 2
            continue
        if c == '"':
            quoted, was_quoted = not quoted, True
        elif c == "," and not quoted:
            args.append(cur if cur or was_quoted else None)
            cur, was_quoted = "", False
        else:
            cur += c
        i += 1
    if quoted:
        raise ValueError("unterminated string")
    args.append(cur if cur or was_quoted else None)
    return args


class HttpError(Exception):
    def __init__(self, code):
        super().__init__(f"0x{code:x}")
        self.code = code


WINDOW = 8192      # passive receive: what a link buffers before it stops reading its socket


class Link:
    def __init__(self, sock, kind):
        self.sock, self.kind, self.pending = sock, kind, b""
        self.eof = False    # the far end closed; passive data still waits to be read
        self.server = False  # a client of AT+CIPSERVER


class Modem:
    def __init__(self, opts):
        self.opts = opts
        self.aps = dict(opts.ap)
        self.out_lock = threading.Lock()
        self.conn = None
        self.busy = False
        self.muted = False
        self.corrupt_next = False
        self.in_reply = None
        self.server = None
        self.line_free = {}     # --baud: when each direction of the line is free again
        self.power_on()

    # ---- state ----
    def power_on(self):
        self.echo, self.mode, self.mux, self.recvmode = True, 1, 0, 0
        self.syslog = False
        if getattr(self, "mqtt_client", None):
            self.mqtt_drop_client()
        self.mqtt_client, self.mqtt_user, self.mqtt_conn, self.mqtt_subs = None, None, None, {}
        self.joined = None
        self.sntp_tz = None
        for link in list(getattr(self, "links", {}).values()):
            hang_up(link.sock)
        self.links = {}
        if self.server:
            self.server.close()
            self.server = None

    def pace(self, way, n):
        """With --baud, each direction of the UART carries at most baud/10 bytes a second
        (8N1): waits until n more bytes would have passed the line."""
        if not self.opts.baud:
            return
        now = time.monotonic()
        free = max(now, self.line_free.get(way, 0.0)) + n * 10 / self.opts.baud
        self.line_free[way] = free
        if free > now:
            time.sleep(free - now)

    def trace(self, way, data):
        if self.opts.trace:
            with open(self.opts.trace, "a") as f:
                f.write(f"{time.time():.3f} {way} {data!r}\n")

    # ---- output ----
    def write(self, data):
        with self.out_lock:
            if self.conn and not self.muted:
                self.trace(">>", data)
                self.pace("tx", len(data))
                try:
                    self.conn.sendall(data)
                except OSError:
                    pass

    def reply(self, lines, final="OK", code=ERR_EXEC_FAIL):
        """A command's reply: its lines, a blank line, the final result. With AT+SYSLOG=1 an
        ERROR comes after "ERR CODE:0x...", code saying why."""
        if final == "ERROR" and self.syslog:
            lines = list(lines) + [f"ERR CODE:0x{code:08x}"]
        parts = [line.encode() + b"\r\n" if isinstance(line, str) else line for line in lines]
        if self.in_reply is not None:
            parts.insert(1 if parts else 0, self.in_reply)
            self.in_reply = None
        if final:
            tail = b"\r\n" + final.encode() + b"\r\n"
            if self.corrupt_next:
                tail, self.corrupt_next = b"\r\n" + final.encode()[:1] + b"\xff\x00#\r\n", False
            parts.append(tail)
            self.busy = False   # the next command may come as soon as the result is out
        self.write(b"".join(parts))

    def reset_output(self):
        self.write(b"\r\n\x00\xff ets Jun  8 2016 00:22:57\r\n\r\nready\r\n")

    # ---- input ----
    def serve(self, conn):
        self.conn = conn
        buf = b""
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            if not data:
                break
            self.trace("<<", data)
            self.pace("rx", len(data))
            buf += data
            # a command ends with "\r\n" (ESP-AT's rule), which may come a byte at a time: a
            # "\r" alone is not the end yet, or its "\n" would be taken for CIPSEND's data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.rstrip(b"\r")
                if self.muted or not line.strip():
                    continue
                buf = self.command(line.decode("latin-1").strip(), buf, conn)
        if self.conn is conn:
            self.conn = None

    def command(self, line, rest, conn):
        """Runs one command line; returns what is left of the input (CIPSEND eats data)."""
        if self.echo:
            self.write(line.encode("latin-1") + b"\r\n")
        if self.busy:
            self.write(b"busy p...\r\n")
            return rest
        m = re.fullmatch(r"AT\+CIPSEND=(?:(\d+),)?(\d+)", line)
        if m:
            return self.cipsend(m, rest, conn)
        m = re.fullmatch(r"AT\+HTTPCPOST=(\".*)", line)
        if m:
            return self.httpcpost(m.group(1), rest, conn)
        m = re.fullmatch(r"AT\+MQTTPUBRAW=(\d.*)", line)
        if m:
            return self.mqttpubraw(m.group(1), rest, conn)
        self.busy = True        # a command that comes while this one runs gets "busy p..."
        threading.Thread(target=self.run_busy, args=(line,), daemon=True).start()
        return rest

    def run_busy(self, line):
        try:
            self.dispatch(line)
        except (ValueError, OSError, IndexError, TypeError):
            self.reply([], "ERROR")     # reply() ends the busy time

    def dispatch(self, line):
        for pattern, handler in COMMANDS:
            m = re.fullmatch(pattern, line)
            if m:
                handler(self, *m.groups())
                return
        self.reply([], "ERROR", ERR_UNSUPPORTED)

    # ---- basic ----
    def at(self):
        self.reply([])

    def ate(self, on):
        self.echo = on == "1"
        self.reply([])

    def gmr(self):
        self.reply(VERSION.splitlines())

    def rst(self):
        self.reply([])
        self.power_on()
        time.sleep(0.2)
        self.reset_output()

    def uart_cur(self, query, args):
        if query:
            self.reply(["+UART_CUR:115200,8,1,0,0"])
        elif args and re.fullmatch(r"\d+,[5-8],[1-3],[0-2],[0-3]", args):
            self.reply([])
        else:
            self.reply([], "ERROR")

    def cwmode(self, query, mode):
        if query:
            self.reply([f"+CWMODE:{self.mode}"])
        elif mode in ("0", "1", "2", "3"):
            self.mode = int(mode)
            self.reply([])
        else:
            self.reply([], "ERROR")

    # ---- WiFi ----
    def cwjap(self, ssid, password):
        if self.mode not in (1, 3):
            return self.reply([], "ERROR")
        lines = []
        if self.joined:
            lines.append("WIFI DISCONNECT")
            self.joined = None
        time.sleep(self.opts.join_delay)
        if ssid not in self.aps:
            return self.reply(lines + ["+CWJAP:3"], "ERROR")
        if self.aps[ssid] != password:
            return self.reply(lines + ["+CWJAP:2"], "ERROR")
        self.joined = ssid
        self.reply(lines + ["WIFI CONNECTED", "WIFI GOT IP"])

    def cwjap_query(self):
        if not self.joined:
            return self.reply(["No AP"])
        self.reply([f'+CWJAP:"{self.joined}","24:0a:c4:aa:bb:cc",6,-45,0,1,3,0,1'])

    def cwqap(self):
        self.reply([])
        if self.joined:
            self.joined = None
            self.write(b"WIFI DISCONNECT\r\n")

    def cwlap(self):
        if self.mode not in (1, 3):
            return self.reply([], "ERROR")
        # ecn, ssid, rssi, mac, channel, freq_offset, freqcal_val, pairwise and group
        # cipher (4: CCMP), bgn (7: b, g and n), wps
        self.reply([f'+CWLAP:(3,"{ssid}",{-40 - 7 * i},"24:0a:c4:aa:bb:{i:02x}",{1 + 5 * i},'
                    '-1,-1,4,4,7,0)' for i, ssid in enumerate(self.aps)])

    def cipsta(self):
        ip = STA_IP if self.joined else "0.0.0.0"
        gw, nm = (GATEWAY, NETMASK) if self.joined else ("0.0.0.0", "0.0.0.0")
        self.reply([f'+CIPSTA:ip:"{ip}"', f'+CIPSTA:gateway:"{gw}"', f'+CIPSTA:netmask:"{nm}"'])

    def cifsr(self):
        self.reply([f'+CIFSR:STAIP,"{STA_IP if self.joined else "0.0.0.0"}"',
                    f'+CIFSR:STAMAC,"{STA_MAC}"'])

    def resolve(self, name):
        if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", name):
            return name
        return self.opts.hosts.get(name, "127.0.0.1" if name == "localhost" else None)

    def cipdomain(self, name):
        ip = self.resolve(name) if self.joined else None
        if not ip:
            return self.reply([], "ERROR")
        self.reply([f'+CIPDOMAIN:"{ip}"'])

    def ping(self, host):
        if not self.joined or not self.resolve(host):
            return self.reply(["+PING:TIMEOUT"], "ERROR")
        self.reply(["+PING:1"])

    def sntpcfg(self, enable, tz):
        self.sntp_tz = int(tz or 0) if enable == "1" else None
        self.reply([])
        if self.sntp_tz is not None and self.joined:
            threading.Timer(0.1, self.write, (b"+TIME_UPDATED\r\n",)).start()

    def sntptime(self):
        tz = self.sntp_tz if self.sntp_tz is not None and self.joined else None
        now = time.gmtime(time.time() + 3600 * tz) if tz is not None else time.gmtime(0)
        self.reply([time.strftime("+CIPSNTPTIME:%a %b %d %H:%M:%S %Y", now)])

    # ---- sockets ----
    def cipmux(self, query, mux):
        if query:
            return self.reply([f"+CIPMUX:{self.mux}"])
        if self.links or self.server or mux not in ("0", "1"):
            return self.reply([], "ERROR")
        self.mux = int(mux)
        self.reply([])

    def link_id(self, text):
        """The link a command names: its id with CIPMUX=1, else 0; None when it is wrong."""
        if self.mux == 0:
            return 0 if text is None else None
        return int(text) if text is not None and int(text) < LINKS else None

    def prefix(self, link):
        return f"{link}," if self.mux else ""

    def cipstart(self, link_text, kind, host, port):
        link = self.link_id(link_text)
        ip = self.resolve(host) if self.joined else None
        if link is None or ip is None or link in self.links or kind not in ("TCP", "UDP"):
            return self.reply(["ALREADY CONNECTED"] if link in self.links else [], "ERROR")
        try:
            sock = socket.socket(socket.AF_INET,
                                 socket.SOCK_STREAM if kind == "TCP" else socket.SOCK_DGRAM)
            sock.settimeout(5)
            sock.connect((ip, int(port)))
            sock.settimeout(None)
        except OSError:
            return self.reply([], "ERROR")
        self.open_link(link, sock, kind)
        self.reply([f"{self.prefix(link)}CONNECT"])

    def open_link(self, link, sock, kind):
        self.links[link] = Link(sock, kind)
        threading.Thread(target=self.receive, args=(link, self.links[link]), daemon=True).start()

    def receive(self, link, state):
        while True:
            try:
                data = state.sock.recv(2048)
            except OSError:
                data = b""
            if self.links.get(link) is not state:
                return
            if not data:
                if self.recvmode == 1 and state.pending:
                    state.eof = True    # CLOSED once AT+CIPRECVDATA has taken the rest
                    return
                return self.close_link(link, state)
            self.deliver(link, state, data)
            while (self.recvmode == 1 and len(state.pending) >= WINDOW
                   and self.links.get(link) is state):
                time.sleep(0.002)       # flow control: the socket is read when there is room

    def deliver(self, link, state, data):
        head = f"+IPD,{self.prefix(link)}"
        if self.recvmode == 0:
            self.write(b"\r\n" + f"{head}{len(data)}:".encode() + data)
            return
        state.pending += data
        self.write(f"\r\n{head}{len(state.pending)}\r\n".encode())

    def close_link(self, link, state, notify=True):
        if self.links.get(link) is state:
            del self.links[link]
        hang_up(state.sock)
        if notify:
            self.write(f"{self.prefix(link)}CLOSED\r\n".encode())

    def take_data(self, length, rest, conn):
        """After ">": the length bytes of data that follow, and what is left; None when the
        board went away first."""
        while len(rest) < length:
            more = conn.recv(4096)
            if not more:
                return None, b""
            self.pace("rx", len(more))
            rest += more
        return rest[:length], rest[length:]

    def httpcpost(self, args, rest, conn):
        """AT+HTTPCPOST="url",length[,header_count,"header"...]: ">" asks for the data; the
        answer is SEND OK, or SEND FAIL when the server refused it or was not reached."""
        try:
            a = at_arguments(args)
            url, length = a[0], int(a[1])
            headers = [h for h in a[3:3 + int(a[2])]] if len(a) > 2 else []
        except (ValueError, IndexError, TypeError):
            self.reply([], "ERROR")
            return rest
        if not 0 < length <= 65536 or len(headers) != (int(a[2]) if len(a) > 2 else 0):
            self.reply([], "ERROR")
            return rest
        self.write(b"\r\nOK\r\n\r\n>")
        data, rest = self.take_data(length, rest, conn)
        if data is None:
            return rest
        if not any(h.lower().startswith("content-type:") for h in headers):
            headers.append(f"Content-Type: {HTTP_TYPES[0]}")
        try:
            conn_, resp = self.http_open("POST", url, data, headers)
            resp.read()
            conn_.close()
            self.write(f"\r\nRecv {length} bytes\r\n\r\nSEND OK\r\n".encode())
        except (HttpError, OSError, http.client.HTTPException):
            self.write(f"\r\nRecv {length} bytes\r\n\r\nSEND FAIL\r\n".encode())
        return rest

    def cipsend(self, m, rest, conn):
        link, length = self.link_id(m.group(1)), int(m.group(2))
        if link not in self.links or not 0 < length <= 8192:
            self.reply([], "ERROR")
            return rest
        self.write(b"\r\nOK\r\n\r\n>")
        while len(rest) < length:
            more = conn.recv(4096)
            if not more:
                return b""
            self.pace("rx", len(more))
            rest += more
        data, rest = rest[:length], rest[length:]
        self.write(f"\r\nRecv {length} bytes\r\n".encode())
        try:
            self.links[link].sock.sendall(data)
            self.write(b"\r\nSEND OK\r\n")
        except (OSError, KeyError):
            self.write(b"\r\nSEND FAIL\r\n")
        return rest

    def cipclose(self, link_text):
        link = self.link_id(link_text)
        if link not in self.links:
            return self.reply([], "ERROR")
        self.close_link(link, self.links[link], notify=False)
        self.reply([f"{self.prefix(link)}CLOSED"])

    def cipstate(self):
        lines = []
        for link, state in sorted(self.links.items()):
            try:
                (rip, rport), (_, lport) = state.sock.getpeername(), state.sock.getsockname()
            except OSError:
                continue
            lines.append(f'+CIPSTATE:{link},"{state.kind}","{rip}",{rport},{lport},'
                         f'{1 if state.server else 0}')
        self.reply(lines)

    def ciprecvmode(self, query, mode):
        if query:
            return self.reply([f"+CIPRECVMODE:{self.recvmode}"])
        if mode not in ("0", "1"):
            return self.reply([], "ERROR")
        self.recvmode = int(mode)
        self.reply([])

    def ciprecvdata(self, link_text, length):
        link = self.link_id(link_text)
        state = self.links.get(link)
        if self.recvmode != 1 or state is None or not state.pending:
            return self.reply([], "ERROR")
        data, state.pending = state.pending[:int(length)], state.pending[int(length):]
        self.reply([f"+CIPRECVDATA:{len(data)},".encode() + data + b"\r\n"])
        if state.eof and not state.pending:
            self.close_link(link, state)

    def ciprecvlen(self):
        lens = ",".join(str(len(self.links[i].pending)) if i in self.links else "0"
                        for i in range(LINKS))
        self.reply([f"+CIPRECVLEN:{lens}"])

    def cipserver(self, mode, port):
        if mode == "0":
            if self.server:
                self.server.close()
                self.server = None
            return self.reply([])
        if self.mux != 1 or self.server:
            return self.reply([], "ERROR")
        try:
            srv = socket.socket()
            srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            srv.bind(("127.0.0.1", int(port or 333)))
            srv.listen(LINKS)
        except OSError:
            return self.reply([], "ERROR")
        self.server = srv
        threading.Thread(target=self.accept, args=(srv,), daemon=True).start()
        self.reply([])

    def accept(self, srv):
        while True:
            try:
                sock, _ = srv.accept()
            except OSError:
                return
            free = [i for i in range(LINKS) if i not in self.links]
            if not free:
                sock.close()
                continue
            self.open_link(free[0], sock, "TCP")
            self.links[free[0]].server = True
            self.write(f"{free[0]},CONNECT\r\n".encode())

    # ---- the modem's own HTTP client ----
    def syslog_cmd(self, query, on):
        if query:
            return self.reply([f"+SYSLOG:{int(self.syslog)}"])
        if on not in ("0", "1"):
            return self.reply([], "ERROR")
        self.syslog = on == "1"
        self.reply([])

    def http_open(self, method, url, body=None, headers=()):
        """The request to the real server; its response, whose status is below 400."""
        u = urllib.parse.urlsplit(url)
        ip = self.resolve(u.hostname or "") if self.joined else None
        if u.scheme != "http" or ip is None:
            raise HttpError(ERR_HTTP_CONNECT)   # this simulator has no TLS
        conn = http.client.HTTPConnection(ip, u.port or 80, timeout=5)
        try:
            conn.request(method, (u.path or "/") + (f"?{u.query}" if u.query else ""),
                         body=body, headers=dict(map(str.strip, h.split(":", 1)) for h in headers))
            resp = conn.getresponse()
        except OSError:
            conn.close()
            raise HttpError(ERR_HTTP_CONNECT)
        if resp.status >= 400:
            conn.close()
            raise HttpError(ERR_HTTP_BASE + resp.status)
        return conn, resp

    def http_body(self, prefix, resp, rx_size):
        """The body in chunks of at most rx_size: "+PREFIX:len," the bytes and a line end."""
        while True:
            data = resp.read(rx_size)
            if not data:
                return
            self.write(f"+{prefix}:{len(data)},".encode() + data + b"\r\n")

    def http_command(self, prefix, method, url, rx_size=HTTP_RX_SIZE, body=None, headers=()):
        try:
            conn, resp = self.http_open(method, url, body, headers)
        except HttpError as e:
            return self.reply([], "ERROR", ERR_EXEC_FAIL | e.code)
        try:
            if method == "HEAD":     # the client shows headers for HEAD only, one a chunk
                for key, value in resp.getheaders():
                    line = f"{key}: {value}"
                    self.write(f"+{prefix}:{len(line)},{line}\r\n".encode())
            else:
                self.http_body(prefix, resp, rx_size)
        except (OSError, http.client.HTTPException):
            return self.reply([], "ERROR")      # the server went away in the middle
        finally:
            conn.close()
        self.reply([])

    def httpgetsize(self, args):
        url = at_arguments(args)[0]
        try:
            conn, resp = self.http_open("GET", url)
        except HttpError as e:
            return self.reply([], "ERROR", ERR_EXEC_FAIL | e.code)
        size = resp.getheader("Content-Length")
        conn.close()
        self.reply([f"+HTTPGETSIZE:{int(size) if size else 0}"])

    def httpcget(self, args):
        a = at_arguments(args)
        rx_size = int(a[1]) if len(a) > 1 and a[1] else HTTP_RX_SIZE
        if not 1 <= rx_size <= 10240:
            return self.reply([], "ERROR")
        self.http_command("HTTPCGET", "GET", a[0], rx_size)

    def httpclient(self, args):
        """AT+HTTPCLIENT=opt,content-type,"url",["host"],["path"],transport[,"data"]
        [,"header"...]: the data only for POST and PUT."""
        a = at_arguments(args)
        if len(a) < 6 or int(a[0]) not in HTTP_METHODS or not 0 <= int(a[1]) < 4:
            return self.reply([], "ERROR")
        method, url = HTTP_METHODS[int(a[0])], a[2] or f"http://{a[3]}{a[4] or '/'}"
        body, headers = None, a[6:]
        if method in ("POST", "PUT"):
            body, headers = (a[6] or "").encode("latin-1") if len(a) > 6 else b"", a[7:]
            headers = [f"Content-Type: {HTTP_TYPES[int(a[1])]}"] + [h for h in headers if h]
        self.http_command("HTTPCLIENT", method, url, body=body,
                          headers=[h for h in headers if h])

    # ---- the modem's own MQTT client (link 0; python3-paho-mqtt to the real broker) ----
    def mqtt_link(self, text):
        if text != "0":
            raise ValueError("ESP-AT has MQTT link 0 only")

    def mqttusercfg(self, args):
        a = at_arguments(args)
        self.mqtt_link(a[0])
        if a[1] != "1" or len(a) != 8:       # scheme 1: MQTT over TCP (no TLS here)
            return self.reply([], "ERROR")
        self.mqtt_user = {"client_id": a[2] or "", "user": a[3], "password": a[4]}
        self.reply([])

    def mqttconncfg(self, args):
        a = at_arguments(args)
        self.mqtt_link(a[0])
        keepalive = int(a[1])
        if not 0 <= keepalive <= 7200 or len(a) != 7 or int(a[5]) > 2:
            return self.reply([], "ERROR")
        self.mqtt_conn = {"keepalive": keepalive or 120, "clean": a[2] != "1",
                          "will": (a[3], a[4] or "", int(a[5]), a[6] == "1") if a[3] else None}
        self.reply([])

    def mqtt_drop_client(self):
        client, self.mqtt_client, self.mqtt_subs = self.mqtt_client, None, {}
        if client:
            client.on_disconnect = None
            client.disconnect()
            client.loop_stop()

    def mqttconn(self, args):
        import paho.mqtt.client as paho
        a = at_arguments(args)
        self.mqtt_link(a[0])
        if self.mqtt_user is None or not self.joined or self.mqtt_client:
            return self.reply([], "ERROR")
        host, port, reconnect = a[1], int(a[2]), a[3] if len(a) > 3 else "0"
        conf = self.mqtt_conn or {"keepalive": 120, "clean": True, "will": None}
        client = paho.Client(self.mqtt_user["client_id"], clean_session=conf["clean"])
        if self.mqtt_user["user"]:
            client.username_pw_set(self.mqtt_user["user"], self.mqtt_user["password"])
        if conf["will"]:
            client.will_set(*conf["will"])
        acks, first = {}, threading.Event()
        connected = f'+MQTTCONNECTED:0,1,"{host}","{port}","",{reconnect}'

        def on_connect(c, userdata, flags, rc):
            if first.is_set() and rc == 0:      # the client reconnected by itself
                self.write(connected.encode() + b"\r\n")
            acks["connect"] = rc
            first.set()

        def on_ack(c, userdata, mid, *rest):
            acks.setdefault(mid, threading.Event()).set()

        client.on_connect = on_connect
        client.on_subscribe = client.on_unsubscribe = on_ack
        client.on_disconnect = lambda c, userdata, rc: self.write(b"+MQTTDISCONNECTED:0\r\n")
        client.on_message = lambda c, userdata, m: self.write(
            f'+MQTTSUBRECV:0,"{m.topic}",{len(m.payload)},'.encode() + m.payload + b"\r\n")
        try:
            client.connect(self.resolve(host) or host, port, conf["keepalive"])
        except OSError:
            return self.reply([], "ERROR")
        client.loop_start()
        if not first.wait(5) or acks["connect"] != 0:
            client.loop_stop()
            return self.reply([], "ERROR")
        self.mqtt_client, self.mqtt_acks, self.mqtt_subs = client, acks, {}
        self.reply([connected])

    def mqtt_wait(self, mid):
        """Waits for the broker's SUBACK or UNSUBACK of mid."""
        return self.mqtt_acks.setdefault(mid, threading.Event()).wait(5)

    def mqttpub(self, args):
        a = at_arguments(args)
        self.mqtt_link(a[0])
        qos, retain = int(a[3]), a[4] == "1"
        if not self.mqtt_client or qos > 2 or not a[1]:
            return self.reply([], "ERROR")
        info = self.mqtt_client.publish(a[1], (a[2] or "").encode("latin-1"), qos, retain)
        if qos:
            info.wait_for_publish(5)
        self.reply([], "OK" if info.rc == 0 and (not qos or info.is_published()) else "ERROR")

    def mqttpubraw(self, args, rest, conn):
        """AT+MQTTPUBRAW=0,"topic",length,qos,retain: ">" asks for the message; then
        +MQTTPUB:OK, or +MQTTPUB:FAIL when the broker did not take it."""
        try:
            a = at_arguments(args)
            self.mqtt_link(a[0])
            topic, length, qos, retain = a[1], int(a[2]), int(a[3]), a[4] == "1"
        except (ValueError, IndexError, TypeError):
            self.reply([], "ERROR")
            return rest
        if not self.mqtt_client or not topic or not 0 < length <= 65536 or qos > 2:
            self.reply([], "ERROR")
            return rest
        self.write(b"\r\nOK\r\n\r\n>")
        data, rest = self.take_data(length, rest, conn)
        if data is None:
            return rest
        info = self.mqtt_client.publish(topic, data, qos, retain)
        if qos:
            info.wait_for_publish(5)
        ok = info.rc == 0 and (not qos or info.is_published())
        self.write(b"+MQTTPUB:OK\r\n" if ok else b"+MQTTPUB:FAIL\r\n")
        return rest

    def mqttsub(self, query, args):
        if query:
            return self.reply([f'+MQTTSUB:0,6,"{t}",{q}' for t, q in self.mqtt_subs.items()])
        a = at_arguments(args)
        self.mqtt_link(a[0])
        if not self.mqtt_client or not a[1] or int(a[2]) > 2:
            return self.reply([], "ERROR")
        if a[1] in self.mqtt_subs:
            return self.reply(["ALREADY SUBSCRIBE"])
        rc, mid = self.mqtt_client.subscribe(a[1], int(a[2]))
        if rc != 0 or not self.mqtt_wait(mid):
            return self.reply([], "ERROR")
        self.mqtt_subs[a[1]] = int(a[2])
        self.reply([])

    def mqttunsub(self, args):
        a = at_arguments(args)
        self.mqtt_link(a[0])
        if not self.mqtt_client:
            return self.reply([], "ERROR")
        if a[1] not in self.mqtt_subs:
            return self.reply(["NO UNSUBSCRIBE"])
        rc, mid = self.mqtt_client.unsubscribe(a[1])
        if rc != 0 or not self.mqtt_wait(mid):
            return self.reply([], "ERROR")
        del self.mqtt_subs[a[1]]
        self.reply([])

    def mqttclean(self, link):
        self.mqtt_link(link)
        self.mqtt_drop_client()
        self.reply([])

    # ---- faults (the control socket) ----
    def fault(self, line):
        verb, _, arg = line.partition(" ")
        if verb in ("mute", "unmute"):
            self.muted = verb == "mute"
        elif verb == "reset":
            self.power_on()
            self.busy = False
            self.reset_output()
        elif verb == "drop" and arg.isdigit() and int(arg) in self.links:
            link = int(arg)
            self.close_link(link, self.links[link])
        elif verb == "wifi-drop":
            self.joined = None
            self.write(b"WIFI DISCONNECT\r\n")
            for link, state in list(self.links.items()):    # its links cannot go on
                self.close_link(link, state)
        elif verb == "corrupt":
            self.corrupt_next = True
        elif verb == "inject":
            self.write(unescape(arg))
        elif verb == "inject-in-reply":
            self.in_reply = unescape(arg)
        else:
            return "err unknown fault"
        return "ok"


Q = r"\"([^\"]*)\""
COMMANDS = [
    (r"AT", Modem.at),
    (r"ATE([01])", Modem.ate),
    (r"AT\+GMR", Modem.gmr),
    (r"AT\+RST", Modem.rst),
    (r"AT\+UART_CUR(?:(\?)|=(.*))", Modem.uart_cur),
    (r"AT\+CWMODE(?:(\?)|=(\d))", Modem.cwmode),
    (r"AT\+CWJAP=" + Q + "," + Q + r"(?:,.*)?", Modem.cwjap),
    (r"AT\+CWJAP\?", Modem.cwjap_query),
    (r"AT\+CWQAP", Modem.cwqap),
    (r"AT\+CWLAP", Modem.cwlap),
    (r"AT\+CIPSTA\?", Modem.cipsta),
    (r"AT\+CIFSR", Modem.cifsr),
    (r"AT\+CIPDOMAIN=" + Q + r"(?:,\d)?", Modem.cipdomain),
    (r"AT\+PING=" + Q, Modem.ping),
    (r"AT\+CIPSNTPCFG=([01])(?:,(-?\d+))?(?:,.*)?", Modem.sntpcfg),
    (r"AT\+CIPSNTPTIME\?", Modem.sntptime),
    (r"AT\+CIPMUX(?:(\?)|=(\d))", Modem.cipmux),
    (r"AT\+CIPSTART=(?:(\d),)?" + Q + "," + Q + r",(\d+)(?:,\d+)?", Modem.cipstart),
    (r"AT\+CIPCLOSE(?:=(\d))?", Modem.cipclose),
    (r"AT\+CIPSTATE\?", Modem.cipstate),
    (r"AT\+CIPRECVMODE(?:(\?)|=(\d))", Modem.ciprecvmode),
    (r"AT\+CIPRECVDATA=(?:(\d),)?(\d+)", Modem.ciprecvdata),
    (r"AT\+CIPRECVLEN\?", Modem.ciprecvlen),
    (r"AT\+CIPSERVER=([01])(?:,(\d+))?(?:,.*)?", Modem.cipserver),
    (r"AT\+SYSLOG(?:(\?)|=(\d))", Modem.syslog_cmd),
    (r"AT\+HTTPGETSIZE=(\".*)", Modem.httpgetsize),
    (r"AT\+HTTPCGET=(\".*)", Modem.httpcget),
    (r"AT\+HTTPCLIENT=(\d.*)", Modem.httpclient),
    (r"AT\+MQTTUSERCFG=(\d.*)", Modem.mqttusercfg),
    (r"AT\+MQTTCONNCFG=(\d.*)", Modem.mqttconncfg),
    (r"AT\+MQTTCONN=(\d.*)", Modem.mqttconn),
    (r"AT\+MQTTPUB=(\d.*)", Modem.mqttpub),
    (r"AT\+MQTTSUB(?:(\?)|=(\d.*))", Modem.mqttsub),
    (r"AT\+MQTTUNSUB=(\d.*)", Modem.mqttunsub),
    (r"AT\+MQTTCLEAN=(\d)", Modem.mqttclean),
]


def listen_unix(path):
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(4)
    return srv


def serve_control(modem, path):
    srv = listen_unix(path)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=control_client, args=(modem, conn), daemon=True).start()


def control_client(modem, conn):
    with conn, conn.makefile("rw", newline="\n") as f:
        for line in f:
            f.write(modem.fault(line.rstrip("\r\n")) + "\n")
            f.flush()


def watch_reset_pin(modem, board_ctl, pin):
    """A low pulse on the board's reset pin restarts the modem, as its EN pin would."""
    while not os.path.exists(board_ctl):
        time.sleep(0.05)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(board_ctl)
    f = sock.makefile("rw", newline="\n")

    def ask(cmd):
        f.write(cmd + "\n")
        f.flush()
        return f.readline().strip()
    while True:
        if ask(f"wait pin {pin} 0 1000") == "ok":
            while ask(f"wait pin {pin} 1 1000") != "ok":
                pass
            modem.power_on()
            time.sleep(0.2)
            modem.reset_output()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--listen", required=True, help="UNIX socket the board's UART connects to")
    ap.add_argument("--ap", action="append", default=[], metavar="SSID:PASSWORD",
                    type=lambda s: tuple(s.split(":", 1)), help="an access point to join")
    ap.add_argument("--host", action="append", default=[], metavar="NAME=IP",
                    help="a name AT+CIPDOMAIN resolves (localhost always does)")
    ap.add_argument("--control", help="UNIX socket for fault injection")
    ap.add_argument("--board-ctl", help="the posix simulator's control socket, for the reset pin")
    ap.add_argument("--reset-pin", type=int, default=22)
    ap.add_argument("--trace", help="append what goes each way to this file")
    ap.add_argument("--baud", type=int, default=0,
                    help="pace the UART as a line at this rate (8N1) would; 0: no limit")
    ap.add_argument("--join-delay", type=float, default=0.3, help="seconds AT+CWJAP takes")
    opts = ap.parse_args()
    opts.hosts = dict(h.split("=", 1) for h in opts.host)
    modem = Modem(opts)
    if opts.control:
        threading.Thread(target=serve_control, args=(modem, opts.control), daemon=True).start()
    if opts.board_ctl:
        threading.Thread(target=watch_reset_pin, args=(modem, opts.board_ctl, opts.reset_pin),
                         daemon=True).start()
    srv = listen_unix(opts.listen)
    print("esp_at_sim: listening on", opts.listen, flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=modem.serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
