// Softmax scores of all ten digits as bars; the top three are named in text.
export function ScoreBars({ scores }: { scores?: number[] }) {
  const ranked = (scores ?? []).map((p, digit) => ({ digit, p })).sort((a, b) => b.p - a.p);
  const top = ranked.slice(0, 3);
  return (
    <div className="scores">
      <div data-testid="scores" className="top3">
        {top.length ? top.map((t) => `${t.digit}: ${(t.p * 100).toFixed(1)}%`).join('   ') : 'no inference yet'}
      </div>
      <div className="bars" role="img" aria-label="Scores of digits 0 to 9">
        {Array.from({ length: 10 }, (_, d) => {
          const p = scores?.[d] ?? 0;
          return (
            <div key={d} className={`bar ${top[0]?.digit === d ? 'best' : ''}`}>
              <div
                className="fill"
                style={{ height: `${Math.max(1, p * 100)}%` }}
                title={`${d}: ${(p * 100).toFixed(1)}%`}
              />
              <span>{d}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
