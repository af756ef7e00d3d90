#!/usr/bin/env python3
"""atgc init -i on a terminal (issue 18), through a pseudo-terminal: the
questions (spec, output, runner, base URL), an answer atgc does not take asked
again, the atgc.yml written from the answers; atgc.yml never overwritten
without -f; input that ends early writes nothing; -i refused off a terminal.
usage: init-tty.py ATGC SPEC WORKDIR.  Prints "init-tty: N passed, N failed"."""
import os
import pty
import shutil
import subprocess
import sys

atgc, spec, work = sys.argv[1:4]
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"init-tty: FAIL {what}" + (f"\n{detail}" if detail else ""))


def converse(args, answers):
    """Run atgc with a pty as its stdin and stdout; send each answer once its prompt ("...]:") shows, then ^D
    (the end of input, on a terminal) at the next prompt if one comes.  Returns (exit status, what the
    terminal showed)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(work)
        os.execv(atgc, [atgc] + args)
    shown = b""

    def until_prompt(n):
        nonlocal shown
        while shown.count(b"]:") < n:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the other end closed: atgc exited
                return False
            if not chunk:
                return False
            shown += chunk
        return True

    for i, a in enumerate(answers):
        if not until_prompt(i + 1):
            break
        os.write(fd, a.encode() + b"\n")
    else:
        if until_prompt(len(answers) + 1):
            os.write(fd, b"\x04")
    until_prompt(10**9)  # the rest, to atgc's exit
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
shutil.copy(spec, os.path.join(work, "petstore.yaml"))
yml = os.path.join(work, "atgc.yml")

# answers atgc takes after ones it does not
code, shown = converse(["init", "-i"], ["nope.yaml", "petstore.yaml", "out/suite", "mocha", "vitest", "ftp://x",
                                        "https://staging.example.com"])
check(code == 0, "init -i exits 0", shown)
for q in ["The API description to compile []:", "'nope.yaml' cannot be read here", "Where to write the suite",
          "The test runner (jest, vitest or node) [jest]:", "'mocha' is not one of jest, vitest, node",
          "'ftp://x' is not an http:// or https:// URL"]:
    check(q in shown, f"the terminal shows {q!r}", shown)
text = open(yml).read() if os.path.exists(yml) else ""
for line in ['spec: "petstore.yaml"', 'output: "out/suite"', "framework: vitest",
             'export ATGC_BASE_URL="https://staging.example.com"']:
    check(line in text, f"atgc.yml holds {line!r}", text)
# the file it wrote is one a bare atgc compiles
r = subprocess.run([atgc, "-fsyntax-only"], cwd=work, capture_output=True, text=True)
check(r.returncode == 0, "a bare atgc -fsyntax-only reads the atgc.yml init -i wrote", r.stderr)

# never overwritten without -f, asked nothing
code, shown = converse(["init", "-i"], [])
check(code == 2 and "atgc.yml exists; atgc init -f -i overwrites it" in shown and open(yml).read() == text,
      "init -i over an atgc.yml without -f", shown)
# input that ends before the last answer: nothing written, even with -f
code, shown = converse(["init", "-f", "-i"], ["petstore.yaml", "elsewhere"])
check(code == 2 and "nothing is written" in shown and open(yml).read() == text, "init -f -i cut short", shown)
# off a terminal
r = subprocess.run([atgc, "init", "-i"], cwd=work, stdin=subprocess.DEVNULL, capture_output=True, text=True)
check(r.returncode == 2 and "standard input is not one" in r.stderr, "init -i off a terminal", r.stderr)

print(f"init-tty: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
