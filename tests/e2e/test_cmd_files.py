"""File commands: ls mkdir rmdir cp mv rm cat touch find grep hexdump head tail wc fileup jq."""
import hashlib
import os
import re

import pytest

from conftest import PORT

BIG = 10 * 1024 * 1024


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---- ls ----

ROW = re.compile(r"^([d ])(r[w-])([x-]) +(\d+) (\w{3}) (\d\d) (\d\d:\d\d:\d\d) (.+)$")


def test_ls_rows_are_sorted_with_attributes_size_date_and_a_total(boot_with_files):
    upyos = boot_with_files({"/d/b.txt": "12345", "/d/a.sh": "echo hi\n", "/d/sub/": None})
    out = upyos.run("ls /d").splitlines()
    rows = [ROW.match(line) for line in out[:3]]
    assert all(rows), out
    assert [r.group(8) for r in rows] == ["a.sh", "b.txt", "sub"]
    assert rows[0].group(1, 2, 3, 4) == (" ", "rw", "x", "8")
    assert rows[1].group(1, 2, 3, 4) == (" ", "rw", "-", "5")
    assert rows[2].group(1) == "d"
    assert out[3:] == ["", "Total /d/: 13 bytes"]


def test_ls_flags(boot_with_files):
    upyos = boot_with_files({"/d/.hidden": "x" * 3000, "/d/big": "y" * 2048, "/d/s/inner": "zz"})
    assert ".hidden" not in upyos.run("ls /d")
    assert ".hidden" in upyos.run("ls /d -a")
    assert re.search(r"^ rw-    2.0K \w{3} \d\d [\d:]{8} big$", upyos.run("ls /d -h"), re.M)
    assert upyos.run("ls /d -h").endswith("Total /d/: 2.0K\n")
    assert upyos.run("ls /d -n") == "big\ns/\n\nTotal /d/: 2048 bytes\n"
    assert "Total" not in upyos.run("ls /d -nk")
    assert re.search(r"^ rw- +2048 \d{4} \d\d \d\d \d\d:\d\d:\d\d big$", upyos.run("ls /d -d"), re.M)
    deep = upyos.run("ls /d -s")
    assert "/d/s:" in deep and "inner" in deep and "Total /d/s/: 2 bytes" in deep
    assert deep.rstrip().endswith("Total /d/: 2050 bytes")


def test_ls_shows_protected_files_read_only_and_keeps_the_total(upyos):
    assert re.search(r"^ r-- +\d+ .* system.conf$", upyos.run("ls /etc"), re.M)
    upyos.run("ls /etc > total")
    etc = upyos.host_path("/etc")
    size = sum(os.path.getsize(os.path.join(etc, f)) for f in os.listdir(etc) if f != "boards")
    assert upyos.run("echo $total") == f"{size}\n"


def test_ls_errors(upyos):
    assert upyos.run("ls /nope") == "ls: /nope: no such file\n"
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("ls -z") == "ls: unknown option -z (try ls --help)\n"
    assert upyos.run("ls /a /b") == "ls: too many arguments\n"


# ls lists from readdir's entries (a stat per file would scan flashfs's log for each one, which
# made it quadratic); on the MCU port under QEMU 100 files show the same as a thousand.
MANY = 1000 if PORT == "posix" else 100


def test_ls_of_a_thousand_files(boot_with_files):
    upyos = boot_with_files({f"/many/f{i:04d}.txt": "x" * (i % 7) for i in range(MANY)})
    out = upyos.run("ls /many", timeout=30).splitlines()
    names = [ROW.match(line).group(8) for line in out[:-2]]
    assert names == [f"f{i:04d}.txt" for i in range(MANY)]
    assert out[-1] == f"Total /many/: {sum(i % 7 for i in range(MANY))} bytes"


# ---- mkdir, rmdir ----

def test_mkdir_and_rmdir(upyos):
    assert upyos.run("mkdir /x /y") == ""
    assert os.path.isdir(upyos.host_path("/x"))
    assert upyos.run("mkdir /x") == "mkdir: /x: already exists\n"
    assert upyos.run("mkdir /q/r") == "mkdir: /q/r: no such file\n"
    assert upyos.run("mkdir -p /q/r/s") == ""
    assert upyos.run("mkdir -p /q/r/s") == ""
    assert os.path.isdir(upyos.host_path("/q/r/s"))
    assert upyos.run("rmdir /q") == "rmdir: /q: directory not empty\n"
    assert upyos.run("rmdir /etc/init.sh") == "rmdir: /etc/init.sh: not a directory\n"
    assert upyos.run("rmdir /x /y") == ""
    assert not os.path.exists(upyos.host_path("/x"))
    assert upyos.run("mkdir") == "mkdir: missing directory name\n"
    assert upyos.run("rmdir") == "rmdir: missing directory name\n"


