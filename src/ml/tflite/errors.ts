// errors.ts — the one error type of the .tflite reader and importer.

/** Every failure to read or import a .tflite file; the message names the operator index and op name where one is involved. */
export class TfliteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TfliteError';
  }
}
