#!/usr/bin/env python3
# The hostile inputs of issue 9 (round 2), run against a build of hwcheck: prints each input and whether it
# misbehaved (a crash, a hang, a wrong exit code, a copy left in TMPDIR, raw escapes, a report lost), then the
# count. Usage: python3 Tests/hostile-inputs.py .build/debug/hwcheck   (hwcheck-inventory must sit beside it)
# Before the fixes of issue 9: 96 tried, 68 misbehaved; after: 0. Every finding also has a test in
# HostileRoundTwoTests / HostileReaderTests / HostileRoundTwoCoreTests; this script is the wider sweep.
import os, sys, subprocess, shutil, signal, tempfile, time, json, sqlite3
BIN = os.path.abspath(sys.argv[1])
FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
W = tempfile.mkdtemp(prefix='attack-')
TMP = os.path.join(W, 'tmp'); os.mkdir(TMP)
def hdr(name, size, typ=b'0', mode=b'0000644\0', sizefield=None, link=b''):
    b = bytearray(512); b[0:len(name)] = name; b[100:108] = mode; b[108:116] = b'0000000\0'; b[116:124] = b'0000000\0'
    b[124:136] = sizefield if sizefield is not None else b'%011o\0' % size; b[136:148] = b'00000000000\0'; b[156:157] = typ
    b[157:157+len(link)] = link; b[257:263] = b'ustar\0'; b[263:265] = b'00'
    b[148:156] = b' ' * 8; s = sum(b); b[148:156] = b'%06o\0 ' % s; return bytes(b)
def pad(d): return d + b'\0' * ((512 - len(d) % 512) % 512)
END = b'\0' * 1024
def f(name, data):
    p = os.path.join(W, name); open(p, 'wb').write(data); return p
def run(args, timeout=60, env=None):
    e = dict(os.environ, TMPDIR=TMP, NO_COLOR='1', LANG='C.UTF-8'); e.update(env or {})
    try:
        r = subprocess.run([BIN] + args, capture_output=True, timeout=timeout, env=e, stdin=subprocess.DEVNULL)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', b'', b''
results = []
def case(name, args, ok, **kw):
    rc, out, err = run(args, **kw)
    left = [n for n in os.listdir(TMP)]
    for n in left: shutil.rmtree(os.path.join(TMP, n), ignore_errors=True); 
    good = rc != 'timeout' and isinstance(rc, int) and rc >= 0 and rc < 128 and not left and ok(rc, out, err)
    results.append((name, good, rc, err[:120]))
bad_exit = lambda *codes: (lambda rc, out, err: rc in codes and out == b'' and err.count(b'\n') == 1)
seed = os.path.join(FIX, 'seed-m903g6g4/root'); vm = os.path.join(FIX, 'qemu-vm-virtio/root')
subprocess.run([BIN, 'bundle', '--sysroot', vm, '-o', os.path.join(W, 'vm.tar')], check=True)
vmtar = open(os.path.join(W, 'vm.tar'), 'rb').read()
tars = {
 'pax "1 "': hdr(b'x', 2, b'x') + pad(b'1 ') + hdr(b'f', 0) + END,
 'pax "2 "': hdr(b'x', 2, b'x') + pad(b'2 ') + hdr(b'f', 0) + END,
 'pax "3 x"': hdr(b'x', 3, b'x') + pad(b'3 x') + hdr(b'f', 0) + END,
 'pax length 0': hdr(b'x', 9, b'x') + pad(b'0 path=x\n') + hdr(b'f', 0) + END,
 'pax length short': hdr(b'x', 5, b'x') + pad(b'4 a=b') + hdr(b'f', 0) + END,
 'pax length huge': hdr(b'x', 19, b'x') + pad(b'99999999999 path=x\n') + hdr(b'f', 0) + END,
 'pax no newline': hdr(b'x', 12, b'x') + pad(b'12 path=abcd') + hdr(b'f', 0) + END,
 'pax empty key': hdr(b'x', 9, b'x') + pad(b'9 =value\n') + hdr(b'f', 0) + END,
 'mode -000001': hdr(b'f', 0, mode=b'-000001\0') + END,
 'mode 0000009': hdr(b'f', 0, mode=b'0000009\0') + END,
 'size negative': hdr(b'f', 0, sizefield=b'-0000000001\0') + END,
 'size base-256': hdr(b'f', 0, sizefield=b'\x80' + b'\0' * 10 + b'\x01') + END,
 'size 8 GiB claim': hdr(b'sys/f', 0, sizefield=b'77777777777\0') + END,
 'size 300 MiB claim': hdr(b'sys/f', 300 << 20) + END,
 'all zero 10 KiB': b'\0' * 10240,
 'empty file': b'',
 'one zero block': b'\0' * 512,
 'cut after header': hdr(b'sys/f', 100) + b'abc',
 'absolute path': hdr(b'/etc/evil', 0) + END,
 'dot-dot path': hdr(b'sys/../../evil', 0) + END,
 'pax path with ..': hdr(b'x', 18, b'x') + pad(b'18 path=../evil1\n') + hdr(b'f', 0) + END,
 'link then file through it': hdr(b'sys', 0, b'2', link=b'/tmp') + hdr(b'sys/hwcheck-attack', 1) + pad(b'x') + END,
 'no sys in archive': hdr(b'x', 1) + pad(b'x') + END,
 'garbage text': b'this is not a tar archive\n' * 100,
}
for name, data in tars.items():
    p = f('t.tar', data)
    case('sysroot ' + name, ['--sysroot', p, '--json'], bad_exit(65))
    case('bundle --sysroot ' + name, ['bundle', '--sysroot', p, '-o', os.path.join(W, 'o.tar')], bad_exit(65))
    if os.path.exists(os.path.join(W, 'o.tar')): os.unlink(os.path.join(W, 'o.tar'))
