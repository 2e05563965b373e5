// sim_abi.h — the one contract between firmware (C/C++ compiled to wasm32-wasip1) and the simulator runtime.
//
// Every host function the firmware may call is declared here with SIM_IMPORT, every function the runtime calls
// in the firmware with SIM_EXPORT. src/runtime/abi/abiSpec.ts lists the same names, and a test checks that the two
// lists agree. Bump SIM_ABI_VERSION on any incompatible change; the runtime refuses firmware built for another.
//
// Conventions: times are virtual microseconds (int64), absolute unless the name says "delta". Pointers are offsets
// into the firmware's linear memory. Imports marked are points where the runtime may suspend the firmware
// (asyncify) to let virtual time pass and input arrive, and where pending interrupts run before the call returns.
#ifndef SIM_ABI_H
#define SIM_ABI_H

#include <stdint.h>

#define SIM_ABI_VERSION 3u

#ifdef __cplusplus
#define SIM_EXTERN_C extern "C"
#else
#define SIM_EXTERN_C
#endif

#define SIM_IMPORT(name) SIM_EXTERN_C __attribute__((import_module("env"), import_name(#name)))
// A yielding import: the runtime may suspend the firmware there (see above).
#define SIM_YIELD_IMPORT(name) SIM_IMPORT(name)
#define SIM_EXPORT(name) SIM_EXTERN_C __attribute__((export_name(#name)))

// ---- Pins of the virtual board (values of mbed PinName) -------------------------------------------------------
#define SIM_PIN_LED1 0x100
#define SIM_PIN_LED2 0x101
#define SIM_PIN_LED3 0x102
#define SIM_PIN_LED4 0x103
#define SIM_PIN_BUTTON1 0x110
#define SIM_PIN_BUTTON2 0x111
#define SIM_PIN_A0 0x120
#define SIM_PIN_A1 0x121
#define SIM_PIN_A2 0x122
#define SIM_PIN_A3 0x123
#define SIM_PIN_A4 0x124
#define SIM_PIN_A5 0x125
#define SIM_PIN_NC 0xFFFFFFFF

// Pin modes for sim_gpio_init.
#define SIM_GPIO_INPUT 0
#define SIM_GPIO_OUTPUT 1
#define SIM_GPIO_INPUT_PULLUP 2
#define SIM_GPIO_INPUT_PULLDOWN 3

// Edge masks for sim_gpio_irq.
#define SIM_EDGE_RISE 1
#define SIM_EDGE_FALL 2

// Interrupt sources passed to fw_irq(source, arg).
#define SIM_IRQ_GPIO_RISE 1  // arg: pin
#define SIM_IRQ_GPIO_FALL 2  // arg: pin
#define SIM_IRQ_ALARM 3      // arg: alarm id given to sim_alarm_set
#define SIM_IRQ_SERIAL_RX 4  // arg: number of bytes waiting
#define SIM_IRQ_TOUCH 5      // arg: SIM_TOUCH_* encoding of one touch-screen sample
#define SIM_IRQ_BLOB 6       // arg: slot whose blob the host replaced (remote update)
#define SIM_IRQ_LINK 7       // arg: SIM_LINK_OFFERED or SIM_LINK_WITHDRAWN
#define SIM_IRQ_NET 8        // arg: the network interface's new SIM_NET_* status

// Touch-screen samples (SIM_IRQ_TOUCH arg): bit 31 set while touching, x in bits 16..27, y in bits 0..11, in
// pixels of the SIM_TOUCH_WIDTH x SIM_TOUCH_HEIGHT panel. A release carries the last position with bit 31 clear.
#define SIM_TOUCH_WIDTH 240
#define SIM_TOUCH_HEIGHT 240
#define SIM_TOUCH_DOWN_BIT 31
#define SIM_TOUCH_X_SHIFT 16
#define SIM_TOUCH_COORD_MASK 0xFFFu
#define SIM_TOUCH_DOWN(arg) (((arg) >> SIM_TOUCH_DOWN_BIT) & 1u)
#define SIM_TOUCH_X(arg) (((arg) >> SIM_TOUCH_X_SHIFT) & SIM_TOUCH_COORD_MASK)
#define SIM_TOUCH_Y(arg) ((arg)&SIM_TOUCH_COORD_MASK)

// Limits.
#define SIM_MAX_ALARMS 64
#define SIM_LCD_WIDTH 128
#define SIM_LCD_HEIGHT 32
#define SIM_LCD_FB_BYTES (SIM_LCD_WIDTH * SIM_LCD_HEIGHT / 8)
#define SIM_MAX_BLOB_SLOTS 8
#define SIM_MAX_TELEMETRY_BYTES 65536

