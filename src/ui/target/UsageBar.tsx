// How much of a board's flash or SRAM a model and its firmware need: a bar, red when it does not fit.
export const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export function UsageBar({
  label,
  used,
  available,
  explain,
}: {
  label: string;
  used: number;
  available: number;
  explain?: React.ReactNode;
}) {
  const pct = Math.min(100, (used / available) * 100);
  return (
    <div className="usage" title={`${used.toLocaleString('en-US')} of ${available.toLocaleString('en-US')} bytes`}>
      <span>
        {label} {explain}
      </span>
      <div className="usage-track">
        <div className={`usage-fill ${used > available ? 'over' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span>
        {kb(used)} / {kb(available)}
      </span>
    </div>
  );
}
