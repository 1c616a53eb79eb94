#!/usr/bin/env python3
"""Drives `dispatchd status --watch` in a real pseudo-terminal (the pty module gives the child
a controlling terminal, so Ctrl-C is a real SIGINT from the line discipline).

usage: watch-pty.py DISPATCHD CONFIG INCOMING INCIDENT_FILE INCIDENT_ID
Checks: the first screen appears; dropping INCIDENT_FILE into INCOMING redraws with
INCIDENT_ID (a change, not the 1-second tick, must bring it within 5 s); the countdown
line is redrawn each second; Ctrl-C exits 0 with the cursor shown and the normal screen
back. Prints one line `ok ...` or `FAIL ...`; exit status 0 only when everything held.
"""
import os, pty, select, shutil, sys, time

binary, config, incoming, incident_file, incident_id = sys.argv[1:6]
env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LC_MESSAGES="")
pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, [binary, "status", "--watch", "--config", config], env)

out = b""
def read_until(predicate, seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        if predicate(out):
            return True
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return predicate(out)

def fail(what):
    print("FAIL", what, repr(out[-600:]))
    try: os.kill(pid, 9)
    except OSError: pass
    sys.exit(1)

if not read_until(lambda o: "按 Ctrl-C 退出".encode() in o, 15): fail("no first screen")
if not out.startswith(b"\x1b[?1049h"): fail("the alternate screen was not entered first")
frames = out.count(b"\x1b[H\x1b[2J")
if not read_until(lambda o: o.count(b"\x1b[H\x1b[2J") >= frames + 2, 5): fail("no redraw each second")
staged = os.path.join(incoming, ".tmp", "watch.json")
shutil.copyfile(incident_file, staged)
os.rename(staged, os.path.join(incoming, "watch.json"))
dropped = time.time()
if not read_until(lambda o: incident_id.encode() in o, 10): fail("the new incident never appeared")
latency = time.time() - dropped
os.write(fd, b"\x03")   # Ctrl-C through the terminal's line discipline
_, status = os.waitpid(pid, 0)
try:
    while True:
        chunk = os.read(fd, 65536)
        if not chunk: break
        out += chunk
except OSError:
    pass
if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0: fail("exit status %r after Ctrl-C" % status)
if not out.rstrip(b"\r\n").endswith(b"\x1b[?25h\x1b[?1049l"): fail("the terminal was not restored")
print("ok: first screen, a redraw each second, the incident %.2fs after the drop, Ctrl-C exits 0 with the terminal restored" % latency)
