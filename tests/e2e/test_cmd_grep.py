"""grep's patterns: POSIX basic regular expressions by default, -E extended, -F plain strings
(what upyOS's grep takes); a bad pattern is an error, never a crash."""

LOG = ("boot ok\n"
       "temp=21.5\n"
       "temp=9.75\n"
       "error: disk full\n"
       "warning: disk 90%\n"
       "a+b=c\n"
       "[info] done\n")


def test_basic_and_extended_patterns(boot_with_files):
    upyos = boot_with_files({"/log.txt": LOG})
    assert upyos.run("grep '^temp=[0-9][0-9]*\\.' /log.txt") == "temp=21.5\ntemp=9.75\n"
    assert upyos.run("grep -E '^temp=[0-9]{2}' /log.txt") == "temp=21.5\n"
    assert upyos.run("grep -E 'error|warning' /log.txt") == "error: disk full\nwarning: disk 90%\n"
    assert upyos.run("grep 'error\\|warning' /log.txt") == "error: disk full\nwarning: disk 90%\n"
    assert upyos.run("grep 'full$' /log.txt") == "error: disk full\n"
    assert upyos.run("grep -v -E '^[a-z]+[:=]' /log.txt") == "boot ok\na+b=c\n[info] done\n"
    assert upyos.run("grep -i -E '^(BOOT|A\\+B)' /log.txt") == "boot ok\na+b=c\n"
    # + is a literal in a basic expression, an operator in an extended one
    assert upyos.run("grep 'a+b' /log.txt") == "a+b=c\n"
    assert upyos.run("grep -E 'a+b' /log.txt") == ""
    # -F: the pattern is a plain string, as upyOS's grep takes it
    assert upyos.run("grep -F '[info]' /log.txt") == "[info] done\n"
    assert upyos.run("grep '[info]' /log.txt") == "boot ok\nerror: disk full\nwarning: disk 90%\n[info] done\n"
    assert upyos.run("cat /log.txt | grep -n -E '[0-9]+%'") == "5:warning: disk 90%\n"


def test_bad_patterns_are_errors(upyos):
    assert upyos.run("grep '[abc' /etc/init.sh") == "grep: [abc: unmatched [\n"
    assert upyos.run("echo $?") == "2\n"
    assert upyos.run("grep -E '(ab' /etc/init.sh") == "grep: (ab: unmatched (\n"
    assert upyos.run("grep '[[:nope:]]' /etc/init.sh") == "grep: [[:nope:]]: unknown character class\n"
    assert upyos.run("grep -E '(a{255}){255}' /etc/init.sh") == \
        "grep: (a{255}){255}: pattern too complex\n"
    assert upyos.run("grep") == "grep: missing PATTERN to look for\n"


def test_counts_and_file_names(boot_with_files):
    upyos = boot_with_files({"/g/a.txt": "temp=1\ntemp=2\nok\n", "/g/b.txt": "nothing here\n",
                             "/g/sub/c.txt": "temp=3\n"})
    assert upyos.run("grep -c temp /g/a.txt") == "2\n"
    assert upyos.run("grep -c temp /g") == "/g/a.txt:2\n/g/b.txt:0\n"
    assert upyos.run("grep -l -r '^temp=[0-9]$' /g") == "/g/a.txt\n/g/sub/c.txt\n"
    assert upyos.run("grep -l temp /g/b.txt") == ""
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("cat /g/a.txt | grep -c -v temp") == "1\n"
    assert upyos.run("cat /g/a.txt | grep -l ok") == "(standard input)\n"


def test_long_lines_are_matched_and_counted_whole(boot_with_files):
    # a 7 KB line whose match straddles byte 4,095, where lines used to be cut in two
    long_line = "a" * 4090 + "NEEDLE" + "b" * 3000
    upyos = boot_with_files({"/long.txt": "first\n" + long_line + "\nlast line\n",
                             "/huge.txt": "x" * 20000 + "\nafter\n"})
    assert upyos.run("grep -c NEEDLE /long.txt") == "1\n"
    assert upyos.run("grep -c b /long.txt") == "1\n"
    assert upyos.run("grep -n last /long.txt") == "3:last line\n"
    assert upyos.run("grep -c . /long.txt") == "3\n"
    assert upyos.run("grep NEEDLE /long.txt > /found.txt") == ""
    assert open(upyos.host_path("/found.txt")).read() == long_line + "\n"
    assert upyos.run("cat /long.txt | grep -n -c NEEDLE") == "1\n"
    # past the 16 KB line limit: an error, never a line cut in pieces
    assert upyos.run("grep -c after /huge.txt; echo $?") == \
        "grep: /huge.txt: line too long\n2\n"
