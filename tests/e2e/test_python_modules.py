"""The modules a Python program gets from the system: sdata (shared by every program and the
shell's `>`/`<` lines), utls (the shell's variables and file helpers), os and time as the
system serves them."""
import os

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


def test_utls_upyos_helpers(upyos, rootdir):
    """The rest of upyOS's utls: configuration files, hashes, dates, the board's pins, log."""
    put_file(rootdir, "/opt/conf.json", '{"ssid": "net", "port": 8080, "on": true, "ratio": 0.5, "list": [1, null]}')
    put_file(rootdir, "/opt/helpers.py",
             "import utls, hashlib, binascii, sdata\n"
             "c = utls.load_conf_file('conf.json')\n"
             "print(sorted(c.items()))\n"
             "c['port'] = 9090\nutls.save_conf_file(c, 'saved.json')\n"
             "print(utls.load_conf_file('/opt/saved.json') == c)\n"
             "want = binascii.hexlify(hashlib.sha1(b'abc').digest()).decode()\n"
             "print(utls.sha1('abc') == want, utls.sha1(''), utls.sha1('conf.json', True) == "
             "binascii.hexlify(hashlib.sha1(open('conf.json', 'rb').read()).digest()).decode())\n"
             "print(utls.date2s(86400 * 365 + 3600 * 5), utls.time2s(3 * 86400 + 3723, 'e'), utls.time2s(3723))\n"
             "print(utls.getgpio('D21'), utls.getgpio('nope'), sorted(utls.getgpios('i2c', 0).items()))\n"
             "print(utls.get_mode('/opt'), utls.get_mode('/nope'), utls.get_stat('conf.json')[6], utls.get_stat('/nope')[0])\n"
             "print(utls.protected('/etc/system.conf'), utls.protected('conf.json'), utls.mac2Str(b'\\x01\\xab\\xff'))\n"
             "utls.log('quiet', 'not shown')\nsdata.log = True\nutls.log('net', 'up')\nsdata.log = False\n"
             "try:\n    utls.load_conf_file('/nope.json')\nexcept OSError as e:\n    print('OSError', e.errno)\n"
             "try:\n    utls.save_conf_file({'f': print}, 'bad.json')\nexcept TypeError:\n    print('TypeError')\n")
    upyos.run("cd /opt")
    conf_size = os.path.getsize(os.path.join(rootdir, "opt/conf.json"))
    assert upyos.run("helpers.py") == (
        "[('list', [1, None]), ('on', True), ('port', 8080), ('ratio', 0.5), ('ssid', 'net')]\n"
        "True\n"
        "True  True\n"
        "01/1/1971   3d 01:02:03 01:02:03\n"
        "21 0 [('scl', 22), ('sda', 21)]\n"
        "16384 0 %d 0\n"
        "True False 01:AB:FF\n"
        "net: up\n"
        "OSError 2\n"
        "TypeError\n" % conf_size)
