"""Boot, prompt, help, exit and recovery, as seen on the console."""
import os

from conftest import BOARD, BOARD_LINE, PLATFORM


def test_boot_messages_in_order(boot):
    c = boot()
    for line in ["Booting upyOS-C...", "/etc/system.conf file created.", "Normal mode boot",
                 "upyOS-C 0.1.0 " + BOARD_LINE, "Total.:", "Mounted",
                 "Type 'help' for a upyOS manual."]:
        c.expect(line.replace("(", r"\(").replace(")", r"\)").replace(".", r"\."))
    c.wait_prompt()
    assert c.child.match.group(1) == "/"     # the first prompt is at the root


def test_prompt_shows_cwd(upyos):
    upyos.run("cd /etc")
    upyos.child.sendline("pwd")
    upyos.expect(r"\r\n/etc\r\n/etc \$: ")


def test_help_lists_every_command_sorted(upyos):
    out = upyos.run("help")
    assert "upyOS-C version: " in out
    words = out.split("Commands:\n")[1].strip().split(", ")
    assert words == sorted(words)
    for name in ["cd", "exit", "help", "lshw", "ps", "sh"]:
        assert name in words


def test_every_command_answers_help(upyos):
    names = upyos.run("help").split("Commands:\n")[1].strip().split(", ")
    for name in names:
        out = upyos.run(f"{name} --help")
        assert out.startswith(f"Usage: {name}"), (name, out)


def test_unknown_command(upyos):
    assert upyos.run("frobnicate 1 2") == "frobnicate: not found\n"
    assert upyos.run("echo $?") == "127\n"


def test_exit_runs_end_script_and_says_bye(boot, rootdir):
    with open(os.path.join(rootdir, "etc/end.sh"), "a") as f:
        f.write("echo end-script-ran\n")
    upyos = boot()
    upyos.wait_prompt()
    upyos.child.sendline("exit")
    upyos.child.expect_exact("Exit upyOS-C (y/N)? ")
    upyos.child.sendline("y")
    upyos.child.expect_exact("end-script-ran")
    upyos.child.expect_exact("Shutdown upyOS-C..., bye.")
    assert upyos.wait_exit() == 0


def test_exit_can_be_refused(upyos):
    upyos.child.sendline("exit")
    upyos.child.expect_exact("(y/N)? ")
    upyos.child.sendline("n")
    upyos.wait_prompt()
    assert upyos.run("echo still here") == "still here\n"


def test_exit_r_reboots(upyos):
    upyos.child.sendline("exit -r")
    upyos.child.expect_exact("(y/N)? ")
    upyos.child.sendline("y")
    upyos.child.expect_exact("Shutdown upyOS-C..., bye.")
    upyos.child.expect_exact("Booting upyOS-C...")
    upyos.wait_prompt()
    assert upyos.run("echo again") == "again\n"


def test_config_is_created_once_and_kept(boot, rootdir):
    c = boot()
    c.wait_prompt()
    c.exit()
    text = open(c.host_path("/etc/system.conf")).read()
    assert f'"board": "/etc/boards/{BOARD}.board"' in text
    c2 = boot()
    out = c2.wait_prompt()
    assert "file created" not in out


def test_recovery_flag_skips_init(boot, rootdir):
    with open(os.path.join(rootdir, "etc/init.sh"), "a") as f:
        f.write("echo init-ran\n")
    c = boot("-r")
    out = c.wait_prompt()
    assert "Recovery mode boot" in out
    assert "init-ran" not in out


def test_two_failed_boots_enter_recovery(boot, rootdir):
    """A boot killed before the prompt counts as failed; after two, init.sh is skipped."""
    with open(os.path.join(rootdir, "etc/init.sh"), "w") as f:
        f.write("echo init-start\nsleep 30\n")
    for _ in range(2):
        c = boot()
        c.expect("init-start")
        c.kill()
    c = boot()
    out = c.wait_prompt()
    assert "2 boots did not reach the prompt." in out
    assert "Recovery mode boot" in out
    c.exit()
    # having reached the prompt, the next boot is normal again
    c = boot()
    c.expect("init-start")
    c.kill()                # its init.sh sleeps 30 s: no prompt to leave from in time


def test_board_file_missing_falls_back_with_warning(boot, rootdir):
    os.remove(os.path.join(rootdir, f"etc/boards/{BOARD}.board"))
    c = boot()
    out = c.wait_prompt()
    assert f"Warning: board file /etc/boards/{BOARD}.board not loaded" in out
    assert f"({PLATFORM})" in c.run("lshw -b")     # on the default board's name


def test_ctrl_d_at_empty_prompt_ends_the_session(upyos):
    upyos.send("\x04")
    upyos.child.expect_exact("Shutdown upyOS-C..., bye.")
    assert upyos.wait_exit() == 0
