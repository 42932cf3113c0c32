"""Spam and profanity flagging for citizen text (pure functions, an Indonesian word list of our own).

A flag never deletes anything: the item waits in the moderation queue until a moderator shows or hides it. The
text is normalised first so simple disguises still match: case, leetspeak (4→a, 1→i, 0→o, 3→e, 5→s, @→a, $→s),
letters repeated for emphasis ("anjiiing") and separators inside a word ("b.a.n.g.s.a.t").
"""

from __future__ import annotations

import re
import unicodedata

KATA_KASAR = frozenset({
    "anjing", "anjir", "anjrit", "asu", "babi", "bajingan", "bangsat", "bedebah", "bego", "bejat", "brengsek",
    "budek", "cocot", "dajal", "goblok", "goblog", "idiot", "jablay", "jancok", "jancuk", "jembut", "kampret",
    "keparat", "kontol", "lonte", "maling", "memek", "monyet", "ngentot", "pantek", "pelacur", "perek", "setan",
    "sinting", "sialan", "taik", "tai", "tahi", "tolol", "bacot", "kimak", "pukimak", "laknat",
})
# Gambling words: one is enough. Promotion words: two or more make a text spam.
KATA_JUDI = frozenset({"gacor", "togel", "casino", "kasino", "jackpot", "maxwin", "pinjol"})
KATA_PROMOSI = frozenset({"slot", "judi", "bandar", "deposit", "promo", "diskon", "bonus", "crypto", "kripto", "followers",
                          "viagra", "klik", "daftar sekarang", "hubungi kami"})
_LEET = str.maketrans({"4": "a", "@": "a", "1": "i", "!": "i", "0": "o", "3": "e", "5": "s", "$": "s", "7": "t"})
_URL = re.compile(r"(https?://|www\.|\b[a-z0-9-]+\.(com|net|xyz|top|io|co|id|link|click|site)\b|wa\.me/|t\.me/)",
                  re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1{2,}")
_SPACED = re.compile(r"\b(?:\w[.\-_*\s]){3,}\w\b")
_TOKEN = re.compile(r"[a-z]+")

FLAG_KASAR = "kata_kasar"
FLAG_SPAM = "spam"
LABEL = {FLAG_KASAR: "kata kasar", FLAG_SPAM: "spam", "lonjakan": "lonjakan penilaian",
         "tidak_independen": "penilaian berulang dari perangkat/alamat yang sama", "duplikat": "duplikat"}


def normalisasi(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    # join letters written with separators: "b.a.n.g.s.a.t" -> "bangsat"
    text = _SPACED.sub(lambda m: re.sub(r"[.\-_*\s]", "", m.group(0)), text)
    # leetspeak inside words only: "t0l0l" -> "tolol", but "kampret!!" keeps its letters
    text = re.sub(r"[a-z0-9@$!]+", lambda m: m.group(0).rstrip("!").translate(_LEET), text)
    return _REPEAT.sub(r"\1", text)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def periksa(text: str) -> list[str]:
    """Flags for a piece of citizen text: [] when clean, else some of FLAG_KASAR, FLAG_SPAM."""
    if not text or not text.strip():
        return []
    flags = []
    norm = normalisasi(text)
    tokens = _tokens(norm)
    # letters doubled on purpose ("anjjing") collapse to one in the repeated-letter pass only from 3 on: try both
    collapsed = {re.sub(r"(.)\1+", r"\1", t) for t in tokens}
    if KATA_KASAR & (set(tokens) | collapsed):
        flags.append(FLAG_KASAR)
    joined = " ".join(tokens)
    judi = any(w in tokens for w in KATA_JUDI)
    promosi = sum(1 for w in KATA_PROMOSI if re.search(rf"\b{re.escape(w)}\b", joined))
    if _URL.search(text) or judi or promosi >= 2:
        flags.append(FLAG_SPAM)
    elif len(text) > 40 and len(set(norm.replace(" ", ""))) <= 3:
        flags.append(FLAG_SPAM)  # "aaaaaaa…" / keyboard mashing
    return flags


def label(flags: list[str] | str) -> str:
    if isinstance(flags, str):
        flags = [f for f in flags.split(",") if f]
    return ", ".join(LABEL.get(f, f) for f in flags)
