"""docs/commands.md is generated from the COMMAND declarations (`make docs`): it must be current."""
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(REPO, "build", "posix")


def test_commands_md_matches_the_declarations():
    subprocess.run(["cmake", "-S", REPO, "-B", BUILD, "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], check=True, capture_output=True)
    subprocess.run(["ninja", "-C", BUILD, "--quiet", "commands_md"], check=True,
                   capture_output=True)
    generated = subprocess.run([os.path.join(BUILD, "tools/commands_md")],
                               check=True, capture_output=True, text=True).stdout
    with open(os.path.join(REPO, "docs", "commands.md"), encoding="utf-8") as f:
        current = f.read()
    assert "## ls" in generated
    assert current == generated, "docs/commands.md is stale: run `make docs`"
