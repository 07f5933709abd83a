"""wget and curl over https (net/tls.c on mbedTLS) against Python's ssl-wrapped HTTP server, with
a CA and certificates that openssl makes for the test: the right CA gets the file, a wrong CA, a
certificate for another name and a server that never speaks TLS are refused with a clear
message, -k skips the checks and warns."""
import functools
import hashlib
import http.server
import os
import socket
import ssl
import subprocess
import threading

import pytest

from conftest import SLOW, put_file
from netutil import free_port

# The MCU ports have no TLS yet (docs/tls.md): these run on the simulator.
pytestmark = pytest.mark.posix_only


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(d, name):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
            "-subj", f"/CN={name}", cwd=d)


def make_server_cert(d, ca, dns_name, name):
    """A certificate for dns_name signed by ca: name.pem and name.key in d."""
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={dns_name}", cwd=d)
    with open(os.path.join(d, f"{name}.ext"), "w") as f:
        f.write(f"subjectAltName=DNS:{dns_name}\n")
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
            "-CAcreateserial", "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext",
            cwd=d)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """Two CAs; a certificate for localhost and one for another name, both from "ca"."""
    d = str(tmp_path_factory.mktemp("pki"))
    make_ca(d, "ca")
    make_ca(d, "other-ca")
    make_server_cert(d, "ca", "localhost", "good")
    make_server_cert(d, "ca", "elsewhere.example", "misnamed")
    return d


class HttpsServer:
    """Python's HTTP server over ssl on a free loopback port, serving a folder."""

    def __init__(self, folder, pki, cert):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(pki, f"{cert}.pem"), os.path.join(pki, f"{cert}.key"))
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served(tmp_path):
    folder = tmp_path / "srv"
    folder.mkdir()
    data = os.urandom(150_000)
    (folder / "blob.bin").write_bytes(data)
    (folder / "t.txt").write_text("over tls\n")
    return folder, data


@pytest.fixture
def https(served, pki):
    """Starts a server with the named certificate; all are shut down after the test."""
    servers = []

    def start(cert="good"):
        servers.append(HttpsServer(str(served[0]), pki, cert))
        return servers[-1].port

    yield start
    for s in servers:
        s.close()


def install_ca(rootdir, pki, name="ca", path="/etc/ca.pem"):
    with open(os.path.join(pki, f"{name}.pem")) as f:
        put_file(rootdir, path, f.read())


def status(upyos):
    return upyos.run("echo $?").strip()


def test_wget_and_curl_fetch_over_https_with_the_right_ca(upyos, rootdir, pki, https, served):
    install_ca(rootdir, pki)
    port = https()
    out = upyos.run(f"wget https://localhost:{port}/blob.bin", timeout=30)
    assert "Saved blob.bin (150000 bytes)" in out and "warning" not in out
    with open(os.path.join(rootdir, "blob.bin"), "rb") as f:
        assert hashlib.sha256(f.read()).digest() == hashlib.sha256(served[1]).digest()
    assert upyos.run(f"curl https://localhost:{port}/t.txt") == "over tls\n"
    assert status(upyos) == "0"


def test_a_wrong_ca_is_refused(upyos, rootdir, pki, https):
    install_ca(rootdir, pki, "other-ca")
    port = https()
    out = upyos.run(f"wget https://localhost:{port}/t.txt")
    assert f"wget: https://localhost:{port}/t.txt: certificate verify failed" in out
    assert status(upyos) == "1"
    assert not os.path.exists(os.path.join(rootdir, "t.txt"))
    assert "certificate verify failed" in upyos.run(f"curl https://localhost:{port}/t.txt")
    assert status(upyos) == "1"


def test_a_certificate_for_another_name_is_refused(upyos, rootdir, pki, https):
    install_ca(rootdir, pki)
    port = https("misnamed")
    out = upyos.run(f"curl https://localhost:{port}/t.txt")
    assert f"curl: https://localhost:{port}/t.txt: certificate name mismatch" in out
    assert status(upyos) == "1"


def test_insecure_skips_the_checks_and_warns(upyos, rootdir, pki, https):
    install_ca(rootdir, pki, "other-ca")
    port = https("misnamed")
    out = upyos.run(f"curl -k https://localhost:{port}/t.txt")
    assert "curl: warning: not checking the server's certificate" in out
    assert out.endswith("over tls\n")
    out = upyos.run(f"wget --insecure https://localhost:{port}/t.txt")
    assert "wget: warning:" in out and "Saved t.txt (9 bytes)" in out
    assert status(upyos) == "0"


def test_the_ca_file_comes_from_the_option(upyos, rootdir, pki, https):
    port = https()
    out = upyos.run(f"curl https://localhost:{port}/t.txt")
    assert "/etc/ca.pem: no CA certificate to verify with" in out and status(upyos) == "1"
    install_ca(rootdir, pki, path="/opt/mine.pem")
    out = upyos.run(f"curl --cacert /opt/mine.pem https://localhost:{port}/t.txt")
    assert out == "over tls\n"


def test_the_ca_file_comes_from_system_conf(boot_with_files, rootdir, pki, https):
    with open(os.path.join(pki, "ca.pem")) as f:
        upyos = boot_with_files({"/etc/system.conf": '{"ca": "/opt/fleet-ca.pem"}',
                                 "/opt/fleet-ca.pem": f.read()})
    assert upyos.run(f"curl https://localhost:{https()}/t.txt") == "over tls\n"


def test_a_server_that_never_speaks_tls_times_out(upyos, rootdir, pki):
    install_ca(rootdir, pki)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        out = upyos.run(f"wget https://localhost:{port}/x", timeout=40)
        assert f"wget: https://localhost:{port}/x: timed out" in out
        assert status(upyos) == "1"


def test_ctrl_c_stops_a_handshake_that_waits(upyos, rootdir, pki):
    install_ca(rootdir, pki)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        silent.settimeout(10 * SLOW)
        upyos.send(f"wget https://localhost:{silent.getsockname()[1]}/x\r")
        peer, _ = silent.accept()
        with peer:
            peer.settimeout(10 * SLOW)
            assert peer.recv(1) == b"\x16"        # a handshake record: the hello is out
            upyos.send("\x03")
            out = upyos.wait_prompt(timeout=5)
    assert "interrupted" in out and "timed out" not in out


def test_a_plain_http_server_fails_the_handshake(upyos, rootdir, pki, served):
    install_ca(rootdir, pki)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = upyos.run(f"curl https://localhost:{server.server_address[1]}/x", timeout=30)
        assert "TLS handshake failed" in out and status(upyos) == "1"
    finally:
        server.shutdown()
        server.server_close()


def test_https_on_a_closed_port_is_refused(upyos):
    assert "connection refused" in upyos.run(f"curl https://localhost:{free_port()}/x")
