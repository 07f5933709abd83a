"""vi: the screen editor on the console's ANSI terminal."""
import os

ESC, UP, DOWN, RIGHT = "\x1b", "\x1b[A", "\x1b[B", "\x1b[C"


def edit(c, path, keys):
    c.send(f"vi {path}\r")
    c.expect(r":q quits")
    for k in keys:
        c.send(k)
    left(c)


def left(c):
    """vi has left the alternate screen and the prompt is back."""
    c.expect(r"\x1b\[\?1049l")
    c.expect(r"\$: ")


def test_insert_text_and_save(upyos):
    edit(upyos, "/new.txt", ["i", "hello\rworld", ESC, ":wq\r"])
    assert open(upyos.host_path("/new.txt")).read() == "hello\nworld\n"


def booted_with(boot, rootdir, name, text):
    with open(os.path.join(rootdir, name), "w") as f:
        f.write(text)
    c = boot()
    c.wait_prompt()
    return c


def test_move_delete_line_and_edit_existing_file(boot, rootdir):
    upyos = booted_with(boot, rootdir, "f.txt", "one\ntwo\nthree\n")
    edit(upyos, "/f.txt", [DOWN, "dd", "G", "A", "!", ESC, UP, "0", "x", ":wq\r"])
    assert open(upyos.host_path("/f.txt")).read() == "ne\nthree!\n"


def test_search_and_line_commands(boot, rootdir):
    upyos = booted_with(boot, rootdir, "g.txt", "alpha\nbeta\ngamma\n")
    edit(upyos, "/g.txt", ["/gam\r", "i", ">", ESC, ":1\r", ":c first\r", ":a after\r",
                           ":3\r", ":d\r", ":3\r", ":s/gam/GAM/\r", ":wq\r"])
    assert open(upyos.host_path("/g.txt")).read() == "first\nafter\n>GAMma\n"


def test_quit_refuses_unsaved_changes(boot, rootdir):
    upyos = booted_with(boot, rootdir, "h.txt", "keep\n")
    upyos.send("vi /h.txt\r")
    upyos.expect(r":q quits")
    upyos.send("ox" + ESC + ":q\r")
    upyos.expect("unsaved changes")
    upyos.send(":q!\r")
    left(upyos)
    assert open(upyos.host_path("/h.txt")).read() == "keep\n"
    assert upyos.run("vi") == "vi: missing file name\n"
    assert upyos.run("vi /etc") == "vi: /etc: is a directory\n"


def test_saving_a_protected_file_is_refused(upyos):
    before = open(upyos.host_path("/etc/system.conf")).read()
    upyos.send("vi /etc/system.conf\r")
    upyos.expect(r":q quits")
    upyos.send("ox" + ESC + ":w\r")
    upyos.expect("protected file")
    upyos.send(":q!\r")
    left(upyos)
    assert open(upyos.host_path("/etc/system.conf")).read() == before


def booted_with_bytes(boot, rootdir, files):
    for name, data in files.items():
        with open(os.path.join(rootdir, name), "wb") as f:
            f.write(data)
    c = boot()
    c.wait_prompt()
    return c


ROUND_TRIP = {
    "crlf.txt": b"start\r\n" + b"x" * 7000 + b"\r\nend\r\n",    # a 7 KB line, CRLF ends
    "long.txt": b"y" * 7000 + b"\n",
    "noeol.txt": b"one\ntwo",                                    # no line end at the end
    "mixed.txt": b"dos\r\nunix\nlast\r\n",
    "empty.txt": b"",
    "newline.txt": b"\n",
}


def test_a_file_saved_unedited_comes_back_byte_for_byte(boot, rootdir):
    upyos = booted_with_bytes(boot, rootdir, ROUND_TRIP)
    for name in ROUND_TRIP:
        edit(upyos, "/" + name, [":w\r", ":q\r"])
        assert upyos.run(f"cp /{name} /{name}.copy") == ""
    for name, data in ROUND_TRIP.items():
        assert open(upyos.host_path("/" + name), "rb").read() == data, name
        assert open(upyos.host_path(f"/{name}.copy"), "rb").read() == data, name


def test_an_edited_crlf_file_keeps_crlf(boot, rootdir):
    upyos = booted_with_bytes(boot, rootdir, {"w.txt": b"one\r\ntwo\r\n"})
    edit(upyos, "/w.txt", ["G", "o", "three", ESC, ":wq\r"])
    assert open(upyos.host_path("/w.txt"), "rb").read() == b"one\r\ntwo\r\nthree\r\n"


def test_a_line_past_the_limit_is_refused_not_cut(boot, rootdir):
    data = b"z" * 20000 + b"\n"
    upyos = booted_with_bytes(boot, rootdir, {"huge.txt": data})
    assert upyos.run("vi /huge.txt") == "vi: /huge.txt: line too long\n"
    assert open(upyos.host_path("/huge.txt"), "rb").read() == data
