// The embed's commands applied to the board: a thin map from each command to the board's own inputs. The board
// side (src/services/embedBoard.ts) implements EmbedBoard with the same functions the page's controls use.
import type { ButtonName, CommandPayloads, CommandResults, GetResults, GetWhat, Pace } from './types';

/** What an embed can do to the board and read from it. */
export interface EmbedBoard {
  /** Opens `demo` (the one on the board when undefined) with its shipped files, or with `files` built and run. */
  load(demo: string | undefined, files?: Record<string, string>): Promise<{ demo: string }>;
  /** Runs the board: resumes it when paused, starts its firmware again when it stopped or halted. */
  run(): void;
  pause(): void;
  resume(): void;
  step(us: number): void;
  reset(): void;
  pace(mode: Pace): void;
  button(name: ButtonName, pressed: boolean): void;
  touch(phase: 'press' | 'move' | 'release', x: number, y: number): void;
  digit(pixels: Uint8Array): void;
  temperature(celsius: number): void;
  /** Loads a CSV trace into the sensor; rejects with the parser's messages when it is refused. */
  stream(csv: string): Promise<{ readings: number }>;
  serial(text: string): void;
  get<W extends GetWhat>(what: W): GetResults[W];
}

export type BoardCommand = Exclude<keyof CommandPayloads, 'hello' | 'subscribe'>;
export type BoardCommandOf = { [K in BoardCommand]: { type: K; payload: CommandPayloads[K] } }[BoardCommand];

const STEP_US = 10_000;
const done = {} as Record<string, never>;

export async function dispatch(board: EmbedBoard, command: BoardCommandOf): Promise<CommandResults[BoardCommand]> {
  switch (command.type) {
    case 'load': {
      const p = command.payload;
      return 'files' in p ? board.load(p.demo, p.files) : board.load(p.demo);
    }
    case 'run':
      board.run();
      return done;
    case 'pause':
      board.pause();
      return done;
    case 'resume':
      board.resume();
      return done;
    case 'step':
      board.step(command.payload.us ?? STEP_US);
      return done;
    case 'reset':
      board.reset();
      return done;
    case 'speed': {
      const { value } = command.payload;
      board.pace(value === 'fast' ? { kind: 'fast' } : { kind: 'realtime', speed: value });
      return done;
    }
    case 'button':
      board.button(command.payload.name, command.payload.pressed);
      return done;
    case 'touch': {
      const { stroke } = command.payload;
      stroke.forEach(([x, y], i) => board.touch(i === 0 ? 'press' : 'move', x, y));
      const [x, y] = stroke[stroke.length - 1]!;
      board.touch('release', x, y);
      return done;
    }
    case 'digit':
      board.digit(Uint8Array.from(command.payload.pixels));
      return done;
    case 'temperature':
      board.temperature(command.payload.celsius);
      return done;
    case 'stream':
      return board.stream(command.payload.csv);
    case 'serial':
      board.serial(command.payload.text);
      return done;
    case 'get':
      return board.get(command.payload.what);
  }
}
