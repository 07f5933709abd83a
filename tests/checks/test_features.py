"""A board's features.cmake leaves commands and services out of its firmware by name
(UPYOS_LEAVE_OUT): tools/gen_command_table.cmake then writes a table without them, and the
linker leaves their code out."""
import os
import re
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = [os.path.join(REPO, "cmd", name) for name in ("vi.c", "jq.c", "echo.c")]


def table(tmp_path, leave_out=""):
    lst = tmp_path / "sources.txt"
    lst.write_text(";".join(SOURCES))
    out = tmp_path / "table.c"
    r = subprocess.run(["cmake", f"-DOUT={out}", f"-DLIST={lst}", f"-DLEAVE_OUT={leave_out}",
                        "-P", os.path.join(REPO, "tools", "gen_command_table.cmake")],
                       capture_output=True, text=True)
    return r, (out.read_text() if out.exists() else "")


def names(text):
    return re.findall(r"&command_def_(\w+),", text)


def test_the_default_keeps_every_command(tmp_path):
    r, text = table(tmp_path)
    assert r.returncode == 0, r.stderr
    assert names(text) == ["echo", "jq", "vi"]


def test_commands_named_are_left_out(tmp_path):
    r, text = table(tmp_path, "vi,jq")
    assert r.returncode == 0, r.stderr
    assert names(text) == ["echo"]
    assert "command_def_vi" not in text


@pytest.mark.parametrize("name", ["vim", "v"])
def test_a_name_no_source_declares_is_refused(tmp_path, name):
    r, _ = table(tmp_path, name)
    assert r.returncode != 0
    assert f"no command '{name}'" in r.stderr
