// The interface's messages in the browser: the same JSON catalogs the server
// reads (chat_ui/i18n/catalogs), so a change of language re-renders labels at
// once, with no reload and no server round trip per string.
//
//   chatUiT(lang, key, params)  the message `key` in `lang` ("" before the state
//                               arrives: the cookie's choice, then the browser's
//                               languages, then the deployment's default), with
//                               {name} placeholders filled and a plural form
//                               picked by params.count (Intl.PluralRules).
//   chatUiMsg(lang, value)      a message a state keeps (chat_ui/i18n/message.py: an
//                               invisible mark, then JSON [key, params]) translated;
//                               any other text (the backend's, a model's) as it is.
//   chatUiRel(lang, iso)        "5 minutes ago" in the reader's language (Intl).
//   chatUiNum(lang, n)          1,234 / 1.234 / 1 234 as the reader writes it.
//   chatUiDate / chatUiDay      a moment / a UTC day as the reader writes dates.
//   chatUiPct / chatUiDur       a share (25 %) / a duration (1,2 s) in the reader's units.
//   chatUiUsage(lang, in, out, turns, ms)  a turn's or a chat's usage, in those units.
//   useLang() / useT()          for the local React components: the current
//                               language, set by <LangSync> (rendered by each page).
//   LangSync({lang, fallback, offered, title})
//                               keeps <html lang> and document.title in step.
import { useEffect, useSyncExternalStore } from "react";
import en from "../../i18n/catalogs/en.json";

// English (the source, and every label's fallback) comes with the page; another language is its
// own small chunk, fetched when the reader reads it (started as this module loads, from the
// cookie's or the browser's language, so it is usually in before the state names it).
const LOADERS = {
  de: () => import("../../i18n/catalogs/de.json"),
  fr: () => import("../../i18n/catalogs/fr.json"),
  es: () => import("../../i18n/catalogs/es.json"),
  ja: () => import("../../i18n/catalogs/ja.json"),
};
export const CATALOGS = { en };
const loading = {};
let catalogRev = 0; // bumped when a catalog arrives: what rendered in English meanwhile renders again

export function loadCatalog(lang) {
  if (CATALOGS[lang] || !LOADERS[lang]) return Promise.resolve(false);
  if (!loading[lang]) {
    loading[lang] = LOADERS[lang]().then(
      (mod) => {
        CATALOGS[lang] = mod.default || mod;
        catalogRev += 1;
        for (const fn of listeners) fn();
        return true;
      },
      () => {
        delete loading[lang]; // a failed chunk: English meanwhile, tried again at the next change
        return false;
      },
    );
  }
  return loading[lang];
}

const COOKIE = "chat_ui_lang";
let offered = ["en", ...Object.keys(LOADERS)];
let fallback = "en";
let current = "";
// False until the first page has hydrated: until then a language not yet known is the default
// one, as when the build pre-rendered the page (chat_ui.prerender). Guessing from the cookie or
// the browser on that first render would differ from the pre-rendered text (React error 418).
let hydrated = false;
const listeners = new Set();

function cookieLang() {
  if (typeof document === "undefined") return "";
  const m = document.cookie.match(/(?:^|;\s*)chat_ui_lang=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : "";
}

function browserLang() {
  if (typeof navigator === "undefined") return "";
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (offered.includes(base)) return base;
  }
  return "";
}

export function resolveLang(lang) {
  if (lang && offered.includes(lang)) return lang;
  if (!hydrated) return fallback;
  const chosen = cookieLang();
  if (offered.includes(chosen)) return chosen;
  return browserLang() || fallback;
}

const pluralRules = {};
function pluralOf(lang, n) {
  const rules = (pluralRules[lang] = pluralRules[lang] || new Intl.PluralRules(lang));
  return rules.select(Math.abs(Number(n) || 0));
}

function pick(lang, key, count) {
  let l = resolveLang(lang);
  let message = CATALOGS[l] && CATALOGS[l][key];
  if (message === undefined) {
    l = "en";
    message = en[key];
  }
  if (message === undefined) return key;
  if (typeof message === "object") {
    message = message[pluralOf(l, count)] || message.other;
  }
  return message;
}

function fill(message, params) {
  return message.replace(/\{(\w+)\}/g, (m, name) => (name in params && params[name] != null ? String(params[name]) : m));
}

export function chatUiT(lang, key, params) {
  const message = pick(lang, key, params && params.count);
  return params ? fill(message, params) : message;
}

const MARK = "\u2063";

