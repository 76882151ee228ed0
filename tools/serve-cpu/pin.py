"""Keeps a file in the OS cache while it runs: maps it and locks the mapping in memory (needs
root or CAP_IPC_LOCK). Used for the sixth measurement in BENCHMARKS.md, on a host whose proactive
reclaim kept evicting the benchmark database. Usage: python3 tools/serve-cpu/pin.py FILE &"""
import ctypes, os, signal, sys, time

fd = os.open(sys.argv[1], os.O_RDONLY)
size = os.fstat(fd).st_size
libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
PROT_READ, MAP_SHARED = 1, 1
address = libc.mmap(None, size, PROT_READ, MAP_SHARED, fd, 0)
if address in (None, ctypes.c_void_p(-1).value):
    sys.exit("mmap failed: errno %d" % ctypes.get_errno())
started = time.time()
if libc.mlock(ctypes.c_void_p(address), ctypes.c_size_t(size)) != 0:
    sys.exit("mlock failed: errno %d" % ctypes.get_errno())
print("%s: %d bytes locked in memory in %.1f s" % (sys.argv[1], size, time.time() - started), flush=True)
signal.pause()
