// The board's network interface: whether it is a device of a workshop's fleet, and that network's name. The fleet
// client (src/fleet/FleetDevice, run by the host) sets the status as its MQTT session comes and goes; the firmware
// reads it with sim_net_status and hears each change as SIM_IRQ_NET (Mbed's NetworkInterface status callback).
import { NET_NAME_BYTES, NetStatus, type NetStatusValue } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';

const encoder = new TextEncoder();

export class SimNetwork {
  private current: NetStatusValue = NetStatus.DISCONNECTED;
  private networkName = '';
  private readonly changes = new Listeners<NetStatusValue>();

  get status(): NetStatusValue {
    return this.current;
  }

  get name(): string {
    return this.networkName;
  }

  /** The network's name as sim_net_status writes it: UTF-8, NUL-terminated, at most `maxBytes` with the NUL. */
  nameBytes(maxBytes: number): Uint8Array {
    const room = Math.min(maxBytes, NET_NAME_BYTES);
    if (room <= 0) return new Uint8Array(0);
    let bytes = encoder.encode(this.networkName);
    // Cut on a character boundary, so the firmware never prints half a character.
    for (let end = room - 1; bytes.length > room - 1; end--) bytes = encoder.encode(this.networkName.slice(0, end));
    const out = new Uint8Array(bytes.length + 1);
    out.set(bytes);
    return out;
  }

  /** The host's fleet client reports its session; a change is raised to the firmware. */
  setStatus(status: NetStatusValue, name = this.networkName): void {
    if (!Object.values(NetStatus).includes(status)) throw new Error(`SimNetwork: no status ${String(status)}`);
    const changed = status !== this.current;
    this.current = status;
    this.networkName = status === NetStatus.DISCONNECTED ? '' : name;
    if (changed) this.changes.emit(status);
  }

  /** Called with the new status on every change (the simulator raises SIM_IRQ_NET). */
  addListener(fn: (status: NetStatusValue) => void): () => void {
    return this.changes.add(fn);
  }
}