export function chatUiMsg(lang, value) {
  if (typeof value !== "string" || !value.startsWith(MARK)) return value == null ? "" : String(value);
  try {
    const [key, params] = JSON.parse(value.slice(MARK.length));
    if (!params || typeof params !== "object") return chatUiT(lang, key);
    // Whole numbers as the reader writes them; the plural form is still picked by the number.
    const format = new Intl.NumberFormat(resolveLang(lang));
    const tenths = new Intl.NumberFormat(resolveLang(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const shown = {};
    for (const [name, v] of Object.entries(params)) {
      // A parameter may itself be a kept message ("Could not open this chat: {detail}").
      // A list as the reader lists: "A, B, and C" / "A, B und C" / "A、B、C".
      if (Array.isArray(v)) shown[name] = new Intl.ListFormat(resolveLang(lang), { type: "conjunction" }).format(v.map(String));
      else if (typeof v === "number" && !Number.isInteger(v)) shown[name] = tenths.format(v);
      else shown[name] = Number.isInteger(v) ? format.format(v) : typeof v === "string" && v.startsWith(MARK) ? chatUiMsg(lang, v) : v;
    }
    return fill(pick(lang, key, params.count), shown);
  } catch (e) {
    return "";
  }
}

const UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];

export function chatUiRel(lang, iso) {
  if (!iso) return "";
  const l = resolveLang(lang);
  const text = /Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z"; // the API's times are UTC
  const when = Date.parse(text);
  if (Number.isNaN(when)) return iso;
  const seconds = (Date.now() - when) / 1000;
  if (seconds < 45) return chatUiT(l, "time.just_now");
  const format = new Intl.RelativeTimeFormat(l, { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return chatUiT(l, "time.just_now");
}

export function chatUiNum(lang, n) {
  if (n === "" || n == null) return "";
  const value = Number(n);
  return Number.isNaN(value) ? String(n) : new Intl.NumberFormat(resolveLang(lang)).format(value);
}

function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useLang() {
  return useSyncExternalStore(subscribe, () => current || resolveLang(""), () => fallback);
}

export function useT() {
  const lang = useLang();
  useSyncExternalStore(subscribe, () => catalogRev, () => 0); // again once the catalog is in
  return (key, params) => chatUiT(lang, key, params);
}

// onCatalog: the page's labels (rendered from the state's language) render again through it when
// the reader's catalog arrives after the state named the language.
export function LangSync({ lang, fallback: fb, offered: off, title, onCatalog }) {
  if (fb) fallback = fb;
  if (off && off.length) offered = off;
  const resolved = resolveLang(lang);
  const rev = useSyncExternalStore(subscribe, () => catalogRev, () => 0);
  useEffect(() => {
    hydrated = true;
  }, []);
  useEffect(() => {
    if (current !== resolved) {
      current = resolved;
      for (const fn of listeners) fn();
    }
    document.documentElement.lang = resolved;
    if (!CATALOGS[resolved]) {
      loadCatalog(resolved).then((arrived) => {
        if (arrived && onCatalog) onCatalog();
      });
    }
  }, [resolved]);
  useEffect(() => {
    if (title) document.title = chatUiT(resolved, title) + " · chat_ui";
  }, [resolved, title, rev]);
  return null;
}

if (typeof window !== "undefined") {
  const guess = cookieLang() || browserLang();
  if (guess) loadCatalog(guess);
}

export function chatUiDate(lang, unixSeconds) {
  const value = Number(unixSeconds);
  if (!value) return "";
  const format = new Intl.DateTimeFormat(resolveLang(lang), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return format.format(new Date(value * 1000)) + " UTC";
}

// A UTC day ("2026-03-31") as the reader writes dates: the usage and review pages count by UTC day.
export function chatUiDay(lang, day) {
  if (!day) return "";
  const when = Date.parse(String(day) + "T00:00:00Z");
  if (Number.isNaN(when)) return String(day);
  return new Intl.DateTimeFormat(resolveLang(lang), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(when));
}

// A share (0.25) as the reader writes percentages ("25%", "25 %"); a negative one is "none": "–".
export function chatUiPct(lang, ratio) {
  const value = Number(ratio);
  if (ratio === "" || ratio == null || Number.isNaN(value) || value < 0) return "–";
  return new Intl.NumberFormat(resolveLang(lang), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

const unitFormats = {};
function unitFormat(lang, unit, digits) {
  const key = lang + " " + unit + " " + digits;
  return (unitFormats[key] = unitFormats[key] || new Intl.NumberFormat(lang, {
    style: "unit", unit, unitDisplay: "short", minimumFractionDigits: digits, maximumFractionDigits: digits,
  }));
}

// A duration in milliseconds, as the reader writes units ("850 ms", "1.2 s", "2 min 5 s"); a
// negative one is "none": "–".
export function chatUiDur(lang, ms) {
  const value = Number(ms);
  if (ms === "" || ms == null || Number.isNaN(value) || value < 0) return "–";
  const l = resolveLang(lang);
  if (value < 1000) return unitFormat(l, "millisecond", 0).format(Math.round(value));
  if (value < 60000) return unitFormat(l, "second", 1).format(Math.floor(value / 100) / 10);
  const minutes = Math.floor(value / 60000);
  return unitFormat(l, "minute", 0).format(minutes) + " " + unitFormat(l, "second", 0).format(Math.floor((value % 60000) / 1000));
}

// "1,234 in · 56 out · 2 turns · 3.4 s": tokens when there are any, turns and time when known
// (a negative or missing one is left out).
export function chatUiUsage(lang, input, output, turns, ms) {
  const l = resolveLang(lang);
  const parts = [];
  if (Number(input) > 0 || Number(output) > 0) {
    parts.push(chatUiT(l, "usage.in_out", { input: chatUiNum(l, Number(input) || 0), output: chatUiNum(l, Number(output) || 0) }));
  }
  if (Number(turns) > 0) parts.push(chatUiT(l, "usage.turns", { count: Number(turns) }));
  if (Number(ms) > 0) parts.push(chatUiDur(l, ms));
  return parts.join(" · ");
}
