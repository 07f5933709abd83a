"""The modules a Python program gets from the system: sdata (shared by every program and the
shell's `>`/`<` lines), utls (the shell's variables and file helpers), os and time as the
system serves them."""
import pytest

from conftest import put_file

pytestmark = pytest.mark.posix_only   # no Python in the mps2-an385 firmware yet


def test_sdata_is_shared_by_programs_and_lines(upyos, rootdir):
    assert upyos.run("> sdata.greeting = 'hi'; sdata.count = 3") == ""
    put_file(rootdir, "/opt/share.py",
             "import sdata\n"
             "print(sdata.greeting, sdata.count, sdata.name, sdata.platform, sdata.debug)\n"
             "sdata.result = sdata.count * 14\n"
             "sdata.panel = [1, 2]        # an object: it stays in this program\n"
             "print(sdata.panel)\n")
    assert upyos.run("/opt/share.py") == "hi 3 upyOS-C posix False\n[1, 2]\n"
    assert upyos.run("< sdata.result, hasattr(sdata, 'panel')") == "42 False\n"
    put_file(rootdir, "/opt/second.py", "import sdata\nprint(sdata.result)\ndel sdata.result\n")
    assert upyos.run("/opt/second.py") == "42\n"
    assert upyos.run("< hasattr(sdata, 'result')") == "False\n"
    assert upyos.run("> sdata.debug = True") == ""
    put_file(rootdir, "/opt/debug.py", "import sdata\nprint(sdata.debug)\nsdata.debug = False\n")
    assert upyos.run("/opt/debug.py") == "True\n"
    assert upyos.run("< sdata.debug") == "False\n"


def test_utls_reads_and_sets_the_shells_variables(upyos, rootdir):
    upyos.run("export essid home-net")
    upyos.run("export n 5 -i")
    put_file(rootdir, "/opt/vars.py",
             "import utls\n"
             "print(utls.getenv('essid'), utls.getenv('n') + 1, utls.getenv('nope'), utls.getenv('nope', 0))\n"
             "utls.setenv('from_py', 2.5)\nutls.setenv('flag', True)\nutls.unset('essid')\n")
    assert upyos.run("/opt/vars.py") == "home-net 6 None 0\n"
    assert upyos.run("echo $from_py $flag [$essid]") == "2.5 True []\n"
    assert upyos.run("< utls.getenv('from_py') * 2, getenv('flag')") == "5.0 True\n"


def test_utls_file_helpers(upyos, rootdir):
    put_file(rootdir, "/opt/files.py",
             "import utls\n"
             "print(utls.file_exists('/etc'), utls.isdir('/etc'), utls.isfile('/etc'))\n"
             "print(utls.file_exists('files.py'), utls.isfile('/opt/files.py'), utls.file_exists('/nope'))\n"
             "print(utls.human(2048), utls.recovery())\n")
    upyos.run("cd /opt")
    assert upyos.run("files.py") == "True True False\nTrue True False\n2.0K False\n"


def test_os_and_time_on_the_system(upyos, rootdir):
    put_file(rootdir, "/opt/ostime.py",
             "import os, uos, time, gc\n"
             "u = os.uname()\nprint(u.sysname, u.machine, u.nodename)\n"
             "print([n for n, t, *_ in os.ilistdir('/opt') if t == 0x8000 and n.startswith('ost')])\n"
             "print(os.statvfs('/')[0] > 0, len(uos.urandom(5)))\n"
             "t = time.ticks_ms()\nprint(time.ticks_diff(time.ticks_add(t, 250), t))\n"
             "print(time.localtime(86400 * 365)[:3], gc.threshold())\n")
    assert upyos.run("/opt/ostime.py") == (
        "upyOS posix posix-sim\n['ostime.py']\nTrue 5\n250\n(1971, 1, 1) -1\n")


def test_a_program_that_starts_with_proc_none_has_its_proc_in_main(upyos, rootdir):
    put_file(rootdir, "/opt/upy.py",
             "proc = None    # set by the system, as upyOS programs say\n"
             "print('body', proc)\n"
             "def __main__(args):\n    print('main', proc.sts, proc.args)\n")
    assert upyos.run("/opt/upy.py x") == "body None\nmain R ['x']\n"
