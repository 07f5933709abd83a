"""uftpd with real clients: Python's ftplib, lftp and curl."""
import ftplib
import hashlib
import io
import json
import os
import socket
import subprocess
import threading
import time

import pytest

from conftest import SLOW
from netutil import boot_locked, ftp, start_service  # noqa: F401 (ftp is a fixture)

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only


def client(port, user="anon", password="x"):
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=10 * SLOW)
    f.login(user, password)
    return f


def sha(data):
    return hashlib.sha256(data).hexdigest()


def test_ftplib_lists_uploads_downloads_renames_and_deletes(ftp, rootdir):
    f = client(ftp)
    assert f.getwelcome().startswith("220")
    assert "etc" in f.nlst()
    lines = []
    f.retrlines("LIST /etc", lines.append)
    assert any(l.startswith("-") and l.endswith(" init.sh") for l in lines)
    facts = dict(f.mlsd("/etc"))
    assert facts["init.sh"]["type"] == "file" and facts["boards"]["type"] == "dir"
    f.storbinary("STOR up.txt", io.BytesIO(b"uploaded\n"))
    assert open(os.path.join(rootdir, "up.txt"), "rb").read() == b"uploaded\n"
    assert f.size("up.txt") == 9
    f.rename("up.txt", "/etc/moved.txt")
    got = io.BytesIO()
    f.retrbinary("RETR /etc/moved.txt", got.write)
    assert got.getvalue() == b"uploaded\n"
    f.delete("/etc/moved.txt")
    assert not os.path.exists(os.path.join(rootdir, "etc", "moved.txt"))
    assert f.mkd("newdir") == "/newdir"
    f.cwd("newdir")
    assert f.pwd() == "/newdir"
    f.cwd("..")
    f.rmd("newdir")
    f.quit()


def test_protected_files_and_the_directories_above_cannot_change(ftp, rootdir):
    conf = os.path.join(rootdir, "etc", "system.conf")
    before = open(conf, "rb").read()
    f = client(ftp)
    for attempt in (lambda: f.storbinary("STOR /etc/system.conf", io.BytesIO(b"{}")),
                    lambda: f.storbinary("APPE /etc/system.conf", io.BytesIO(b"{}")),
                    lambda: f.delete("/etc/system.conf"),
                    lambda: f.rename("/etc/system.conf", "/x.conf"),
                    lambda: f.rename("/etc/init.sh", "/etc/system.conf"),
                    lambda: f.rename("/etc", "/etc2"),
                    lambda: f.rmd("/etc")):
        with pytest.raises(ftplib.error_perm, match="550 protected file"):
            attempt()
    got = io.BytesIO()
    f.retrbinary("RETR /etc/system.conf", got.write)      # reading stays allowed
    assert got.getvalue() == before
    f.quit()
    assert open(conf, "rb").read() == before
    assert os.path.exists(os.path.join(rootdir, "etc", "init.sh"))


def test_a_stor_onto_a_protected_file_is_refused_before_any_data(ftp):
    f = client(ftp)
    # the refusal is the answer to STOR itself: no data connection is opened for it
    with pytest.raises(ftplib.error_perm, match="^550 protected file"):
        f.transfercmd("STOR /etc/system.conf")
    assert f.voidcmd("NOOP").startswith("200")
    f.quit()


def test_ten_megabytes_both_ways_passive_and_active(ftp, rootdir):
    data = os.urandom(10 * 1024 * 1024)
    for passive in (True, False):
        f = client(ftp)
        f.set_pasv(passive)
        f.storbinary("STOR big.bin", io.BytesIO(data), blocksize=65536)
        assert sha(open(os.path.join(rootdir, "big.bin"), "rb").read()) == sha(data)
        got = io.BytesIO()
        f.retrbinary("RETR big.bin", got.write)
        assert sha(got.getvalue()) == sha(data)
        f.quit()


