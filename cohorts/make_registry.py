#!/usr/bin/env python3
"""Builds cohorts/governments-2020.csv from the public source tables (see cohorts/README.md).

Usage: python3 cohorts/make_registry.py POPULATION_CSV EMPLOYED_CSV > cohorts/governments-2020.csv
  POPULATION_CSV  lg243_population_2023-01.csv (MOIS resident registration, January 2023)
  EMPLOYED_CSV    lg243_employed_2024.csv (KOSIS Local Area Labour Force Survey, 2024, thousands)

Run once by a maintainer when the source tables change; jobaward itself only reads the output.
"""
import csv
import sys

LEVEL = {"광역": "metropolitan", "기초": "basic"}
TYPE = {
    "특별시": "special_city", "광역시": "metropolitan_city", "특별자치시": "special_self_governing_city",
    "도": "province", "특별자치도": "special_self_governing_province",
    "시": "city", "군": "county", "자치구": "district",
}
# Official English names of the 17 metropolitan governments (2020 names).
METRO_EN = {
    "11000": "Seoul", "26000": "Busan", "27000": "Daegu", "28000": "Incheon", "29000": "Gwangju",
    "30000": "Daejeon", "31000": "Ulsan", "36000": "Sejong", "41000": "Gyeonggi-do",
    "42000": "Gangwon-do", "43000": "Chungcheongbuk-do", "44000": "Chungcheongnam-do",
    "45000": "Jeollabuk-do", "46000": "Jeollanam-do", "47000": "Gyeongsangbuk-do",
    "48000": "Gyeongsangnam-do", "50000": "Jeju-do",
}
SUFFIX_EN = {"시": "si", "군": "gun", "구": "gu"}

INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
           "t", "p", "h"]
VOWEL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
         "we", "wi", "yu", "eu", "ui", "i"]
# Final consonant as pronounced before a pause (index 0 = none).
FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
         "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# Final consonant carried over to a following syllable that starts with a vowel (liaison).
LIAISON = ["", "g", "kk", "ks", "n", "nj", "nh", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp",
           "lh", "m", "b", "bs", "s", "ss", "", "j", "ch", "k", "t", "p", "h"]


def romanise(word):
    """Revised Romanization of Hangul with the main sound changes between syllables
    (liaison, nasalisation, lateralisation); official spellings differ in a few names."""
    syllables = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            syllables.append(None)
            continue
        syllables.append([code // 588, (code % 588) // 28, code % 28])
    out = []
    for i, s in enumerate(syllables):
        if s is None:
            out.append(word[i])
            continue
        ini, vow, fin = s[:3]
        nxt = syllables[i + 1] if i + 1 < len(syllables) else None
        # A sound change of the previous syllable may have replaced this onset (4th element).
        onset = s[3] if len(s) > 3 else INITIAL[ini]
        coda = FINAL[fin]
        if nxt is not None and fin:
            n_ini = nxt[0]
            if n_ini == 11 and fin != 21:       # vowel follows: the consonant moves over
                coda = ""
                nxt.append(LIAISON[fin])
            elif n_ini == 5:                     # ㄹ follows
                if coda in ("n", "l"):
                    coda, onset_next = "l", "l"
                elif coda in ("ng", "m"):
                    onset_next = "n"
                elif coda == "k":
                    coda, onset_next = "ng", "n"
                elif coda == "p":
                    coda, onset_next = "m", "n"
                else:
                    onset_next = "n"
                nxt.append(onset_next)
            elif n_ini in (2, 6):                # ㄴ or ㅁ follows: nasalisation
                coda = {"k": "ng", "p": "m", "t": "n", "l": "l"}.get(coda, coda)
                if coda == "l" and n_ini == 2:
                    nxt.append("l")
        out.append(onset + VOWEL[vow] + coda)
    return "".join(out)


def english_name(code, name, level):
    if level == "광역":
        return METRO_EN[code]
    stem, suffix = name[:-1], name[-1]
    en = romanise(stem)
    return en[:1].upper() + en[1:] + "-" + SUFFIX_EN[suffix]


def main():
    pop_rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    emp = {r["code5"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
    code_of_sido = {r["name"]: r["code5"] for r in pop_rows if r["level"] == "광역"}

    def employed(r):
        h1, h2 = r["employed_2024h1_thousands"], r["employed_2024h2_thousands"]
        if not h1 or not h2:
            return None
        return (float(h1) + float(h2)) / 2 * 1000

    # Sejong has no figure: estimate it with the employed/population ratio of the other 16
    # metropolitan governments combined.
    metro = [r for r in pop_rows if r["level"] == "광역" and employed(emp[r["code5"]]) is not None]
    ratio = sum(employed(emp[r["code5"]]) for r in metro) / sum(float(r["pop_resident_2023_01"]) for r in metro)

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["code", "name_ko", "name_en", "level", "type", "parent_code", "population",
                "population_year", "population_source", "workers", "workers_year",
                "workers_source", "workers_estimated"])
    for r in pop_rows:
        code, level = r["code5"], r["level"]
        e = emp[code]
        workers = employed(e)
        estimated = workers is None
        if estimated:
            workers = round(float(r["pop_resident_2023_01"]) * ratio, -3)
            source = ("estimate: population x employed/population ratio of the other 16 "
                      f"metropolitan governments ({ratio:.4f})")
        else:
            source = "KOSIS Local Area Labour Force Survey 2024 (mean of H1 and H2; " + e["how"] + ")"
        parent = "" if level == "광역" else code_of_sido[r["parent_sido"]]
        w.writerow([code, r["name"], english_name(code, r["name"], level), LEVEL[level],
                    TYPE[r["type"]], parent, r["pop_resident_2023_01"], 2023,
                    "MOIS resident registration, January 2023", int(workers), 2024, source,
                    "true" if estimated else "false"])


if __name__ == "__main__":
    main()