# ---- cp, mv, rm ----

def test_cp_files_into_directories_and_trees(boot_with_files):
    upyos = boot_with_files({"/src/a.txt": "alpha\n", "/src/deep/b.txt": "beta\n"})
    assert upyos.run("cp /src/a.txt /c.txt") == ""
    assert open(upyos.host_path("/c.txt")).read() == "alpha\n"
    assert upyos.run("mkdir /dst") == ""
    assert upyos.run("cp /src/a.txt /c.txt /dst") == ""
    assert sorted(os.listdir(upyos.host_path("/dst"))) == ["a.txt", "c.txt"]
    assert upyos.run("cp /src /tree") == "cp: /src: is a directory (use -r)\n"
    assert upyos.run("cp -r /src /tree") == ""
    assert open(upyos.host_path("/tree/deep/b.txt")).read() == "beta\n"
    assert upyos.run("cp -r /src /src/deep") == "cp: cannot put /src inside itself\n"


def test_cp_errors(upyos):
    assert upyos.run("cp /nope /x") == "cp: /nope: no such file\n"
    assert upyos.run("cp /etc/init.sh") == "cp: expected SOURCE... DESTINATION\n"
    assert upyos.run("cp /etc/init.sh /etc/end.sh /none") == "cp: /none: not a directory\n"
    assert upyos.run("cp /etc/init.sh /etc/init.sh") == \
        "cp: /etc/init.sh and /etc/init.sh are the same file\n"


def test_protected_files_are_never_overwritten_moved_or_removed(upyos):
    before = open(upyos.host_path("/etc/system.conf")).read()
    assert upyos.run("cp /etc/init.sh /etc/system.conf") == \
        "cp: /etc/system.conf: protected file\n"
    assert upyos.run("mv /etc/system.conf /x.conf") == "mv: /etc/system.conf: protected file\n"
    assert upyos.run("mv /etc/init.sh /etc/system.conf") == \
        "mv: /etc/system.conf: protected file\n"
    assert upyos.run("rm /etc/system.conf") == "rm: /etc/system.conf: protected file\n"
    assert upyos.run("rm -f /etc") == "rm: /etc/system.conf: protected file\n"
    assert upyos.run("touch /etc/system.conf x") == "touch: /etc/system.conf: protected file\n"
    assert upyos.run("fileup /etc/system.conf") == "fileup: /etc/system.conf: protected file\n"
    assert open(upyos.host_path("/etc/system.conf")).read() == before
    assert os.path.exists(upyos.host_path("/etc/init.sh"))


def test_protection_holds_on_redirection_and_on_the_directories_above(upyos):
    before = open(upyos.host_path("/etc/system.conf")).read()
    assert upyos.run("echo x > /etc/system.conf") == "echo: /etc/system.conf: protected file\n"
    assert upyos.run("echo x >> /etc/system.conf") == "echo: /etc/system.conf: protected file\n"
    assert upyos.run("cd /etc; echo x > system.conf; cd /") == \
        "echo: system.conf: protected file\n"
    assert upyos.run("mv /etc /etc2") == "mv: /etc: protected file\n"
    assert upyos.run("mv /etc /tmp") == "mv: /etc: protected file\n"
    assert upyos.run("mkdir /e2; mv /e2 /etc/system.conf; rmdir /e2") == \
        "mv: /etc/system.conf: protected file\n"
    assert upyos.run("rm -rf /etc") == "rm: /etc/system.conf: protected file\n"
    assert upyos.run("rmdir /etc") == "rmdir: /etc: protected file\n"
    assert upyos.run("mkdir /etc/system.conf") == "mkdir: /etc/system.conf: protected file\n"
    assert upyos.run("cat /etc/system.conf") == before + ("" if before.endswith("\n") else "\n")
    assert open(upyos.host_path("/etc/system.conf")).read() == before
    assert not os.path.exists(upyos.host_path("/etc2"))
    # what lies beside a protected file stays free to change
    assert upyos.run("echo y > /etc/note.txt; mv /etc/note.txt /etc/n2.txt; rm /etc/n2.txt") == ""
    # and setauth, the system's own writer, still stores the password
    assert "setauth:" not in upyos.run("setauth admin secret1 secret1")
    assert '"admin"' in open(upyos.host_path("/etc/system.conf")).read()