bomb = vmtar[:-1024] + b''.join(hdr(b'bomb/f%d' % i, 0) for i in range(110000)) + END
p = f('bomb.tar', bomb)
case('sysroot tar bomb 110,000 entries', ['--sysroot', p, '--json'], bad_exit(65))
os.mkdir(os.path.join(W, 'empty'))
os.mkdir(os.path.join(W, 'sysfile')); open(os.path.join(W, 'sysfile/sys'), 'w').write('x')
os.mkfifo(os.path.join(W, 'fifo.tar'))
for name, path, codes in [("''", '', (64,)), ('empty dir', os.path.join(W, 'empty'), (65,)), ('/dev/zero', '/dev/zero', (65,)),
                          ('/dev/null', '/dev/null', (65,)), ('FIFO', os.path.join(W, 'fifo.tar'), (65,)),
                          ('sys is a file', os.path.join(W, 'sysfile'), (65,))]:
    case('sysroot ' + name, ['--sysroot', path], bad_exit(*codes), timeout=20)
    case('bundle --sysroot ' + name, ['bundle', '--sysroot', path, '-o', os.path.join(W, 'o2.tar')], bad_exit(*codes), timeout=20)
# reports
report = open(os.path.join(FIX, 'seed-m903g6g4/expected/report.json')).read()
compact = json.dumps(json.loads(report), separators=(',', ':'), sort_keys=True)
other = json.loads(report); other['hostId'] = '11111111-2222-3333-4444-555555555555'; other['binding']['B1'] = 'OTHER'
other = json.dumps(other, separators=(',', ':'), sort_keys=True)
for label, value in [('2^63', '9223372036854775808'), ('-(2^63+1)', '-9223372036854775809'), ('10^30', '1000000000000000000000000000000')]:
    p = f('big.jsonl', (compact.replace('"schemaVersion":1', '"schemaVersion":' + value) + '\n' + other + '\n').encode())
    case('fleet schemaVersion ' + label, ['fleet', p, '--format', 'json'], lambda rc, out, err: rc == 0 and b'"read": 1' in out.replace(b'"read":1', b'"read": 1'))
    db = os.path.join(W, 'big.db')
    case('fleet import schemaVersion ' + label, ['fleet', 'import', '--db', db, p], lambda rc, out, err: rc == 0 and out.startswith(b'imported 1 '))
    if os.path.exists(db): os.unlink(db)
    r = f('r.csv', b'id,biosSerial\nr1,OTHER\n')
    case('trace --reports schemaVersion ' + label, ['trace', r, '--reports', p], lambda rc, out, err: rc == 0)
