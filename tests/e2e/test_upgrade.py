"""upgrade: signed releases from a loopback HTTP server, the atomic switch, trial boots and
rollback, on a flash image root (docs/upgrade.md). Releases are made by tools/release from two
trees, v1 (the board's) and v2; every check compares the board's files with both manifests."""
import functools
import hashlib
import http.server
import os
import random
import shutil
import subprocess
import sys
import threading
import time

import pytest

from conftest import MKFS, REPO, SLOW
from test_tls import HttpsServer, pki  # noqa: F401 (a fixture)

pytestmark = pytest.mark.posix_only   # needs the simulator's mbedTLS build and its --image

TOOLS = os.path.join(REPO, "tools")
CUTS = int(os.environ.get("UPYOS_UPGRADE_CUTS", "20"))


def tool(name, *args):
    subprocess.run([sys.executable, os.path.join(TOOLS, name), *map(str, args)], check=True,
                   capture_output=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """Serves a folder on 127.0.0.1 in a thread."""

    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.handle_error = lambda *a: None     # a board cut off mid-download
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def manifest_files(release):
    """path -> bytes of every file a release folder lists, its manifest included."""
    files = {"/etc/upgrade.inf": open(os.path.join(release, "upgrade.inf"), "rb").read()}
    for line in files["/etc/upgrade.inf"].decode().splitlines():
        if line.startswith("/"):
            path = line.split(",")[0]
            files[path] = open(os.path.join(release, path.lstrip("/")), "rb").read()
    return files


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Keys, the two trees, their releases, a server over them, and a v1 board image."""
    d = tmp_path_factory.mktemp("upgrade")
    tool("release-sign", "--keygen", d / "key.pem", d / "pub.pem")
    tool("release-sign", "--keygen", d / "other.pem", d / "other.pub")
    v1 = d / "v1"
    shutil.copytree(os.path.join(REPO, "rootfs"), v1)
    (v1 / "etc/motd.txt").write_text("version one\n")
    (v1 / "etc/old-only.txt").write_text("dropped by v2\n")
    v2 = d / "v2"
    shutil.copytree(v1, v2)
    (v2 / "etc/motd.txt").write_text("version two\n")
    (v2 / "etc/old-only.txt").unlink()
    (v2 / "etc/added.txt").write_text("added by v2\n")
    with open(v2 / "etc/init.sh", "a") as f:
        f.write("echo version two init\n")
    www = d / "www"
    tool("release", v1, www / "v1", "--version", "1.0", "--key", d / "key.pem")
    tool("release", v2, www / "v2", "--version", "2.0", "--key", d / "key.pem")
    server = Server(str(www))
    board = d / "board"
    shutil.copytree(v1, board)
    shutil.copy(d / "pub.pem", board / "etc/upgrade.pub")
    shutil.copy(www / "v1/upgrade.inf", board / "etc/upgrade.inf")
    yield {"dir": d, "www": www, "board": board, "server": server, "m1": manifest_files(str(www / "v1")), "m2": manifest_files(str(www / "v2"))}
    server.close()


def make_image(world, tmp_path, conf=None, init=None, files=None):
    board = tmp_path / "board"
    shutil.copytree(world["board"], board)
    for path, source in (files or {}).items():
        shutil.copy(source, board / path.lstrip("/"))
    settings = {"upgrade_url": world["server"].url + "/v2", "upgrade_boot_s": 3,
                "upgrade_confirm_s": 60}
    settings.update(conf or {})
    extra = "".join(f', "{k}": {v if isinstance(v, int) else chr(34) + v + chr(34)}'
                    for k, v in settings.items())
    (board / "etc/system.conf").write_text(
        '{"ver": "0.1.0", "board": "/etc/boards/posix-sim.board", "pfiles": ["/etc/system.conf"],'
        ' "auth": {"user": "", "paswd": ""}, "env": {"TZ": 0}' + extra + "}\n")
    if init:
        (board / "etc/init.sh").write_text(init)
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, str(board)], check=True, capture_output=True)
    return image


def board_files(image, tmp_path):
    out = tmp_path / f"x{time.monotonic_ns()}"
    subprocess.run([MKFS, "--extract", image, str(out)], check=True, capture_output=True)
    return out


def version_of(root, world):
    """1 or 2 when every file of both releases is as that version has it, else the paths that
    are not."""
    paths = set(world["m1"]) | set(world["m2"])
    mismatched = {1: [], 2: []}
    for path in sorted(paths):
        full = os.path.join(str(root), path.lstrip("/"))
        have = open(full, "rb").read() if os.path.exists(full) else None
        for v in (1, 2):
            if have != world[f"m{v}"].get(path):
                mismatched[v].append(path)
    for v in (1, 2):
        if not mismatched[v]:
            return v
    return mismatched


def status(c, line):
    out = c.run(line)
    return out, c.run("echo $?").strip()


def test_a_normal_upgrade_changes_exactly_the_changed_files(boot, world, tmp_path):
    image = make_image(world, tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    out = c.run("upgrade -t")
    assert "Upgrade 1.0 -> 2.0: 3 files to fetch" in out and "1 to remove" in out
    assert "change /etc/motd.txt" in out and "remove /etc/old-only.txt" in out
    assert version_of(board_files(image, tmp_path), world) == 1     # -t changes nothing
    out, st = status(c, "upgrade -f")
    assert "Upgraded to 2.0" in out and st == "0"
    assert c.run("cat /etc/motd.txt") == "version two\n"
    assert version_of(board_files(image, tmp_path), world) == 2
    c.send("reboot\r")
    out = c.wait_prompt(20)
    assert "Trial boot 1 of 2 of version 2.0" in out and "version two init" in out
    assert "state:    trial (boot 1 of 2)" in c.run("upgrade --status")
    assert "version 2.0 confirmed" in c.run("upgrade --commit")
    assert "state:    confirmed" in c.run("upgrade --status")
    assert c.run("ls /var/upgrade/old").startswith("ls:")
    assert c.run("upgrade -f") == "Version 2.0 is installed already\n"


def test_an_upgrade_over_https_checks_the_servers_certificate(boot, world, tmp_path, pki):
    server = HttpsServer(str(world["www"]), pki, "good")
    try:
        url = f"https://localhost:{server.port}/v2"
        trusted = make_image(world, tmp_path / "a", conf={"upgrade_url": url},
                             files={"/etc/ca.pem": os.path.join(pki, "ca.pem")})
        c = boot(image=trusted)
        c.wait_prompt()
        out, st = status(c, "upgrade -f")
        assert "Upgraded to 2.0" in out and st == "0", out
        assert version_of(board_files(trusted, tmp_path), world) == 2
        c.exit()
        untrusted = make_image(world, tmp_path / "b", conf={"upgrade_url": url},
                               files={"/etc/ca.pem": os.path.join(pki, "other-ca.pem")})
        c = boot(image=untrusted)
        c.wait_prompt()
        out, st = status(c, "upgrade -f")
        assert f"upgrade: {url}/upgrade.inf: certificate verify failed" in out and st != "0", out
        assert version_of(board_files(untrusted, tmp_path), world) == 1
    finally:
        server.close()


def refused_release(world, tmp_path, how):
    """A copy of the v2 release spoiled as `how` says; its URL."""
    name = f"bad-{how}"
    folder = world["www"] / name
    if folder.exists():
        return world["server"].url + "/" + name
    shutil.copytree(world["www"] / "v2", folder)
    d = world["dir"]
    if how == "file":
        (folder / "etc/motd.txt").write_text("version tw0\n")
    elif how == "truncated":
        (folder / "etc/init.sh").write_bytes((folder / "etc/init.sh").read_bytes()[:40])
    elif how == "manifest":
        text = (folder / "upgrade.inf").read_text()
        (folder / "upgrade.inf").write_text(text.replace("/etc/added.txt,12,", "/etc/added.txt,13,"))
    elif how == "key":
        tool("release-sign", folder / "upgrade.inf", d / "other.pem")
    elif how == "key-id":      # signed by the other key but naming the board's key
        tool("release-sign", folder / "upgrade.inf", d / "other.pem")
        kid = subprocess.run([sys.executable, os.path.join(TOOLS, "release-sign"), "--key-id",
                              str(d / "pub.pem")], capture_output=True, text=True).stdout.strip()
        lines = (folder / "upgrade.inf").read_text().split("\n")
        lines[1] = "#key," + kid
        (folder / "upgrade.inf").write_text("\n".join(lines))
    elif how == "unsigned":
        (folder / "upgrade.inf.sig").unlink()
    elif how == "older":
        shutil.rmtree(folder)
        tool("release", world["board"], folder, "--version", "0.9", "--key", d / "key.pem")
    elif how == "malformed":
        text = (folder / "upgrade.inf").read_text()
        (folder / "upgrade.inf").write_text(text.replace("#files,", "#files,1"))
        tool("release-sign", folder / "upgrade.inf", d / "key.pem")
    return world["server"].url + "/" + name


@pytest.mark.parametrize("how, says", [
    ("file", "/etc/motd.txt: its SHA-256 is not the manifest's"),
    ("truncated", "/etc/init.sh: 40 bytes where the manifest says"),
    ("manifest", "bad signature"),
    ("key", "the release is signed with key"),
    ("key-id", "bad signature"),
    ("unsigned", "no signature: unsigned releases are refused"),
    ("older", "version 0.9 is older than the installed 1.0: refused"),
    ("malformed", "malformed manifest"),
])
def test_a_bad_release_is_refused_and_the_old_version_stays(boot, world, tmp_path, how, says):
    url = refused_release(world, tmp_path, how)
    image = make_image(world, tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    out, st = status(c, f"upgrade -f {url}")
    assert says in out and st == "1", out
    assert "state:    confirmed" in c.run("upgrade --status")
    assert version_of(board_files(image, tmp_path), world) == 1
    assert c.run("ls /var/upgrade/new").startswith("ls:")      # nothing staged is left


def test_an_older_release_is_installed_when_asked(boot, world, tmp_path):
    url = refused_release(world, tmp_path, "older")
    c = boot(image=make_image(world, tmp_path))
    c.wait_prompt()
    assert "Upgraded to 0.9" in c.run(f"upgrade -f --allow-downgrade {url}")


@pytest.mark.parametrize("how, init", [
    ("hangs", "echo version three hangs\nsleep 1000\n"),    # the watchdog resets it
    ("resets", "echo version three resets\nreset\n"),       # it resets itself
])
def test_a_version_that_fails_at_boot_is_rolled_back_after_two_boots(boot, world, tmp_path,
                                                                       how, init):
    release = world["www"] / how
    if not release.exists():
        tree = tmp_path / "tree"
        shutil.copytree(world["board"], tree)
        (tree / "etc/init.sh").write_text(init)
        tool("release", tree, release, "--version", "3.0", "--key", world["dir"] / "key.pem")
    image = make_image(world, tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    c.send(f"upgrade -f -r {world['server'].url}/{how}\r")
    # nobody types from here
    c.expect("Trial boot 1 of 2 of version 3.0", timeout=20)
    c.expect(f"version three {how}")
    c.expect("Trial boot 2 of 2 of version 3.0", timeout=20)
    c.expect(f"version three {how}")
    c.expect("version 3.0 was not confirmed in 2 trial boots: rolling back to version 1.0",
             timeout=20)
    out = c.wait_prompt(20)
    assert "Normal mode boot" in out and "Recovery" not in out and "version three" not in out
    assert "state:    confirmed" in c.run("upgrade --status")
    assert "rolling back to version 1.0" in c.run("cat /var/log/upgrade.log")
    assert version_of(board_files(image, tmp_path), world) == 1


IDIOM = """test -f /upgrade > up
if $up == False skip 4
upgrade -f
rm /upgrade
reset
echo after the idiom
"""


def test_the_upyos_init_idiom_upgrades_at_boot(boot, world, tmp_path):
    image = make_image(world, tmp_path, init=IDIOM, conf={"upgrade_confirm_s": 1})
    c = boot(image=image)
    c.wait_prompt()
    c.run("touch /upgrade")
    c.send("reset\r")
    c.expect("Upgraded to 2.0", timeout=20)
    out = c.wait_prompt(20)
    assert "Trial boot 1 of 2 of version 2.0" in out and "version two init" in out
    c.expect("version 2.0 confirmed", timeout=10)
    assert not c.run("ls /upgrade").startswith("/upgrade")
    assert version_of(board_files(image, tmp_path), world) == 2


def test_power_cuts_leave_one_version_or_the_other(boot, world, tmp_path):
    """kill -9 at random points of the whole sequence: download, switch, reset, trial boot,
    confirmation. The next boot (recovery: init.sh would upgrade again) finishes what the
    journal says; the files are then all v1 or all v2. UPYOS_UPGRADE_CUTS sets the count."""
    image = make_image(world, tmp_path, init=IDIOM, conf={"upgrade_confirm_s": 1})
    pristine = str(tmp_path / "pristine.img")
    c = boot("-r", image=image)
    c.wait_prompt()
    c.run("touch /upgrade")
    c.exit()
    shutil.copy(image, pristine)
    # the length of the whole sequence, once without a cut
    start = time.monotonic()
    c = boot(image=image)
    c.expect("Upgraded to 2.0", timeout=30)
    switched = time.monotonic() - start
    c.expect("version 2.0 confirmed", timeout=30)
    whole = time.monotonic() - start
    c.kill()
    # the board's v1 is the v1 release with the idiom as its init.sh
    expected = dict(world, m1=dict(world["m1"], **{"/etc/init.sh": IDIOM.encode()}))
    rng = random.Random(int(os.environ.get("UPYOS_UPGRADE_SEED", "18")))
    seen = {1: 0, 2: 0}
    for i in range(CUTS):
        shutil.copy(pristine, image)
        c = boot(image=image)
        # half the cuts before the switch ends (boot, download, switch), half anywhere
        time.sleep(rng.uniform(0, switched if i % 2 else whole))
        c.kill()
        c = boot("-r", image=image)
        c.wait_prompt(20)
        c.exit()
        v = version_of(board_files(image, tmp_path), expected)
        assert v in (1, 2), f"cut {i}: a mix of versions: {v}"
        seen[v] += 1
    print(f"{CUTS} cuts in a {whole:.2f} s sequence: {seen}")
    if CUTS >= 10:          # the cuts fell on both sides of the switch
        assert seen[1] and seen[2], seen


# ---- the journal replayed after a cut at each step, deterministically ----

OPS = [("C", "/etc/init.sh"), ("C", "/etc/motd.txt"), ("A", "/etc/added.txt"),
       ("D", "/etc/old-only.txt"), ("C", "/etc/upgrade.inf")]


def switch_steps():
    """The renames of the switch, in order: (from, to) with N = staged, L = live, O = kept."""
    steps = []
    for op, path in OPS:
        if op in "CD":
            steps.append(("L", "O", path))
        if op in "CA":
            steps.append(("N", "L", path))
    return steps


def where(root, kind, path):
    prefix = {"L": "", "N": "var/upgrade/new", "O": "var/upgrade/old"}[kind]
    return os.path.join(root, prefix, path.lstrip("/"))


def move(root, frm, to, path):
    dst = where(root, to, path)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    os.replace(where(root, frm, path), dst)


def board_mid_switch(world, tmp_path, state):
    """A host-folder board as `upgrade` leaves it just after writing the journal."""
    root = tmp_path / f"root-{state}-{time.monotonic_ns()}"
    shutil.copytree(world["board"], root)
    for op, path in OPS:
        if op in "CA":
            dst = where(str(root), "N", path)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(world["m2"][path])
    (root / "var/upgrade/journal").write_text(
        f"{state},2.0,1.0\n" + "".join(f"{op} {path}\n" for op, path in OPS))
    return str(root)


@pytest.mark.parametrize("done", range(len(switch_steps()) + 1))
def test_a_switch_cut_after_any_step_is_finished_at_the_next_boot(boot, world, tmp_path, done):
    root = board_mid_switch(world, tmp_path, "switch")
    for frm, to, path in switch_steps()[:done]:
        move(root, frm, to, path)
    c = boot("-r", root=root)
    out = c.wait_prompt()
    assert "finishing the switch to version 2.0" in out
    assert version_of(root, world) == 2
    assert open(os.path.join(root, "var/upgrade/journal")).read().startswith("trial,2.0,1.0\n")
    assert "rolling back" in c.run("upgrade --rollback")
    assert version_of(root, world) == 1


@pytest.mark.parametrize("done", range(len(OPS) + 1))
def test_a_rollback_cut_after_any_step_is_finished_at_the_next_boot(boot, world, tmp_path, done):
    root = board_mid_switch(world, tmp_path, "rollback")
    for frm, to, path in switch_steps():
        move(root, frm, to, path)
    undo = []                       # the rollback's steps: back from kept, added ones removed
    for op, path in reversed(OPS):
        undo.append(("rm", path) if op == "A" else ("O", path))
    for kind, path in undo[:done]:
        if kind == "rm":
            os.unlink(where(root, "L", path))
        else:
            move(root, "O", "L", path)
    c = boot("-r", root=root)
    out = c.wait_prompt()
    assert "finishing the rollback to version 1.0" in out
    assert version_of(root, world) == 1
    assert not os.path.exists(os.path.join(root, "var/upgrade/journal"))
    assert not os.path.exists(os.path.join(root, "var/upgrade/old"))


# ---- protected files ----

def test_protected_files_are_kept_unless_the_release_says_so(boot, world, tmp_path):
    d = world["dir"]
    tree = tmp_path / "tree"
    shutil.copytree(world["board"], tree)
    (tree / "etc/upgrade.inf").unlink()
    (tree / "etc/motd.txt").write_text("version two\n")
    shutil.copy(d / "other.pub", tree / "etc/upgrade.pub")
    for name, flags in (("keep", []), ("rotate", ["--protected", "/etc/upgrade.pub"])):
        tool("release", tree, world["www"] / f"prot-{name}", "--version", "2.0", "--key",
             d / "key.pem", *flags)
    image = make_image(world, tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    out = c.run(f"upgrade -f -v {world['server'].url}/prot-keep")
    assert "keep   /etc/upgrade.pub (protected)" in out and "Upgraded to 2.0" in out
    assert c.run("cat /etc/upgrade.pub") == open(d / "pub.pem").read()
    c.run("upgrade --rollback")
    out = c.run(f"upgrade -f -v {world['server'].url}/prot-rotate")
    assert "change /etc/upgrade.pub" in out and "Upgraded to 2.0" in out
    assert c.run("cat /etc/upgrade.pub") == open(d / "other.pub").read()
    c.run("upgrade --rollback")                       # the protected copy comes back too
    assert c.run("cat /etc/upgrade.pub") == open(d / "pub.pem").read()
    assert c.run("cat /etc/motd.txt") == "version one\n"


def test_upgrade_asks_before_it_changes_anything(boot, world, tmp_path):
    image = make_image(world, tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    c.send("upgrade\r")
    c.child.expect_exact("Confirm upgrade (y/N)? ")
    c.send("n\r")
    out = c.wait_prompt()
    assert "Upgrade cancelled" in out
    assert version_of(board_files(image, tmp_path), world) == 1
    assert c.run("upgrade -f ftp://127.0.0.1/v2") == \
        "upgrade: ftp://127.0.0.1/v2/upgrade.inf: only http:// and https:// are supported\n"
    assert c.run("upgrade --commit") == "upgrade: no version is on trial\n"
    assert c.run("upgrade -x") == "upgrade: unknown option -x (upgrade --help)\n"