def test_mv_renames_and_moves_into_directories(boot_with_files):
    upyos = boot_with_files({"/a.txt": "A", "/dir/": None})
    assert upyos.run("mv /a.txt /b.txt") == ""
    assert upyos.run("mv /b.txt /dir") == ""
    assert open(upyos.host_path("/dir/b.txt")).read() == "A"
    assert upyos.run("mv /dir /tmp") == ""            # across mounts: copy and remove
    assert upyos.run("cat /tmp/dir/b.txt") == "A\n"
    assert not os.path.exists(upyos.host_path("/dir"))
    assert upyos.run("mv /nope /x") == "mv: /nope: no such file\n"


@pytest.mark.posix_only
def test_mv_over_a_file_of_a_host_folder_replaces_it_whole(boot_with_files):
    """hostfs renames a file over another as an exchange and an unlink of the old one: the
    result is rename(2)'s, for files only; two names of one file are left alone, as rename(2)
    leaves them."""
    upyos = boot_with_files({"/new.txt": "new", "/old.txt": "old", "/d/f": "f"})
    assert upyos.run("mv /new.txt /old.txt") == ""
    assert open(upyos.host_path("/old.txt")).read() == "new"
    assert not os.path.exists(upyos.host_path("/new.txt"))
    assert sorted(os.listdir(upyos.host_path("/"))).count("old.txt") == 1
    os.link(upyos.host_path("/old.txt"), upyos.host_path("/same.txt"))
    assert upyos.run("mv /old.txt /same.txt") == ""
    assert open(upyos.host_path("/same.txt")).read() == "new"
    assert open(upyos.host_path("/old.txt")).read() == "new"     # rename(2) of one file: no-op
    upyos.run("mv /same.txt /d/f")
    assert open(upyos.host_path("/d/f")).read() == "new"
    assert not os.path.exists(upyos.host_path("/same.txt"))
    assert upyos.run("mv /d /old.txt").startswith("mv: ")        # a folder over a file: refused
    assert os.path.isdir(upyos.host_path("/d")) and os.path.isfile(upyos.host_path("/old.txt"))


def test_rm_files_and_directories_after_asking(boot_with_files):
    upyos = boot_with_files({"/f.txt": "x", "/d/e/g.txt": "x", "/d2/x": "x"})
    assert upyos.run("rm /f.txt") == ""
    assert not os.path.exists(upyos.host_path("/f.txt"))
    upyos.send("rm /d\r")
    upyos.expect(r"Remove directory /d and all its contents \(y/N\)\? ")
    upyos.send("n\r")
    assert "rm: /d: not removed" in upyos.wait_prompt()
    assert os.path.exists(upyos.host_path("/d/e/g.txt"))
    upyos.send("rm -r /d\r")
    upyos.expect(r"\(y/N\)\? ")
    upyos.send("y\r")
    upyos.wait_prompt()
    assert not os.path.exists(upyos.host_path("/d"))
    assert upyos.run("rm -f /d2") == ""
    assert not os.path.exists(upyos.host_path("/d2"))
    assert upyos.run("rm /nope") == "rm: /nope: no such file\n"
    assert upyos.run("rm") == "rm: missing file name\n"


# ---- cat, touch ----

def test_cat_numbers_names_and_concatenates(boot_with_files):
    upyos = boot_with_files({"/a.txt": "one\ntwo\n", "/b.txt": "three\n"})
    assert upyos.run("cat /a.txt /b.txt") == "one\ntwo\nthree\n"
    assert upyos.run("cat -n /a.txt /b.txt") == "1 one\n2 two\n3 three\n"
    assert upyos.run("cat /b.txt -f") == "/b.txt\nthree\n"
    assert upyos.run("cat /a.txt /b.txt > /c.txt") == ""
    assert open(upyos.host_path("/c.txt")).read() == "one\ntwo\nthree\n"
    assert upyos.run("echo piped | cat -n") == "1 piped\n"
    assert upyos.run("cat /nope /b.txt") == "cat: /nope: no such file\nthree\n"
    assert upyos.run("cat /etc") == "cat: /etc: is a directory\n"