def test_rest_resumes_a_download(ftp, rootdir):
    open(os.path.join(rootdir, "r.bin"), "wb").write(bytes(range(256)) * 4)
    f = client(ftp)
    got = io.BytesIO()
    f.retrbinary("RETR r.bin", got.write, rest=1000)
    assert got.getvalue() == (bytes(range(256)) * 4)[1000:]
    assert f.sendcmd("MDTM r.bin").startswith("213 20")


def test_feat_epsv_and_utf8(ftp):
    f = client(ftp)
    feat = f.sendcmd("FEAT")
    for word in ("EPSV", "MLST", "SIZE", "MDTM", "REST STREAM", "UTF8"):
        assert word in feat
    assert f.sendcmd("OPTS UTF8 ON").startswith("200")
    assert f.sendcmd("EPSV").startswith("229")


def test_paths_never_leave_the_root(ftp, rootdir, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("secret")
    f = client(ftp)
    f.cwd("../../../..")
    assert f.pwd() == "/"
    assert "outside.txt" not in f.nlst("../..")
    for name in ("../outside.txt", "/../outside.txt", "/../../" + str(secret)):
        with pytest.raises(ftplib.error_perm):
            f.retrbinary("RETR " + name, lambda b: None)
    f.storbinary("STOR ../../escape.txt", io.BytesIO(b"x"))
    assert os.path.exists(os.path.join(rootdir, "escape.txt"))   # landed inside the root
    assert not os.path.exists(os.path.join(os.path.dirname(rootdir), "escape.txt"))


def test_a_link_in_the_root_does_not_lead_out(ftp, rootdir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    os.symlink(str(outside), os.path.join(rootdir, "link"))
    f = client(ftp)
    for attempt in (lambda: f.delete("/link/secret.txt"),
                    lambda: f.retrbinary("RETR /link/secret.txt", io.BytesIO().write),
                    lambda: f.storbinary("STOR /link/new.txt", io.BytesIO(b"x")),
                    lambda: f.rename("/link/secret.txt", "/got.txt"),
                    lambda: f.cwd("/link")):
        with pytest.raises(ftplib.error_perm):
            attempt()
    f.quit()
    assert sorted(os.listdir(outside)) == ["secret.txt"]
    assert (outside / "secret.txt").read_text() == "secret\n"


def test_site_runs_nothing_and_bad_commands_are_answered(ftp, rootdir):
    f = client(ftp)
    with pytest.raises(ftplib.error_perm, match="504"):
        f.sendcmd("SITE exec rm /etc/init.sh")
    assert os.path.exists(os.path.join(rootdir, "etc", "init.sh"))
    with pytest.raises(ftplib.error_perm, match="502"):
        f.sendcmd("XYZW")
    with pytest.raises(ftplib.error_perm, match="500"):
        f.sendcmd("R3TR x")
    with pytest.raises(ftplib.error_perm, match="504"):
        f.sendcmd("PORT 10,0,0,1,4,1")          # no bounce to a third party
    assert f.sendcmd("NOOP").startswith("200")


def test_a_megabyte_line_is_refused_and_the_server_goes_on(ftp):
    s = socket.create_connection(("127.0.0.1", ftp), timeout=10 * SLOW)
    s.recv(200)
    s.sendall(b"USER " + b"a" * (1024 * 1024) + b"\r\n")
    buf = b""
    while b"\r\n" not in buf:
        buf += s.recv(200)
    assert buf.startswith(b"500")
    s.close()
    assert client(ftp).sendcmd("NOOP").startswith("200")


def test_several_clients_at_once(ftp, rootdir):
    data = os.urandom(1024 * 1024)
    errors = []

    def work(i):
        try:
            f = client(ftp)
            f.storbinary(f"STOR c{i}.bin", io.BytesIO(data))
            got = io.BytesIO()
            f.retrbinary(f"RETR c{i}.bin", got.write)
            assert got.getvalue() == data
            f.quit()
        except Exception as e:          # collected and asserted on below
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60 * SLOW)
    assert errors == []


def test_login_enforced_when_a_password_is_set(boot):
    port = boot_locked(boot, "admin", "pw12", "uftpd")[1][0]
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=10 * SLOW)
    with pytest.raises(ftplib.error_perm, match="530"):
        f.sendcmd("LIST")
    with pytest.raises(ftplib.error_perm, match="530"):
        f.login("admin", "nope")
    with pytest.raises(ftplib.error_perm, match="530"):
        f.login("admin", "nope")
    with pytest.raises((ftplib.error_temp, EOFError, ConnectionError)):
        f.login("admin", "nope")             # the third failure closes the connection
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=20 * SLOW)
    assert f.login("admin", "pw12").startswith("230")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=120 * SLOW, **kw)


