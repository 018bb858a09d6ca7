// Numbers and dates as a calculator page shows them: the same rules as encours.formatting (the
// results written into the pages at build time), with the browser's Intl. A negative value that
// rounds to zero is written without its sign, as Python writes it.

export function locale(lang) {
  return lang === "en" ? "en-GB" : "fr-FR";
}

const SIGN = { signDisplay: "negative" };
const NUMBER_OPTIONS = {
  money: (currency) => ({ style: "currency", currency, minimumFractionDigits: 2, ...SIGN }),
  percent: () => ({ minimumFractionDigits: 2, maximumFractionDigits: 2, ...SIGN }),
  decimal: () => ({ minimumFractionDigits: 2, maximumFractionDigits: 2, ...SIGN }),
  integer: () => ({ maximumFractionDigits: 0, ...SIGN }),
};

// An Intl formatter is slow to make (the first of a locale loads its data) and quick to use:
// one per format, language and currency, made once.
const formatters = new Map();
function formatter(format, lang, currency) {
  const key = `${format} ${lang} ${currency}`;
  let made = formatters.get(key);
  if (!made) {
    made = format === "date"
      ? new Intl.DateTimeFormat(locale(lang), { dateStyle: "short", timeZone: "UTC" })
      : new Intl.NumberFormat(locale(lang), NUMBER_OPTIONS[format](currency));
    formatters.set(key, made);
  }
  return made;
}

/** Makes the formatters while the page waits for Python, so the first result does not pay. */
export function prepareFormats(lang, currency) {
  for (const format of [...Object.keys(NUMBER_OPTIONS), "date"]) {
    formatValue(format === "date" ? "2000-01-01" : "1", format, { lang, currency });
  }
}

/**
 * A value of the calculators' answer (a decimal string, a number, an ISO date, a boolean, a
 * list) as text in `format` ("money", "percent", "decimal", "integer", "date", "yesno", "list", "names",
 * anything else as is). `words` gives "yes" and "no" in the page's language.
 */
export function formatValue(value, format, { lang = "fr", currency = "EUR", words = {} } = {}) {
  if (value === null || value === undefined) return "";
  switch (format) {
    case "money":
    case "decimal":
    case "integer":
      return formatter(format, lang, currency).format(value);
    case "percent":
      return formatter(format, lang, currency).format(value) + (lang === "en" ? "%" : "\u00a0%");
    case "yesno":
      return value ? (words.yes || "yes") : (words.no || "no");
    case "date":
      return formatter(format, lang, currency).format(new Date(`${value}T00:00:00Z`));
    case "list":
      return Array.isArray(value) ? value.join(" ") : String(value);
    case "names": // role titles, approvers: one after the other
      return Array.isArray(value) ? value.join(", ") : String(value);
    default:
      return String(value);
  }
}
