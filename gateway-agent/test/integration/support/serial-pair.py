# Two linked pseudo-terminals: a virtual serial cable for Modbus RTU tests. Prints both device paths,
# then copies bytes between them until killed.
import os, pty, select, sys, tty
m1, s1 = pty.openpty(); m2, s2 = pty.openpty()
for fd in (s1, s2): tty.setraw(fd)
print(os.ttyname(s1)); print(os.ttyname(s2)); sys.stdout.flush()
while True:
    r, _, _ = select.select([m1, m2], [], [])
    for fd in r:
        data = os.read(fd, 4096)
        os.write(m2 if fd == m1 else m1, data)