def test_touch_creates_and_writes_words(upyos):
    assert upyos.run("touch /new.txt") == ""
    assert open(upyos.host_path("/new.txt")).read() == ""
    assert upyos.run("touch /new.txt hello   world") == ""
    assert open(upyos.host_path("/new.txt")).read() == "hello world\n"
    assert upyos.run("touch /new.txt") == ""           # an existing file keeps its text
    assert open(upyos.host_path("/new.txt")).read() == "hello world\n"
    assert upyos.run("touch") == "touch: missing file name\n"
    assert upyos.run("touch /nodir/x") == "touch: /nodir/x: no such file\n"


# ---- find, grep ----

def test_find_by_substring_and_wildcard(boot_with_files):
    upyos = boot_with_files({"/p/alpha.txt": "", "/p/q/alphabet.sh": ""})
    assert upyos.run("find alpha /p") == "Found: /p/alpha.txt\n"
    assert upyos.run("find alpha -r /p") == "Found: /p/alpha.txt\nFound: /p/q/alphabet.sh\n"
    assert upyos.run("find *.sh -r /p") == "Found: /p/q/alphabet.sh\n"
    upyos.run("cd /p")
    assert upyos.run("find q") == "Found: /p/q\n"
    assert upyos.run("find zzz /p") == ""
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("find") == "find: missing PATTERN\n"
    assert upyos.run("find x /nope") == "find: /nope: no such file\n"


def test_grep_flags_files_paths_and_input(boot_with_files):
    upyos = boot_with_files({"/g/a.txt": "Apple pie\nbanana\napple juice\n",
                             "/g/sub/b.txt": "apple tree\n"})
    assert upyos.run("grep apple /g/a.txt") == "apple juice\n"
    assert upyos.run("grep -i apple /g/a.txt") == "Apple pie\napple juice\n"
    assert upyos.run("grep -v apple /g/a.txt") == "Apple pie\nbanana\n"
    assert upyos.run("grep -n apple /g/a.txt") == "3:apple juice\n"
    assert upyos.run("grep apple /g") == "/g/a.txt:apple juice\n"
    assert upyos.run("grep apple -r /g") == "/g/a.txt:apple juice\n/g/sub/b.txt:apple tree\n"
    assert upyos.run("cat /g/a.txt | grep an") == "banana\n"
    upyos.run("grep -i apple /g/a.txt > n")
    assert upyos.run("echo $n") == "2\n"
    assert upyos.run("grep cherry /g/a.txt") == ""
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("grep x /nope") == "grep: /nope: no such file\n"
    assert upyos.run("echo $?") == "2\n"
    assert upyos.run("grep") == "grep: missing PATTERN to look for\n"


# ---- hexdump, head, tail, wc ----

def test_hexdump(boot_with_files):
    upyos = boot_with_files({"/h.bin": "Hello, world!\n\x01\x02"})
    assert upyos.run("hexdump /h.bin") == (
        "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 01 02  |Hello, world!...|\n"
        "00000010\n")
    assert upyos.run("hexdump /nope") == "hexdump: /nope: no such file\n"
    assert upyos.run("hexdump") == "hexdump: missing file name\n"


def test_head_tail_wc(boot_with_files):
    upyos = boot_with_files({"/n.txt": "".join(f"line {i}\n" for i in range(1, 21))})
    assert upyos.run("head /n.txt") == "".join(f"line {i}\n" for i in range(1, 11))
    assert upyos.run("head -n 2 /n.txt") == "line 1\nline 2\n"
    assert upyos.run("tail -3 /n.txt") == "line 18\nline 19\nline 20\n"
    assert upyos.run("tail -n 1 /n.txt") == "line 20\n"
    assert upyos.run("cat /n.txt | head -1") == "line 1\n"
    assert upyos.run("wc /n.txt") == "     20      40     151 /n.txt\n"
    assert upyos.run("head -n x /n.txt") == "head: x: not a line count\n"
    assert upyos.run("tail /nope") == "tail: /nope: no such file\n"
    assert upyos.run("tail") == "tail: missing file name\n"
    assert upyos.run("wc /nope") == "wc: /nope: no such file\n"


# ---- fileup, jq ----

def test_fileup_writes_pasted_lines_until_ctrl_d(upyos):
    upyos.send("fileup /up.txt\r")
    upyos.expect("Ctrl-D on an empty line ends it")
    upyos.send("first line\r")
    upyos.send("second\r")
    upyos.send("\x04")
    out = upyos.wait_prompt()
    assert "/up.txt: 2 lines, 18 bytes" in out
    assert open(upyos.host_path("/up.txt")).read() == "first line\nsecond\n"
    assert upyos.run("fileup") == "fileup: missing file name\n"
    assert upyos.run("fileup /etc") == "fileup: /etc: is a directory\n"