// Update link: the largest block one request may ask for, the size of a package's ETag.
#define SIM_LINK_BLOCK_BYTES 1024
#define SIM_LINK_ETAG_BYTES 8
// SIM_IRQ_LINK arguments.
#define SIM_LINK_OFFERED 1    // the server offers a package (a new one, or another in place of the last)
#define SIM_LINK_WITHDRAWN 2  // the server withdrew its offer
// Negative results of sim_link_request / sim_link_read.
#define SIM_LINK_BAD_REQUEST (-1)      // no package on offer, a range outside it, or more than SIM_LINK_BLOCK_BYTES
#define SIM_LINK_NO_REQUEST (-2)       // nothing was asked for
#define SIM_LINK_NOT_YET (-3)          // the answer is not due yet
#define SIM_LINK_CONNECTION_LOST (-4)  // the link was down: the request timed out without an answer
#define SIM_LINK_OFFER_CHANGED (-5)    // the package was withdrawn or replaced while the request was out
// The network interface's status (sim_net_status, SIM_IRQ_NET): Mbed's nsapi_connection_status_t values.
#define SIM_NET_LOCAL_UP 0
#define SIM_NET_GLOBAL_UP 1     // connected: the board is a device of the network it names (a workshop's fleet)
#define SIM_NET_DISCONNECTED 2  // no network (the board is in no workshop, or left it)
#define SIM_NET_CONNECTING 3    // joined, and (re)connecting to the network's broker
#define SIM_NET_NAME_BYTES 64   // the longest network name sim_net_status writes, with its NUL
// What the sim_flash_* calls return.
#define SIM_FLASH_OK 0
#define SIM_FLASH_RANGE 1       // the range leaves the flash
#define SIM_FLASH_ALIGN 2       // erase: not a sector's start; program: address or length not whole words
#define SIM_FLASH_NOT_ERASED 3  // program: a word in the range is not erased (0xFFFFFFFF)

#ifndef SIM_ABI_NO_DECLARATIONS
// ---- Time ------------------------------------------------------------------------------------------------------
// Current virtual time.
SIM_YIELD_IMPORT(sim_time_us) int64_t sim_time_us(void);
// Sleep until `deadline_us`; interrupts run meanwhile. With wake_on_irq != 0, return early after any interrupt
// handler ran. Returns 1 if woken by an interrupt, else 0. Not allowed in interrupt context.
SIM_YIELD_IMPORT(sim_sleep_until_us) int32_t sim_sleep_until_us(int64_t deadline_us, int32_t wake_on_irq);
// Busy-wait `delta_us` of virtual time (wait_us); allowed in interrupt context, where nothing else runs.
SIM_YIELD_IMPORT(sim_busy_wait_us) void sim_busy_wait_us(int64_t delta_us);
// Arm (or re-arm) alarm `id` to raise SIM_IRQ_ALARM at `deadline_us`; cancel disarms it.
SIM_IMPORT(sim_alarm_set) void sim_alarm_set(uint32_t id, int64_t deadline_us);
SIM_IMPORT(sim_alarm_cancel) void sim_alarm_cancel(uint32_t id);

// ---- GPIO and analog -------------------------------------------------------------------------------------------
SIM_IMPORT(sim_gpio_init) void sim_gpio_init(uint32_t pin, uint32_t mode);
SIM_YIELD_IMPORT(sim_gpio_write) void sim_gpio_write(uint32_t pin, int32_t value);
SIM_YIELD_IMPORT(sim_gpio_read) int32_t sim_gpio_read(uint32_t pin);
// Enable interrupts on `pin` for the edges in `edge_mask` (0 disables).
SIM_IMPORT(sim_gpio_irq) void sim_gpio_irq(uint32_t pin, uint32_t edge_mask);
// Normalised analog input, 0.0 .. 1.0.
SIM_YIELD_IMPORT(sim_analog_read) float sim_analog_read(uint32_t pin);

// ---- Serial console --------------------------------------------------------------------------------------------
// Output goes through WASI fd_write on fds 1 and 2 (printf, puts, putchar), unbuffered.
// Copy up to `max_len` received bytes into `buf`; returns the count (0 when none are waiting).
SIM_YIELD_IMPORT(sim_serial_read) int32_t sim_serial_read(uint8_t* buf, int32_t max_len);
SIM_IMPORT(sim_serial_readable) int32_t sim_serial_readable(void);

// ---- C12832 LCD ------------------------------------------------------------------------------------------------
// Publish the 128x32 framebuffer (SIM_LCD_FB_BYTES, row-major, 1 bit per pixel, MSB = leftmost) and the text the
// firmware printed on it (lines separated by '\n'), for display and accessibility.
SIM_IMPORT(sim_lcd_update) void sim_lcd_update(const uint8_t* fb, uint32_t fb_len, const char* text, uint32_t text_len);

// ---- I2C bus (sensors such as the SHT31 temperature sensor) ------------------------------------------------------
// 7-bit address. Return 0 on ACK, -1 when no device answers (NACK), as mbed::I2C does.
SIM_YIELD_IMPORT(sim_i2c_write) int32_t sim_i2c_write(uint32_t addr7, const uint8_t* data, uint32_t len);
SIM_YIELD_IMPORT(sim_i2c_read) int32_t sim_i2c_read(uint32_t addr7, uint8_t* data, uint32_t len);