p = f('bom.jsonl', b'\xef\xbb\xbf' + (compact + '\n' + other + '\n').encode())
case('fleet BOM first line', ['fleet', p, '--format', 'json'], lambda rc, out, err: rc == 0 and b'"read":2' in out.replace(b' ', b''))
p = f('long.jsonl', ('{"pad":"' + 'x' * (65 << 20) + '"}\n' + compact + '\n' + other + '\n').encode())
case('fleet document over 64 MB then two reports', ['fleet', p, '--format', 'json'], lambda rc, out, err: rc == 0 and b'"read":2' in out.replace(b' ', b''), timeout=120)
os.unlink(p)
d = os.path.join(W, 'dir'); os.mkdir(d); open(os.path.join(d, 'a.json'), 'w').write(report)
os.symlink('.', os.path.join(d, 'l1')); os.symlink('.', os.path.join(d, 'l2')); os.symlink('.', os.path.join(d, 'l3'))
case('fleet DIR with links to .', ['fleet', d, '--format', 'json'], lambda rc, out, err: rc == 0 and b'"read":1' in out.replace(b' ', b''), timeout=30)
d2 = os.path.join(W, 'dir2'); os.mkdir(d2); open(os.path.join(d2, 'a.json'), 'w').write(report); os.mkfifo(os.path.join(d2, 'b.json'))
case('fleet DIR with a FIFO', ['fleet', d2, '--format', 'json'], lambda rc, out, err: rc == 0 and b'not a regular file' in err, timeout=20)
d3 = os.path.join(W, 'dir3'); os.mkdir(d3); open(os.path.join(d3, 'a.json'), 'w').write(report); os.symlink('/dev/zero', os.path.join(d3, 'z.json'))
case('fleet DIR with a link to /dev/zero', ['fleet', d3, '--format', 'json'], lambda rc, out, err: rc == 0 and b'not a regular file' in err, timeout=20)
case('fleet /dev/zero', ['fleet', '/dev/zero'], lambda rc, out, err: rc == 65, timeout=20)
# inventory
good = f('good.jsonl', (compact + '\n').encode())
db = os.path.join(W, 'c.db')
subprocess.run([BIN, 'fleet', 'import', '--db', db, good], capture_output=True)
con = sqlite3.connect(db); con.execute('PRAGMA wal_checkpoint(TRUNCATE)'); root = con.execute("select rootpage from sqlite_master where name='reports'").fetchone()[0]; con.close()
with open(db, 'r+b') as fh: fh.seek((root - 1) * 16384); fh.write(b'\xa5' * 16384)
o = f('o.jsonl', (other + '\n').encode())
case('fleet import damaged page', ['fleet', 'import', '--db', db, o], lambda rc, out, err: rc == 65)
db2 = os.path.join(W, 'none.db')
case('fleet import only missing inputs', ['fleet', 'import', '--db', db2, '/nonexistent/x'], lambda rc, out, err: rc == 66 and not os.path.exists(db2))
db3 = os.path.join(W, 'locked.db'); subprocess.run([BIN, 'fleet', 'import', '--db', db3, good], capture_output=True)
holder = sqlite3.connect(db3, isolation_level=None, check_same_thread=False); holder.execute('BEGIN IMMEDIATE')
def release(): time.sleep(2); holder.execute('ROLLBACK')
import threading; t = threading.Thread(target=release); t.start()
case('second concurrent fleet import', ['fleet', 'import', '--db', db3, o], lambda rc, out, err: rc == 0)
t.join()
# trace
dbt = os.path.join(W, 't.db'); subprocess.run([BIN, 'fleet', 'import', '--db', dbt, good], capture_output=True)
r = f('r1.csv', b'id,biosSerial\nr1,M903G6G4\n')
case('trace --db source names the database', ['trace', r, '--db', dbt], lambda rc, out, err: rc == 0 and b'hwcheck-latest' not in out and dbt.encode() in out)
case('trace empty records', ['trace', f('e.csv', b''), '--reports', good], bad_exit(65))
case('trace header-only records', ['trace', f('h.csv', b'id,biosSerial\n'), '--reports', good], bad_exit(65))
case('trace ESC/BEL in record id', ['trace', f('esc.csv', b'id,biosSerial\nr\x1b[2J\x07,M903G6G4\n'), '--reports', good], lambda rc, out, err: rc == 0 and b'\x1b' not in out and b'\x07' not in out)
case('trace /dev/zero records', ['trace', '/dev/zero', '--reports', good], lambda rc, out, err: rc == 65, timeout=30)
case('trace --map-file /dev/zero', ['trace', r, '--reports', good, '--map-file', '/dev/zero'], lambda rc, out, err: rc == 65, timeout=30)
# spec
spec = subprocess.run([BIN, 'spec'], capture_output=True).stdout.decode()
case('spec over 1 MiB, valid', ['--sysroot', seed, '--spec', f('big.json', (' ' * (2 << 20) + spec).encode())], lambda rc, out, err: rc == 1)
case('spec repeated key', ['--sysroot', seed, '--spec', f('dup.json', spec.replace('"specVersion": 1,', '"specVersion": 1, "specVersion": 1,').encode())], bad_exit(65))
case('spec ESC in row id', ['--sysroot', seed, '--spec', f('escid.json', spec.replace('"id": "B1"', '"id": "B1\\u001b[2J"').encode())], lambda rc, out, err: b'\x1b' not in out and b'\x1b' not in err and rc == 65)
case('spec /dev/zero', ['--spec', '/dev/zero', '--sysroot', seed], lambda rc, out, err: rc in (65, 66), timeout=30)
# sysroot content
nu = os.path.join(W, 'nu'); shutil.copytree(os.path.join(FIX, 'no-udev-database/root'), nu, symlinks=True)
os.unlink(os.path.join(nu, 'usr/share/misc/pci.ids')); os.mkfifo(os.path.join(nu, 'usr/share/misc/pci.ids'))
case('pci.ids FIFO (check)', ['--sysroot', nu], lambda rc, out, err: rc in (0, 1, 2), timeout=20)
case('pci.ids FIFO (bundle)', ['bundle', '--sysroot', nu, '-o', os.path.join(W, 'nu.tar')], lambda rc, out, err: rc == 0, timeout=20)
mi = os.path.join(W, 'mi'); shutil.copytree(vm, mi, symlinks=True)
orig = open(os.path.join(mi, 'proc/self/mountinfo')).read()
open(os.path.join(mi, 'proc/self/mountinfo'), 'w').write(''.join('%d 28 0:%d / /run/user/%d rw - tmpfs tmpfs rw\n' % (1000 + i, 100 + i % 50, i) for i in range(40000)) + orig)
ref = run(['--sysroot', vm, '--json'])[1]
case('mountinfo over 1 MiB, "/" last', ['--sysroot', mi, '--json'], lambda rc, out, err: out == ref)
# signals
big = f('big.tar', vmtar[:-1024] + b''.join(hdr(b'padding/f%d' % i, 0) for i in range(60000)) + END)
def interrupted_leaves_nothing(sig, argv, what):
    """Starts argv, sends sig once its temporary copy exists, and records whether the copy was removed."""
    pr = subprocess.Popen(argv, env=dict(os.environ, TMPDIR=TMP), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(20000):
        if os.listdir(TMP): break
        time.sleep(0.0005)
    pr.send_signal(sig); pr.wait()
    left = os.listdir(TMP)
    for n in left: shutil.rmtree(os.path.join(TMP, n), ignore_errors=True)
    results.append(('%s during %s' % (sig.name, what), not left, pr.returncode, b''))

for sig in (signal.SIGTERM, signal.SIGINT):
    interrupted_leaves_nothing(sig, [BIN, '--sysroot', big, '--json'], '--sysroot ARCHIVE')
    interrupted_leaves_nothing(sig, [BIN, 'bundle', '--sysroot', big, '-o', os.path.join(W, 'bb.tar')], 'bundle --sysroot ARCHIVE')
failed = [r for r in results if not r[1]]
for name, good, rc, err in results:
    print(('ok  ' if good else 'BAD ') + name + '  rc=' + str(rc) + ('  ' + err.decode(errors='replace').strip().split('\n')[0][:100] if not good else ''))
print('tried %d, misbehaved %d' % (len(results), len(failed)))
shutil.rmtree(W, ignore_errors=True)