def test_jq_pretty_prints_files_and_variables(boot_with_files):
    upyos = boot_with_files({"/j.json": '{"a": [1, 2.5, true], "b": {"c": "text"}}',
                             "/bad.json": "{oops"})
    assert upyos.run("jq /j.json") == (
        '{\n    "a": [\n        1,\n        2.5,\n        true\n    ],\n'
        '    "b": {\n        "c": "text"\n    }\n}\n')
    assert upyos.run("jq /j.json .b.c") == "text\n"
    assert upyos.run("jq /j.json .a[1]") == "2.5\n"
    upyos.run("jq /j.json .a[2] > v")
    assert upyos.run("echo $v") == "True\n"      # the typed value, not the printed text
    upyos.run("export js '{\"k\":3}'")
    assert upyos.run("jq js") == '{\n    "k": 3\n}\n'
    assert upyos.run("jq /j.json .zz") == "jq: .zz: no such path\n"
    assert upyos.run("jq nothing") == "jq: nothing: no such file or variable\n"
    assert upyos.run("jq /bad.json").startswith("jq: /bad.json: ")


# ---- 10 MB files ----

@pytest.mark.posix_only   # 10 MB: more than the MCU port's 2 MB flash holds
def test_cp_cat_and_grep_of_a_10_mb_file(upyos):
    big = os.path.join(upyos.root, "big.txt")
    line = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\n"
    with open(big, "w") as f:
        n = 0
        while f.tell() < BIG:
            f.write(f"needle {n}\n" if n % 1000 == 0 else line)
            n += 1
    want = sha(big)
    assert upyos.run("cp /big.txt /copy.txt", timeout=60) == ""
    assert sha(os.path.join(upyos.root, "copy.txt")) == want
    assert upyos.run("cat /big.txt > /cat.txt", timeout=60) == ""
    assert sha(os.path.join(upyos.root, "cat.txt")) == want
    upyos.run("grep needle /big.txt > hits", timeout=60)
    expected = sum(1 for l in open(big) if "needle" in l)
    assert upyos.run("echo $hits") == f"{expected}\n"
    assert upyos.run("wc /big.txt", timeout=60).split()[2] == str(os.path.getsize(big))


def outside_with_links(rootdir, tmp_path):
    """A folder outside the root with a file in it, a link to it inside the root, and a link
    that stays inside the root: hostfs follows neither."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    os.symlink(str(outside), os.path.join(rootdir, "link"))
    os.symlink(str(outside / "secret.txt"), os.path.join(rootdir, "filelink"))
    os.symlink("etc", os.path.join(rootdir, "inlink"))
    return outside


@pytest.mark.posix_only
def test_links_in_a_host_root_lead_nowhere(boot, rootdir, tmp_path):
    outside = outside_with_links(rootdir, tmp_path)
    upyos = boot()
    upyos.wait_prompt()
    assert upyos.run("cat /link/secret.txt") == "cat: /link/secret.txt: no such file\n"
    assert upyos.run("rm /link/secret.txt") == "rm: /link/secret.txt: no such file\n"
    assert upyos.run("echo x > /link/new.txt") == "echo: /link/new.txt: no such file\n"
    assert upyos.run("mkdir /link/d") == "mkdir: /link/d: no such file\n"
    assert upyos.run("mv /link/secret.txt /got.txt") == "mv: /link/secret.txt: no such file\n"
    assert upyos.run("ls /link") == "ls: /link: no such file\n"
    assert upyos.run("cat /inlink/init.sh") == "cat: /inlink/init.sh: no such file\n"
    assert upyos.run("cat /filelink") == "cat: /filelink: no such file\n"
    assert upyos.run("echo x > /filelink") == "echo: /filelink: no such file\n"
    assert sorted(os.listdir(outside)) == ["secret.txt"]
    assert (outside / "secret.txt").read_text() == "secret\n"
    assert not os.path.exists(os.path.join(rootdir, "got.txt"))


def test_out_of_space_names_the_file_written_not_the_one_read(upyos, rootdir):
    open(os.path.join(rootdir, "big.bin"), "wb").write(b"x" * (100 * 1024))   # /tmp holds 64 KB
    assert upyos.run("cat /big.bin >> /tmp/full") == "cat: /tmp/full: no space left\n"
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("cp /big.bin /tmp/copy") == "cp: /tmp/copy: no space left\n"
    assert upyos.run("echo $?") == "1\n"

