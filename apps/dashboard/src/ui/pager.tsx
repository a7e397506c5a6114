export function Pager({ next, prev, onPage }: { next: string | null; prev: string | null; onPage: (cursor: string | undefined) => void }) {
  if (!next && !prev) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={!prev} onClick={() => onPage(prev ?? undefined)}>
        ← Newer
      </button>
      <button type="button" className="secondary" disabled={!next} onClick={() => onPage(next ?? undefined)}>
        Older →
      </button>
    </nav>
  );
}