// ---- Blobs: host-provided data the firmware can swap at run time (model parameters pushed remotely) -----------
// The slots are the board's flash: they survive Reset. Copies up to `max_len` bytes of slot `slot` into `dst`;
// returns the blob's full length, or -1 if the slot is empty.
SIM_IMPORT(sim_blob_read) int32_t sim_blob_read(uint32_t slot, uint8_t* dst, uint32_t max_len);
// The firmware stores `len` bytes in slot `slot` itself (e.g. a model it learned), or erases it with len = 0.
// Raises no SIM_IRQ_BLOB. Returns 0, or -1 for a bad slot or more than 1 MiB.
SIM_IMPORT(sim_blob_write) int32_t sim_blob_write(uint32_t slot, const uint8_t* src, uint32_t len);

// ---- Update link: a package offered by the update server, fetched block by block (CoAP block-wise) -------------
// The package on offer: its size and ETag (SIM_LINK_ETAG_BYTES, identifies it when a download resumes). Returns 0,
// or -1 when nothing is on offer.
SIM_IMPORT(sim_link_offer) int32_t sim_link_offer(uint32_t* size, uint8_t* etag);
// Ask for `len` bytes (1 .. SIM_LINK_BLOCK_BYTES) at `offset` of the package on offer. Returns the virtual time at
// which the answer is due (sleep until then, then sim_link_read), or SIM_LINK_BAD_REQUEST. One request at a time: a
// new one replaces the last.
SIM_YIELD_IMPORT(sim_link_request) int64_t sim_link_request(uint32_t offset, uint32_t len);
// The answer to the last request: copies it into `dst` (at most `max_len` bytes) and returns its length, or a
// negative SIM_LINK_* status. SIM_LINK_NOT_YET also stores when to look again in `*due_us` (later than first said
// when the link went down meanwhile: the request then fails when its exchange times out).
SIM_YIELD_IMPORT(sim_link_read) int32_t sim_link_read(uint8_t* dst, uint32_t max_len, int64_t* due_us);
// ---- Network interface: the board's connection to a workshop's fleet (MQTT over WebSocket, run by the host) -----
// Returns the SIM_NET_* status and writes the network's name (e.g. "workshop w1a2b3c4d, device d-Xy3…"), NUL
// terminated and cut to `max_len` bytes, into `name` (nothing when max_len is 0). Status changes raise SIM_IRQ_NET.
SIM_IMPORT(sim_net_status) int32_t sim_net_status(char* name, uint32_t max_len);
// ---- Internal flash (the STM32F413's 1.5 MB; sector map and timings in flash_map.h) ------------------------------
// Addresses are the chip's (the flash starts at 0x08000000). A refused call changes nothing and takes no time.
// Copy `len` bytes at `addr` into `dst` (reading costs no time).
SIM_IMPORT(sim_flash_read) int32_t sim_flash_read(uint32_t addr, uint8_t* dst, uint32_t len);
// Program `len` bytes (whole 32-bit words, erased before) at word-aligned `addr`. Returns when the controller is done:
// 16 µs of virtual time per word; interrupts that fall due meanwhile run after it (the CPU stalls on the flash).
SIM_YIELD_IMPORT(sim_flash_program) int32_t sim_flash_program(uint32_t addr, const uint8_t* src, uint32_t len);
// Erase the sector that starts at `addr` to 0xFF; returns when done (250 ms, 550 ms or 1 s for 16, 64, 128 KB).
SIM_YIELD_IMPORT(sim_flash_erase) int32_t sim_flash_erase(uint32_t addr);

// ---- Telemetry: structured reports for the host's panels (one JSON object per call, with a "type" field) ---------
SIM_IMPORT(sim_telemetry) void sim_telemetry(const char* json, uint32_t len);

// ---- Host clock ---------------------------------------------------------------------------------------------------
// Monotonic wall-clock time of the computer running the simulator, in ns (its resolution may be coarse, e.g. 0.1 ms
// in browsers). For measuring how long code takes as WebAssembly on the host — never a device's latency.
SIM_IMPORT(sim_host_time_ns) int64_t sim_host_time_ns(void);

// ---- Diagnostics -----------------------------------------------------------------------------------------------
// Halt the board with a fault message (mbed error(), failed MBED_ASSERT). Does not return.
SIM_IMPORT(sim_fault) void sim_fault(const char* msg, uint32_t len);

// ---- Firmware exports ------------------------------------------------------------------------------------------
SIM_EXPORT(fw_abi_version) uint32_t fw_abi_version(void);
// Runs the application's main(). Returns when main returns.
SIM_EXPORT(fw_main) int32_t fw_main(void);
// Interrupt entry: the runtime calls it between firmware instructions at a point, never re-entrantly.
SIM_EXPORT(fw_irq) void fw_irq(uint32_t source, uint32_t arg);
// Address and size of the buffer the runtime uses to save the suspended firmware's call stack.
SIM_EXPORT(fw_suspend_buffer) uint32_t fw_suspend_buffer(void);
SIM_EXPORT(fw_suspend_buffer_size) uint32_t fw_suspend_buffer_size(void);
#endif

#endif
