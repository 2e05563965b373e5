// The virtual board: which peripheral sits on which pin. Pins the board does not wire (e.g. the shield's SPI pins)
// behave as unconnected: a write is remembered, a read returns it.
import { Pin } from './abi/abiSpec';
import { SimAnalogIn } from './peripherals/SimAnalogIn';
import { SimButton } from './peripherals/SimButton';
import { SimLcd } from './peripherals/SimLcd';
import { SimLed } from './peripherals/SimLed';
import { SimSerial } from './peripherals/SimSerial';
import { SimBlobStore } from './peripherals/SimBlobStore';
import { SimFlash } from './peripherals/SimFlash';
import { SimI2cBus } from './peripherals/SimI2cBus';
import { SimTouchScreen } from './peripherals/SimTouchScreen';
import { SimNetwork } from './peripherals/SimNetwork';
import { SimUpdateLink } from './peripherals/SimUpdateLink';
import { SimTemperatureSensor } from './peripherals/SimTemperatureSensor';
import { Sht31 } from './peripherals/Sht31';
import { SimSecureElement } from './peripherals/SimSecureElement';
import { Listeners } from '../shared/Listeners';

export const LED_NAMES = ['LED1', 'LED2', 'LED3', 'LED4'] as const;
export const BUTTON_NAMES = ['BUTTON1', 'BUTTON2'] as const;
export const ANALOG_NAMES = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5'] as const;
export type LedName = (typeof LED_NAMES)[number];
export type ButtonName = (typeof BUTTON_NAMES)[number];
export type AnalogName = (typeof ANALOG_NAMES)[number];

/** What a board keeps across Reset: its internal flash and the keys provisioned into its secure element. */
export interface BoardNonVolatile {
  /** The whole internal flash (FLASH_BYTES); a new board's is erased. */
  flash?: Uint8Array;
  keys?: [slot: number, publicKey: Uint8Array][];
}

export class Board {
  readonly leds = Object.fromEntries(LED_NAMES.map((n) => [n, new SimLed(n)])) as Record<LedName, SimLed>;
  readonly buttons = Object.fromEntries(BUTTON_NAMES.map((n) => [n, new SimButton(n)])) as Record<
    ButtonName,
    SimButton
  >;
  readonly analog = Object.fromEntries(ANALOG_NAMES.map((n) => [n, new SimAnalogIn(n)])) as Record<
    AnalogName,
    SimAnalogIn
  >;
  readonly lcd = new SimLcd();
  readonly serial = new SimSerial();
  readonly touch = new SimTouchScreen();
  readonly i2c = new SimI2cBus();
  readonly blobs = new SimBlobStore();
  /** The link to the update server a model package is downloaded over. */
  readonly updateLink = new SimUpdateLink();
  readonly network = new SimNetwork();
  /** The STM32F413's internal flash (sim_flash_*, FlashIAP). */
  readonly flash: SimFlash;
  readonly temperature = new SimTemperatureSensor('SHT31');
  /** The SHT31 temperature/humidity sensor on the I2C bus at 0x44, sensing `temperature`. */
  readonly sht31 = new Sht31(this.temperature);
  /** The ATECC608A-like secure element on the I2C bus at 0x60, holding the trusted public keys. */
  readonly secureElement = new SimSecureElement();
  /** JSON reports the firmware publishes for the host's panels (sim_telemetry). */
  readonly telemetry = new Listeners<string>();
  private readonly unconnected = new Map<number, number>();
  private readonly ledByPin = new Map<number, SimLed>(LED_NAMES.map((n) => [Pin[n], this.leds[n]]));
  private readonly buttonByPin = new Map<number, SimButton>(BUTTON_NAMES.map((n) => [Pin[n], this.buttons[n]]));
  private readonly analogByPin = new Map<number, SimAnalogIn>(ANALOG_NAMES.map((n) => [Pin[n], this.analog[n]]));

  constructor(kept: BoardNonVolatile = {}) {
    this.flash = new SimFlash(kept.flash);
    for (const [slot, key] of kept.keys ?? []) this.secureElement.provision(slot, key);
    this.i2c.attach(this.sht31);
    this.i2c.attach(this.secureElement);
  }

  buttonAt(pin: number): SimButton | undefined {
    return this.buttonByPin.get(pin);
  }

  gpioWrite(pin: number, value: number): void {
    this.checkPin(pin);
    const led = this.ledByPin.get(pin);
    if (led) led.write(value !== 0);
    else this.unconnected.set(pin, value ? 1 : 0);
  }

  gpioRead(pin: number): number {
    this.checkPin(pin);
    const button = this.buttonByPin.get(pin);
    if (button) return button.level;
    const led = this.ledByPin.get(pin);
    if (led) return led.isOn ? 1 : 0;
    return this.unconnected.get(pin) ?? 0;
  }

  analogRead(pin: number): number {
    this.checkPin(pin);
    const input = this.analogByPin.get(pin);
    if (!input) throw new Error(`Board: pin 0x${pin.toString(16)} is not an analog input (use A0–A5)`);
    return input.value;
  }

  private checkPin(pin: number): void {
    if (pin === Pin.NC) throw new Error('Board: pin NC (not connected) used for I/O');
  }
}
