#ifndef HWCHECK_CPCI_SHIM_H
#define HWCHECK_CPCI_SHIM_H
// libpci, used only to turn PCI vendor/device ids into names (pciutils lib/names.c).
// Swift cannot call the variadic pci_lookup_name(), and libpci's default error handler exits the process:
// these fixed-arity wrappers fix both, with setjmp/longjmp (Swift has no way to unwind a C callback that must
// not return). hwcheck_pci_open_text also lives here because memfd_create is reached only through the variadic
// syscall() (glibc declares the wrapper only under _GNU_SOURCE).
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/memfd.h>
#include <sys/syscall.h>
#include <unistd.h>

// A function-local static: Swift's importer emits inline functions, not file-scope variables of a header.
static inline jmp_buf *hwcheck_pci_jump(void) {
    static __thread jmp_buf jump;
    return &jump;
}

static void hwcheck_pci_error(char *msg, ...) {
    (void)msg;
    longjmp(*hwcheck_pci_jump(), 1);  // libpci's error() must not return
}

static void hwcheck_pci_ignore(char *msg, ...) { (void)msg; }

/// Opens libpci for name look-ups only: the sysfs method is forced so libpci never falls back to
/// the host's /proc/bus/pci, and udev's hwdb is never asked, so names come from `ids_path` alone.
/// Returns NULL when libpci reports an error.
static inline struct pci_access *hwcheck_pci_open(const char *sysfs_path, const char *ids_path) {
    struct pci_access *access = pci_alloc();
    if (access == NULL) return NULL;
    access->error = hwcheck_pci_error;
    access->warning = hwcheck_pci_ignore;
    access->debug = hwcheck_pci_ignore;
    access->method = PCI_ACCESS_SYS_BUS_PCI;
    if (setjmp(*hwcheck_pci_jump()) != 0) {
        // libpci gave up (a malformed pci.ids: error() comes after the file is closed and the list is consistent).
        access->error = hwcheck_pci_ignore;  // pci_cleanup() does not call it; never longjmp to a stale buffer
        pci_cleanup(access);
        return NULL;
    }
    pci_set_param(access, "sysfs.path", (char *)sysfs_path);
    pci_set_param(access, "net.cache_name", "");  // never read or write ~/.pciids-cache (names-cache.c)
    pci_set_name_list_path(access, strdup(ids_path), 1 /* libpci keeps the pointer and frees it */);
    pci_init(access);
    // Parse the database here, once: libpci calls error() on a malformed pci.ids, and a handle it failed on is
    // left half-loaded (the next look-up went on into the ID cache code: getpwuid(), an nscd connect). On an
    // error this returns NULL and the handle is never used again. A missing file is no error: no names.
    pci_load_name_list(access);
    // Nor look anything up in that cache: an ID missing from pci.ids would otherwise go on to
    // pci_id_cache_load(), getpwuid() and an nscd connect (names.c id_lookup, names-cache.c).
    access->id_lookup_mode = 0;
    access->id_cache_status = 1;  // "already loaded": id_lookup never calls pci_id_cache_load()
    return access;
}

/// Like hwcheck_pci_open, for a database given as text: an excerpt of pci.ids (one vendor's block) handed to
/// libpci through an anonymous in-memory file, so libpci parses kilobytes instead of all of pci.ids. Returns
/// NULL when the memory file cannot be made or libpci reports an error.
static inline struct pci_access *hwcheck_pci_open_text(const char *sysfs_path, const unsigned char *text, size_t length) {
    // The raw system call: glibc declares memfd_create() only under _GNU_SOURCE, which would change the system
    // headers this module shares with CUdev and CEthtool.
    int fd = (int)syscall(SYS_memfd_create, "pci.ids", MFD_CLOEXEC);
    if (fd < 0) return NULL;
    size_t written = 0;
    while (written < length) {
        ssize_t count = write(fd, text + written, length - written);
        if (count <= 0) { close(fd); return NULL; }
        written += (size_t)count;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    struct pci_access *access = hwcheck_pci_open(sysfs_path, path);  // parses the list before returning
    close(fd);
    return access;
}

/// Vendor and device names from the ID database, or NULL where the database has no entry.
static inline const char *hwcheck_pci_lookup(struct pci_access *access, char *buffer, int size,
                                             int which, unsigned vendor, unsigned device) {
    if (setjmp(*hwcheck_pci_jump()) != 0) return NULL;
    int flags = which | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;
    if (which == PCI_LOOKUP_VENDOR) return pci_lookup_name(access, buffer, size, flags, vendor);
    return pci_lookup_name(access, buffer, size, flags, vendor, device);
}
#endif