def test_lftp_mirror_of_operations(ftp, rootdir, tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(10 * 1024 * 1024))
    script = (f"set net:max-retries 1; set net:timeout 10; open -u anon,x ftp://127.0.0.1:{ftp}; "
              f"put {big} -o /lf.bin; ls /etc; get /lf.bin -o {tmp_path}/back.bin; "
              "mv /lf.bin /lf2.bin; cls -1 /; rm /lf2.bin; cls -1 /; bye")
    r = run(["lftp", "-c", script])
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr
    assert "init.sh" in out and out.count("lf2.bin") == 1
    assert sha((tmp_path / "back.bin").read_bytes()) == sha(big.read_bytes())
    assert not os.path.exists(os.path.join(rootdir, "lf2.bin"))


def test_curl_lists_uploads_downloads_renames_and_deletes(ftp, rootdir, tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(10 * 1024 * 1024))
    url = f"ftp://127.0.0.1:{ftp}"
    assert run(["curl", "-sS", "-T", str(big), url + "/cu.bin"]).returncode == 0
    listing = run(["curl", "-sS", url + "/"]).stdout.decode()
    assert "cu.bin" in listing
    back = tmp_path / "back.bin"
    assert run(["curl", "-sS", "-o", str(back), url + "/cu.bin"]).returncode == 0
    assert sha(back.read_bytes()) == sha(big.read_bytes())
    assert run(["curl", "-sS", "--ftp-port", "127.0.0.1", "-o", str(back), url + "/etc/init.sh"]).returncode == 0
    assert back.read_bytes() == open(os.path.join(rootdir, "etc/init.sh"), "rb").read()
    r = run(["curl", "-sS", url + "/", "-Q", "-RNFR cu.bin", "-Q", "-RNTO cu2.bin"])
    assert r.returncode == 0 and os.path.exists(os.path.join(rootdir, "cu2.bin"))
    r = run(["curl", "-sS", url + "/", "-Q", "-DELE cu2.bin"])
    assert r.returncode == 0 and not os.path.exists(os.path.join(rootdir, "cu2.bin"))


def test_rest_offsets_are_checked_and_never_hang_the_filesystem(ftp, rootdir):
    f = client(ftp)
    for bad in ("9223372036854775807", "99999999999999999999", "-1", "12x"):
        with pytest.raises(ftplib.error_perm, match="501"):
            f.sendcmd("REST " + bad)
    f.storbinary("STOR /tmp/r.bin", io.BytesIO(b"0123456789"))
    f.sendcmd("REST 11")                              # past the end: refused at the transfer
    with pytest.raises(ftplib.error_perm, match="554"):
        f.storbinary("STOR /tmp/r.bin", io.BytesIO(b"x"))
    f.storbinary("STOR /tmp/r.bin", io.BytesIO(b"AB"), rest=4)   # a resume writes in place
    got = io.BytesIO()
    f.retrbinary("RETR /tmp/r.bin", got.write)
    assert got.getvalue() == b"0123AB6789"
    assert f.sendcmd("NOOP").startswith("200")        # /tmp (its lock) still answers
    f.quit()


def test_stor_on_a_full_filesystem_keeps_the_old_file(ftp):
    f = client(ftp)
    f.storbinary("STOR /tmp/keep.bin", io.BytesIO(b"precious\n"))
    data = f.transfercmd("STOR /tmp/keep.bin")
    try:
        data.sendall(os.urandom(200 * 1024))          # /tmp holds 64 KB
    except (BrokenPipeError, ConnectionResetError):
        pass                                          # the server stopped reading: no space
    data.close()
    with pytest.raises(ftplib.error_temp, match="426|452"):
        f.voidresp()
    got = io.BytesIO()
    f.retrbinary("RETR /tmp/keep.bin", got.write)
    assert got.getvalue() == b"precious\n"
    assert "keep.bin.part" not in f.nlst("/tmp")
    f.quit()


