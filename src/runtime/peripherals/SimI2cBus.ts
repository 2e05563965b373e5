// An I2C bus: devices answer at their 7-bit address; a transfer to an empty address is NACKed (-1), as on hardware.

export interface I2cDevice {
  readonly name: string;
  readonly address: number;
  /** Master write: returns false to NACK. `nowUs` is the virtual time of the transfer. */
  write(data: Uint8Array, nowUs: number): boolean;
  /** Master read of `length` bytes, or undefined to NACK. */
  read(length: number, nowUs: number): Uint8Array | undefined;
}

export class SimI2cBus {
  private readonly devices = new Map<number, I2cDevice>();

  attach(device: I2cDevice): void {
    if (device.address < 0 || device.address > 0x7f)
      throw new Error(`SimI2cBus: ${device.name} has bad address ${device.address}`);
    const taken = this.devices.get(device.address);
    if (taken) throw new Error(`SimI2cBus: address 0x${device.address.toString(16)} already used by ${taken.name}`);
    this.devices.set(device.address, device);
  }

  /** Removes the device at `address` (e.g. to put a faulty one in its place). */
  detach(address: number): void {
    this.devices.delete(address);
  }

  write(address: number, data: Uint8Array, nowUs: number): boolean {
    return this.devices.get(address)?.write(data, nowUs) ?? false;
  }

  read(address: number, length: number, nowUs: number): Uint8Array | undefined {
    return this.devices.get(address)?.read(length, nowUs);
  }
}
