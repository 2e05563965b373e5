// The TypeScript side of wasm/include/sim_abi.h. abiSpec.test.ts checks that both list the same symbols and values.

export const SIM_ABI_VERSION = 3;

export const Pin = {
  LED1: 0x100,
  LED2: 0x101,
  LED3: 0x102,
  LED4: 0x103,
  BUTTON1: 0x110,
  BUTTON2: 0x111,
  A0: 0x120,
  A1: 0x121,
  A2: 0x122,
  A3: 0x123,
  A4: 0x124,
  A5: 0x125,
  NC: 0xffffffff,
} as const;
export type PinName = keyof typeof Pin;

export const GpioMode = { INPUT: 0, OUTPUT: 1, INPUT_PULLUP: 2, INPUT_PULLDOWN: 3 } as const;
export const Edge = { RISE: 1, FALL: 2 } as const;
export const IrqSource = {
  GPIO_RISE: 1,
  GPIO_FALL: 2,
  ALARM: 3,
  SERIAL_RX: 4,
  TOUCH: 5,
  BLOB: 6,
  LINK: 7,
  NET: 8,
} as const;

export const TOUCH_WIDTH = 240;
export const TOUCH_HEIGHT = 240;
/** Bit layout of the SIM_IRQ_TOUCH argument. */
export const TouchBits = { DOWN_BIT: 31, X_SHIFT: 16, COORD_MASK: 0xfff } as const;
/** Encodes a touch sample as the SIM_IRQ_TOUCH argument (see sim_abi.h). */
export const encodeTouch = (down: boolean, x: number, y: number): number =>
  ((down ? 1 << TouchBits.DOWN_BIT : 0) |
    ((x & TouchBits.COORD_MASK) << TouchBits.X_SHIFT) |
    (y & TouchBits.COORD_MASK)) >>>
  0;

export const MAX_ALARMS = 64;
export const LCD_WIDTH = 128;
export const LCD_HEIGHT = 32;
export const LCD_FB_BYTES = (LCD_WIDTH * LCD_HEIGHT) / 8;
export const MAX_BLOB_SLOTS = 8;
export const MAX_TELEMETRY_BYTES = 65536;

/** The update link (SimUpdateLink): the largest block of one request (CoAP's largest, SZX 6), the ETag's size. */
export const LINK_BLOCK_BYTES = 1024;
export const LINK_ETAG_BYTES = 8;
/** SIM_IRQ_LINK arguments. */
export const LinkEvent = { OFFERED: 1, WITHDRAWN: 2 } as const;
/** Negative results of sim_link_request and sim_link_read. */
export const LinkStatus = {
  BAD_REQUEST: -1,
  NO_REQUEST: -2,
  NOT_YET: -3,
  CONNECTION_LOST: -4,
  OFFER_CHANGED: -5,
} as const;
/** The network interface's status (SimNetwork, sim_net_status, SIM_IRQ_NET): Mbed's nsapi_connection_status_t. */
export const NetStatus = { LOCAL_UP: 0, GLOBAL_UP: 1, DISCONNECTED: 2, CONNECTING: 3 } as const;
export type NetStatusValue = (typeof NetStatus)[keyof typeof NetStatus];
/** The longest network name sim_net_status writes, NUL included. */
export const NET_NAME_BYTES = 64;
/** What sim_flash_read/program/erase return (the board's internal flash: src/runtime/peripherals/SimFlash.ts). */
export const FlashStatus = { OK: 0, RANGE: 1, ALIGN: 2, NOT_ERASED: 3 } as const;

/** Host imports (module "env"). `yields` marks the points where the runtime may suspend the firmware. */
export const SIM_IMPORTS = {
  sim_time_us: { yields: true },
  sim_sleep_until_us: { yields: true },
  sim_busy_wait_us: { yields: true },
  sim_alarm_set: { yields: false },
  sim_alarm_cancel: { yields: false },
  sim_gpio_init: { yields: false },
  sim_gpio_write: { yields: true },
  sim_gpio_read: { yields: true },
  sim_gpio_irq: { yields: false },
  sim_analog_read: { yields: true },
  sim_serial_read: { yields: true },
  sim_serial_readable: { yields: false },
  sim_lcd_update: { yields: false },
  sim_i2c_write: { yields: true },
  sim_i2c_read: { yields: true },
  sim_blob_read: { yields: false },
  sim_blob_write: { yields: false },
  sim_link_offer: { yields: false },
  sim_link_request: { yields: true },
  sim_link_read: { yields: true },
  sim_net_status: { yields: false },
  sim_flash_read: { yields: false },
  sim_flash_program: { yields: true },
  sim_flash_erase: { yields: true },
  sim_telemetry: { yields: false },
  sim_host_time_ns: { yields: false },
  sim_fault: { yields: false },
} as const;
export type SimImportName = keyof typeof SIM_IMPORTS;

export const YIELDING_IMPORTS = (Object.keys(SIM_IMPORTS) as SimImportName[]).filter((n) => SIM_IMPORTS[n].yields);

/** Firmware exports the runtime calls. */
export const FW_EXPORTS = [
  'fw_abi_version',
  'fw_main',
  'fw_irq',
  'fw_suspend_buffer',
  'fw_suspend_buffer_size',
] as const;

/** Exports the asyncify pass adds. */
export const ASYNCIFY_EXPORTS = [
  'asyncify_start_unwind',
  'asyncify_stop_unwind',
  'asyncify_start_rewind',
  'asyncify_stop_rewind',
  'asyncify_get_state',
] as const;
