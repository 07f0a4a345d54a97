// zlib, for the inventory's stored reports (compressed as SQLite's sqlar format: zlib's compress/uncompress).
#include <zlib.h>
