// mbed_version.h — the Mbed OS release whose API this simulator follows.
#ifndef MBED_VERSION_H
#define MBED_VERSION_H

#define MBED_MAJOR_VERSION 6
#define MBED_MINOR_VERSION 16
#define MBED_PATCH_VERSION 0

#define MBED_ENCODE_VERSION(major, minor, patch) ((major)*10000 + (minor)*100 + (patch))
#define MBED_VERSION MBED_ENCODE_VERSION(MBED_MAJOR_VERSION, MBED_MINOR_VERSION, MBED_PATCH_VERSION)

#endif
