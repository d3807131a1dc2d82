const pad = (value: number) => String(value).padStart(2, "0");

/** The local calendar day of an epoch-ms time, `YYYY-MM-DD` (the relay's time zone, as people read "today"). */
export function dayKeyOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local day `days` before the one `ms` falls in (0: that day). */
export function dayKeyBefore(ms: number, days: number): string {
  const date = new Date(ms);
  return dayKeyOf(new Date(date.getFullYear(), date.getMonth(), date.getDate() - days, 12).getTime());
}

/** The days from `days - 1` days ago to the day of `ms`, oldest first. */
export function dayKeysUpTo(ms: number, days: number): string[] {
  const keys: string[] = [];
  for (let back = days - 1; back >= 0; back--) keys.push(dayKeyBefore(ms, back));
  return keys;
}

/** `dayKeyOf` for a stream of times that mostly fall on the same day: the day's bounds are worked out once. */
export function createDayKeys(): (ms: number) => string {
  let from = 0;
  let until = -1;
  let key = "";
  return (ms) => {
    if (ms < from || ms >= until) {
      const date = new Date(ms);
      from = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
      until = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
      key = dayKeyOf(ms);
    }
    return key;
  };
}
