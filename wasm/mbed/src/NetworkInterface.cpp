// NetworkInterface.cpp — sim_net_status, and SIM_IRQ_NET delivered to the attached status callback.
#include "NetworkInterface.h"

#include <stdio.h>

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

NetworkInterface::NetworkInterface() { sim_rt::net_irq_set(&NetworkInterface::on_status, this); }

NetworkInterface* NetworkInterface::get_default_instance() {
    static NetworkInterface instance;
    return &instance;
}

nsapi_connection_status_t NetworkInterface::get_connection_status() const {
    return static_cast<nsapi_connection_status_t>(sim_net_status(nullptr, 0));
}

const char* NetworkInterface::get_network_name(char* buffer, size_t size) const {
    if (size > 0) {
        buffer[0] = '\0';
        sim_net_status(buffer, static_cast<uint32_t>(size));
    }
    return buffer;
}

const char* NetworkInterface::describe(char* buffer, size_t size) const {
    char name[kNameBytes];
    switch (static_cast<int32_t>(sim_net_status(name, sizeof name))) {
        case NSAPI_STATUS_GLOBAL_UP:
        case NSAPI_STATUS_LOCAL_UP:
            snprintf(buffer, size, "connected to %s", name);
            break;
        case NSAPI_STATUS_CONNECTING:
            snprintf(buffer, size, "connecting to %s", name);
            break;
        default:
            snprintf(buffer, size, "disconnected");
    }
    return buffer;
}

void NetworkInterface::attach(Callback<void(nsapi_event_t, intptr_t)> status_cb) {
    core_util_critical_section_enter();
    status_cb_ = status_cb;
    core_util_critical_section_exit();
}

void NetworkInterface::on_status(void* self, uint32_t status) {
    NetworkInterface* net = static_cast<NetworkInterface*>(self);
    if (net->status_cb_) {
        net->status_cb_(NSAPI_EVENT_CONNECTION_STATUS_CHANGE, static_cast<intptr_t>(status));
    }
}

}  // namespace mbed
