// NetworkInterface.h — the board's network interface, as Mbed OS's NetworkInterface reports its connection: the
// simulated board is connected while it is a device of a workshop's fleet (docs/fleet.md). The host runs the
// MQTT session; the firmware sees its status, the network's name, and a callback on every change.
//
//   NetworkInterface* net = NetworkInterface::get_default_instance();
//   net->attach([](nsapi_event_t, intptr_t status) { /* interrupt context: post work to an EventQueue */ });
//   if (net->get_connection_status() == NSAPI_STATUS_GLOBAL_UP) { ... }
#ifndef MBED_NETWORKINTERFACE_H
#define MBED_NETWORKINTERFACE_H

#include <stddef.h>
#include <stdint.h>

#include "Callback.h"
#include "NonCopyable.h"
#include "sim_abi.h"

// Mbed OS's connection states (nsapi_types.h), the values of sim_abi.h's SIM_NET_*.
enum nsapi_connection_status_t {
    NSAPI_STATUS_LOCAL_UP = SIM_NET_LOCAL_UP,
    NSAPI_STATUS_GLOBAL_UP = SIM_NET_GLOBAL_UP,
    NSAPI_STATUS_DISCONNECTED = SIM_NET_DISCONNECTED,
    NSAPI_STATUS_CONNECTING = SIM_NET_CONNECTING,
};
enum nsapi_event_t { NSAPI_EVENT_CONNECTION_STATUS_CHANGE = 0 };

namespace mbed {

class NetworkInterface : private NonCopyable<NetworkInterface> {
public:
    // The longest network name, with its NUL.
    static constexpr size_t kNameBytes = SIM_NET_NAME_BYTES;

    // The board's one interface.
    static NetworkInterface* get_default_instance();

    nsapi_connection_status_t get_connection_status() const;
    // Writes the network's name (e.g. "workshop w1a2b3c4d, device d-…"; "" when disconnected) into `buffer`, NUL
    // terminated and cut to `size`, and returns `buffer`.
    const char* get_network_name(char* buffer, size_t size) const;
    // The status in words, for a log line: "connected to <name>", "connecting to <name>" or "disconnected".
    const char* describe(char* buffer, size_t size) const;
    // Calls `status_cb(NSAPI_EVENT_CONNECTION_STATUS_CHANGE, status)` in interrupt context on every change of the
    // connection status (nullptr detaches). As in Mbed OS, the callback must not block: post work to a queue.
    void attach(Callback<void(nsapi_event_t, intptr_t)> status_cb);

private:
    NetworkInterface();
    static void on_status(void* self, uint32_t status);

    Callback<void(nsapi_event_t, intptr_t)> status_cb_;
};

}  // namespace mbed

#endif
