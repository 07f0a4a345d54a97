#ifndef HWCHECK_CUDEV_SHIM_H
#define HWCHECK_CUDEV_SHIM_H
// libudev(3). Everything hwcheck needs is fixed-arity, so no wrappers are required here.
#include <libudev.h>
#endif
