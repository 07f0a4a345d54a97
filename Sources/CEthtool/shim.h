#ifndef HWCHECK_CETHTOOL_SHIM_H
#define HWCHECK_CETHTOOL_SHIM_H
// The permanent MAC address is not in sysfs; the SIOCETHTOOL ioctl with ETHTOOL_GPERMADDR returns it
// and works without root (linux/ethtool.h). ioctl() is variadic, so Swift calls it through this wrapper.
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/// Copies the permanent address of `ifname` into `out` (up to `capacity` bytes).
/// Returns its length (0: the driver has none), or -errno.
static inline int hwcheck_permanent_address(const char *ifname, unsigned char *out, int capacity) {
    struct {
        struct ethtool_perm_addr header;
        unsigned char data[32];
    } request;
    struct ifreq ifr;
    if (strlen(ifname) >= IFNAMSIZ) return -ENAMETOOLONG;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    memset(&request, 0, sizeof request);
    memset(&ifr, 0, sizeof ifr);
    request.header.cmd = ETHTOOL_GPERMADDR;
    request.header.size = sizeof request.data;
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    ifr.ifr_data = (void *)&request;
    int result = ioctl(fd, SIOCETHTOOL, &ifr);
    int saved = errno;
    close(fd);
    if (result < 0) return -saved;
    int length = (int)request.header.size;
    if (length > capacity) length = capacity;
    memcpy(out, request.data, (size_t)length);
    return length;
}
#endif
