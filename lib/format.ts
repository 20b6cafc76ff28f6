// Display formatting shared by the admin views (client and server).
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

const dayFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** The day only, for a list's "Created" column (the full time goes in its title). */
export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

const timeOfDay = new Intl.DateTimeFormat("en", { timeStyle: "medium" });
const dayAndTime = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
});

/** A call's time in a list: the time of day for today's, with the day for older ones. */
export function formatEventTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

const numberFormat = new Intl.NumberFormat("en");

/** A count for people: 1,234 (fixed "en", like the dates, so server and browser render the same text). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