def test_passive_data_connections_are_taken_from_the_client_only(ftp, rootdir):
    open(os.path.join(rootdir, "secret.txt"), "wb").write(b"for the logged-in user only\n")
    f = client(ftp)
    host, port = f.makepasv()
    thief = socket.socket()
    thief.bind(("127.0.0.2", 0))
    thief.settimeout(5 * SLOW)
    thief.connect((host, port))                       # first in the listener's queue
    data = socket.create_connection((host, port), timeout=10 * SLOW)
    assert f.sendcmd("RETR secret.txt").startswith("150")
    got = b""
    while chunk := data.recv(4096):
        got += chunk
    data.close()
    assert f.voidresp().startswith("226")
    assert got == b"for the logged-in user only\n"
    try:
        stolen = thief.recv(4096)                     # closed without a byte
    except ConnectionResetError:
        stolen = b""
    thief.close()
    assert stolen == b""
    f.quit()


def test_names_with_control_characters_are_refused(ftp, rootdir):
    f = client(ftp)
    with pytest.raises(ftplib.error_perm, match="553 invalid file name"):
        f.storbinary("STOR evil\x01name", io.BytesIO(b"x"))
    with pytest.raises(ftplib.error_perm, match="553"):
        f.sendcmd("MKD dir\x1b[31m")
    assert not [n for n in os.listdir(rootdir) if "evil" in n or "dir" in n]
    f.quit()


def test_failed_logins_back_off_across_connections_and_addresses(boot):
    """Three failures close a connection; the next attempts, even from another address, wait
    1 s, then 2 s (the 8 s cap is in tests/unit/test_net_proto.c)."""
    port = boot_locked(boot, "admin", "pw12", "uftpd")[1][0]

    def timed_failure(f):
        start = time.monotonic()
        with pytest.raises((ftplib.error_perm, ftplib.error_temp, EOFError, ConnectionError)):
            f.login("admin", "nope")
        return time.monotonic() - start
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=20 * SLOW)
    assert max(timed_failure(f) for _ in range(3)) < 0.9     # the free failures
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=20 * SLOW, source_address=("127.0.0.2", 0))
    assert 0.9 <= timed_failure(f) < 1.9 * SLOW
    assert 1.9 <= timed_failure(f) < 2.9 * SLOW


def test_commands_before_login_do_not_extend_the_login_grace_time(boot_with_files):
    c = boot_with_files({"/etc/system.conf": json.dumps({"login_grace": 2})})
    port = start_service(c, "uftpd")
    s = socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW)
    f = s.makefile("rb")
    assert f.readline().startswith(b"220")
    start, answers = time.time(), b""
    while time.time() - start < 10 * SLOW:
        s.sendall(b"NOOP\r\n")
        line = f.readline()
        answers += line
        if not line or line.startswith(b"421"):
            break
        time.sleep(0.2)
    assert b"421 Login timed out" in answers
    assert time.time() - start >= 1.5
    assert f.readline() == b""                       # closed
    client(port).quit()                              # and the next client is served


def test_a_new_client_evicts_a_connection_that_never_logged_in_but_never_a_logged_in_one(ftp):
    idle = [socket.create_connection(("127.0.0.1", ftp), timeout=5 * SLOW) for _ in range(4)]
    for s in idle:
        assert s.recv(100).startswith(b"220")
    users = [client(ftp) for _ in range(4)]          # each evicts one idle connection
    assert all(s.recv(100) in (b"", b"421 Login timed out, closing.\r\n") for s in idle)
    with pytest.raises(ftplib.error_temp, match="421 Too many sessions"):
        client(ftp)                                  # nobody idle: the logged-in stay
    for f in users:
        assert f.pwd() == "/"
        f.quit()
