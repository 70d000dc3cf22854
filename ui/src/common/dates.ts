// The browser is the host here: today's date comes from its clock, in its time zone, as a
// calendar date (never a UTC instant cut to 10 characters, which is yesterday east of Greenwich
// before 08:00).
export function todayLocal(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "2026-01-15T08:30:00.000Z" → "2026-01-15 16:30" in the viewer's time zone. */
export function shortDateTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${todayLocal(d)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
