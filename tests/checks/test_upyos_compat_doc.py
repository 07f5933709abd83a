"""docs/upyos-compatibility.md lists every command of the command table, so that a new command
cannot be added without saying how it stands against upyOS's."""
import glob
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(REPO, "docs", "upyos-compatibility.md")
STATES = {"same", "differs", "missing", "ours"}


def declared_commands():
    """The names of the COMMAND / COMMAND_STACK declarations the command table is built from,
    and of the shell's builtins (shell/builtin.c), which help lists with them."""
    names = set()
    for path in glob.glob(os.path.join(REPO, "cmd", "*.c")) + \
            glob.glob(os.path.join(REPO, "cmd", "net", "*.c")):
        with open(path, encoding="utf-8") as f:
            names.update(re.findall(r"^COMMAND(?:_STACK)?\((\w+),", f.read(), re.M))
    with open(os.path.join(REPO, "shell", "builtin.c"), encoding="utf-8") as f:
        names.update(re.findall(r'^    \{ "(\w+)",', f.read(), re.M))
    return names


def command_rows():
    """{(name, form): state} from the table under '## Commands and script forms'."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    assert "## Commands and script forms" in text, "the command table is missing"
    section = text.split("## Commands and script forms", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        form = re.match(r"`([^`]+)`", cells[0]).group(1)
        assert cells[1] in STATES, f"{form}: state '{cells[1]}' is not one of {sorted(STATES)}"
        assert cells[1] == "same" or cells[2], f"{form}: {cells[1]} needs the how and why"
        for name in set(re.findall(r"`(\w+)", cells[0])):      # `atwget`, `atcurl`: one row, two commands
            assert (name, form) not in rows, f"{form} is listed twice"
            rows[name, form] = cells[1]
    return rows


def command_states():
    """{command name: state} of the rows that name a command (a form like `cmd &` names none)."""
    return {name: state for (name, form), state in command_rows().items()
            if not form.startswith(("cmd ", "$", "a ;", "AT+"))}


def test_the_table_lists_every_declared_command():
    declared = declared_commands()
    assert {"ls", "sh", "ifconfig", "exit"} <= declared
    rows = command_states()
    assert declared - set(rows) == set(), "commands missing from docs/upyos-compatibility.md"


def test_the_table_states_agree_with_the_declarations():
    declared = declared_commands()
    for name, state in command_states().items():
        if state == "missing":
            assert name not in declared, f"{name} is marked missing but is declared"
        elif re.fullmatch(r"\w+", name) and state == "ours":
            assert name in declared, f"{name} is marked as ours but is not declared"
