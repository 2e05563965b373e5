// The serial console: xterm.js shows the firmware's output as it arrives (keystrokes go straight to the firmware);
// the line field below sends a whole line. The hidden transcript holds everything printed, for tests and copying.
import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { consoleChannel } from '../../services/channels';
import { firmware } from '../../services/session';

export function SerialConsole() {
  const host = useRef<HTMLDivElement>(null);
  const transcript = useRef<HTMLPreElement>(null);
  const [line, setLine] = useState('');

  useEffect(() => {
    const term = new Terminal({
      convertEol: true,
      rows: 10,
      fontSize: 12,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
      theme: { background: '#0d1117', foreground: '#d1d5db', cursor: '#3ddc84' },
      scrollback: 5000,
    });
    term.open(host.current!);
    // As many columns as the panel is wide (at any window size), always 10 rows.
    const fit = new FitAddon();
    term.loadAddon(fit);
    const fitColumns = () => {
      const size = fit.proposeDimensions();
      if (size && size.cols > 0 && size.cols !== term.cols) term.resize(size.cols, term.rows);
    };
    fitColumns();
    const resize = new ResizeObserver(fitColumns);
    resize.observe(host.current!);
    term.write(consoleChannel.transcript);
    transcript.current!.textContent = consoleChannel.transcript;
    // Tab and Shift+Tab move the focus on, as everywhere in the page, instead of reaching the firmware: the console is
    // no keyboard trap. A tab character can still be sent with Ctrl+I; Esc and every other key go to the firmware.
    term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
    term.textarea?.setAttribute('aria-describedby', 'serial-keys');
    const data = term.onData((d) => firmware.sendSerial(d));
    // The hidden transcript is a copy of up to 256 KB: refreshed once per frame, not once per write.
    let frame = 0;
    const refresh = () => {
      frame = 0;
      transcript.current!.textContent = consoleChannel.transcript;
    };
    const unsubscribe = consoleChannel.subscribe(
      (text, drawn) => {
        term.write(text, drawn);
        frame ||= requestAnimationFrame(refresh);
      },
      () => {
        term.reset();
        transcript.current!.textContent = '';
      },
    );
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame);
      unsubscribe();
      data.dispose();
      term.dispose();
    };
  }, []);

  return (
    <section className="serial" aria-label="Serial console">
      <div className="panel-title">
        Serial console <small id="serial-keys">keys go to the firmware · Tab leaves</small>
      </div>
      <div ref={host} className="terminal" />
      <pre ref={transcript} data-testid="serial-output" hidden />
      <form
        className="serial-line"
        onSubmit={(e) => {
          e.preventDefault();
          firmware.sendSerial(`${line}\n`);
          setLine('');
        }}
      >
        <input
          data-testid="serial-input"
          value={line}
          onChange={(e) => setLine(e.target.value)}
          placeholder="Type a line, Enter sends it"
          aria-label="Serial input"
        />
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
