// NetworkInterface on virtual time: the firmware reads the interface's status and network name, and its attached
// callback hears each change (in interrupt context, posting to a queue) as the host's fleet session comes and goes.
import { beforeAll, describe, expect, it } from 'vitest';
import { NetStatus } from '../../../src/runtime/abi/abiSpec';
import { bootFirmware, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
EventQueue queue;
NetworkInterface* net = NetworkInterface::get_default_instance();

void show(intptr_t status) {
    char name[NetworkInterface::kNameBytes], words[96];
    printf("status %d now %d name [%s]\\n", static_cast<int>(status), static_cast<int>(net->get_connection_status()),
           net->get_network_name(name, sizeof name));
    printf("said %s\\n", net->describe(words, sizeof words));
}

int main() {
    char tiny[6];
    printf("boot %d [%s]\\n", static_cast<int>(net->get_connection_status()), net->get_network_name(tiny, sizeof tiny));
    net->attach([](nsapi_event_t event, intptr_t status) {
        if (event == NSAPI_EVENT_CONNECTION_STATUS_CHANGE) queue.call(show, status);
    });
    queue.call_every(std::chrono::milliseconds(500), [] {
        char tiny[6];
        printf("poll [%s]\\n", net->get_network_name(tiny, sizeof tiny));
    });
    queue.dispatch_forever();
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(1_000);
});

const lines = (prefix: string) =>
  board
    .serial()
    .split('\n')
    .filter((l) => l.startsWith(prefix));

describe('NetworkInterface', () => {
  it('starts disconnected, with no network name', () => {
    expect(board.serial()).toContain(`boot ${NetStatus.DISCONNECTED} []`);
  });

  it('calls the attached callback on each change, with the status and the network it names', () => {
    const { network } = board.sim.board;
    network.setStatus(NetStatus.CONNECTING, 'workshop w1, device d-7');
    board.sim.runFor(1_000);
    network.setStatus(NetStatus.GLOBAL_UP);
    board.sim.runFor(1_000);
    network.setStatus(NetStatus.CONNECTING);
    network.setStatus(NetStatus.GLOBAL_UP); // two changes before the firmware runs: both are heard
    board.sim.runFor(1_000);
    expect(lines('status')).toEqual([
      `status ${NetStatus.CONNECTING} now ${NetStatus.CONNECTING} name [workshop w1, device d-7]`,
      `status ${NetStatus.GLOBAL_UP} now ${NetStatus.GLOBAL_UP} name [workshop w1, device d-7]`,
      `status ${NetStatus.CONNECTING} now ${NetStatus.GLOBAL_UP} name [workshop w1, device d-7]`,
      `status ${NetStatus.GLOBAL_UP} now ${NetStatus.GLOBAL_UP} name [workshop w1, device d-7]`,
    ]);
    expect(lines('said').slice(0, 2)).toEqual([
      'said connecting to workshop w1, device d-7',
      'said connected to workshop w1, device d-7',
    ]);
  });

  it('cuts the name to the buffer it is given', () => {
    board.sim.runFor(600_000);
    expect(lines('poll').at(-1)).toBe('poll [works]');
  });

  it('forgets the network when the session ends', () => {
    board.sim.board.network.setStatus(NetStatus.DISCONNECTED);
    board.sim.runFor(1_000);
    expect(lines('status').at(-1)).toBe(`status ${NetStatus.DISCONNECTED} now ${NetStatus.DISCONNECTED} name []`);
    expect(lines('said').at(-1)).toBe('said disconnected');
  });
});
