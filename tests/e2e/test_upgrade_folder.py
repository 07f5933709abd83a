"""upgrade from a release folder on the board's own filesystem, on every port: the MCU ports
check release signatures with the part of mbedTLS they build (tools/mbedtls.cmake) and have
no network, so the release comes in the flash image (docs/upgrade.md)."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

TOOLS = os.path.join(REPO, "tools")


def tool(name, *args):
    subprocess.run([sys.executable, os.path.join(TOOLS, name), *map(str, args)], check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    d = tmp_path_factory.mktemp("keys")
    tool("release-sign", "--keygen", d / "key.pem", d / "pub.pem")
    tool("release-sign", "--keygen", d / "other.pem", d / "other.pub")
    return d


def put_release(rootdir, keys, key="key.pem", spoil=None):
    """A release 2.0 adding /etc/hello.txt, made by tools/release into the board's /rel, and
    the board's trusted key. spoil(folder) changes the release after it was signed."""
    tree = os.path.join(rootdir, "..", "tree")
    os.makedirs(os.path.join(tree, "etc"), exist_ok=True)
    with open(os.path.join(tree, "etc/hello.txt"), "w") as f:
        f.write("hello from 2.0\n")
    folder = os.path.join(rootdir, "rel")
    tool("release", tree, folder, "--version", "2.0", "--key", keys / key)
    if spoil:
        spoil(folder)
    shutil.copy(keys / "pub.pem", os.path.join(rootdir, "etc/upgrade.pub"))


def test_a_signed_release_from_a_folder_is_installed(upyos, rootdir, keys):
    put_release(rootdir, keys)
    out = upyos.run("upgrade -f -s /rel", timeout=60)
    assert "Release 2.0" in out and "Upgraded to 2.0" in out, out
    assert upyos.run("cat /etc/hello.txt") == "hello from 2.0\n"
    assert "state:    trial" in upyos.run("upgrade --status")


def test_a_release_signed_with_another_key_is_refused(upyos, rootdir, keys):
    put_release(rootdir, keys, key="other.pem")
    out = upyos.run("upgrade -f -s /rel", timeout=60)
    assert "the release is signed with key" in out and "this board trusts" in out, out
    assert "no such file" in upyos.run("cat /etc/hello.txt")


def test_a_changed_manifest_fails_its_signature(upyos, rootdir, keys):
    def spoil(folder):
        path = os.path.join(folder, "upgrade.inf")
        text = open(path).read()
        open(path, "w").write(text.replace("#upyOS,2.0,", "#upyOS,2.1,"))
    put_release(rootdir, keys, spoil=spoil)
    out = upyos.run("upgrade -f -s /rel", timeout=60)
    assert out == "upgrade: bad signature: the release is refused\n"
    assert "no such file" in upyos.run("cat /etc/hello.txt")


def test_a_changed_file_fails_its_hash(upyos, rootdir, keys):
    def spoil(folder):
        with open(os.path.join(folder, "etc/hello.txt"), "w") as f:
            f.write("HELLO from 2.0\n")
    put_release(rootdir, keys, spoil=spoil)
    out = upyos.run("upgrade -f -s /rel", timeout=60)
    assert "/etc/hello.txt: its SHA-256 is not the manifest's" in out, out
    assert "nothing was changed" in out
    assert "no such file" in upyos.run("cat /etc/hello.txt")
