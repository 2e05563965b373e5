// settings.ts — what a training run is given (the MNIST MLP's architecture and Teachable Machine's three settings,
// plus the seed), the defaults `npm run train:mnist` uses, and the checks that turn a user's text into settings.
export interface TrainSettings {
  /** Hidden layer widths, input side first (784 → hidden… → 10). */
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  hidden: [128, 64],
  epochs: 12,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 7,
};

export const LIMITS = {
  layers: { min: 1, max: 3 },
  units: { min: 1, max: 1024 },
  epochs: { min: 1, max: 100 },
  batchSize: { min: 1, max: 1024 },
  learningRate: { min: 1e-6, max: 1 },
} as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "128,64" → [128, 64]; anything else gets a message that says what is wrong and what is expected. */
export function parseHidden(text: string): Parsed<number[]> {
  const expected = `1 to ${LIMITS.layers.max} layer sizes separated by commas, e.g. 128,64`;
  const parts = text.split(',').map((p) => p.trim());
  if (text.trim() === '') return { ok: false, message: `Enter the hidden layers: ${expected}.` };
  if (parts.length > LIMITS.layers.max)
    return { ok: false, message: `${parts.length} hidden layers: at most ${LIMITS.layers.max} (${expected}).` };
  const sizes: number[] = [];
  for (const [i, p] of parts.entries()) {
    if (!/^\d+$/.test(p))
      return {
        ok: false,
        message: `Layer ${i + 1}: “${p}” is not a whole number of units (${expected}).`,
      };
    const n = Number(p);
    if (n < LIMITS.units.min || n > LIMITS.units.max)
      return {
        ok: false,
        message: `Layer ${i + 1}: ${n} units; each layer needs ${LIMITS.units.min} to ${LIMITS.units.max}.`,
      };
    sizes.push(n);
  }
  return { ok: true, value: sizes };
}

/** A whole number in [min, max] from a form field. */
export function parseInteger(name: string, text: string, min: number, max: number): Parsed<number> {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    return { ok: false, message: `${name}: a whole number from ${min} to ${max}.` };
  return { ok: true, value: n };
}

export function parseLearningRate(text: string): Parsed<number> {
  const n = Number(text.trim());
  const { min, max } = LIMITS.learningRate;
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    return { ok: false, message: `Learning rate: a number from ${min} to ${max}, e.g. 0.001.` };
  return { ok: true, value: n };
}

/** The model's widths from input to output, e.g. [784, 128, 64, 10]. */
export const layerWidths = (inputs: number, hidden: readonly number[], classes: number) => [inputs, ...hidden, classes];

/** Why settings from elsewhere (a message, a script's flags) cannot be trained, or undefined when they can. */
export function settingsProblem(s: TrainSettings): string | undefined {
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!Array.isArray(s.hidden) || s.hidden.length < LIMITS.layers.min || s.hidden.length > LIMITS.layers.max)
    return `hidden layers: ${LIMITS.layers.min} to ${LIMITS.layers.max}`;
  if (!s.hidden.every((u) => whole(u, LIMITS.units.min, LIMITS.units.max)))
    return `hidden layer sizes: whole numbers from ${LIMITS.units.min} to ${LIMITS.units.max}`;
  if (!whole(s.epochs, LIMITS.epochs.min, LIMITS.epochs.max))
    return `epochs: ${LIMITS.epochs.min} to ${LIMITS.epochs.max}`;
  if (!whole(s.batchSize, LIMITS.batchSize.min, LIMITS.batchSize.max))
    return `batch size: ${LIMITS.batchSize.min} to ${LIMITS.batchSize.max}`;
  if (!(s.learningRate >= LIMITS.learningRate.min && s.learningRate <= LIMITS.learningRate.max))
    return `learning rate: ${LIMITS.learningRate.min} to ${LIMITS.learningRate.max}`;
  if (!Number.isInteger(s.seed)) return 'seed: a whole number';
  return undefined;
}
