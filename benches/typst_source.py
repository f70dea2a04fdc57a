"""Writes Typst sources that set the same text as plaquette's brochure and fact sheet.

Used by compare.sh: `python3 typst_source.py CONTENT_DIR LANG OUT_DIR` writes brochure.typ
and factsheet.typ. Every block's text is set, in the same bundled fonts, sizes and paper, with
justification and hyphenation in the content's language; the documents are comparable, not
identical (Typst's own page design, no cover artwork).
"""

import re
import sys
from pathlib import Path

import yaml

MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)]+)\)|\\(.)")
SPECIAL = set("\\#$*_`<>@[]~/")


def escape(text):
    out = "".join("\\" + c if c in SPECIAL else c for c in text)
    return "\\" + out if out[:1] and out[0] in "=-+" else out


def markup(text):
    """plaquette's inline markup (**bold**, *italic*, [text](url)) as Typst markup."""
    out, last = [], 0
    for m in MARKUP.finditer(text):
        out.append(escape(text[last : m.start()]))
        bold, italic, label, url, literal = m.groups()
        if bold is not None:
            out.append("*" + markup(bold) + "*")
        elif italic is not None:
            out.append("_" + markup(italic) + "_")
        elif label is not None:
            out.append('#link("' + url + '")[' + markup(label) + "]")
        else:
            out.append(escape(literal))
        last = m.end()
    out.append(escape(text[last:]))
    return " ".join("".join(out).split())


def local(value, lang):
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values())))
    return str(value)


def block(b, lang, short=False):
    """One block as Typst markup; `short` uses its fact-sheet form where it has one."""
    t = lambda v: markup(local(v, lang))
    if short and "short" in b:
        s = b["short"]
        if isinstance(s, list):
            return "\n".join("- " + t(item) for item in s)
        return t(s)
    if "heading" in b:
        return "=" * b.get("level", 1) + " " + t(b["heading"])
    if "paragraph" in b:
        return t(b["paragraph"])
    if "list" in b:
        mark = "+" if b.get("numbered") else "-"
        return "\n".join(f"{mark} " + t(item) for item in b["list"])
    if "quote" in b:
        by = f"attribution: [{t(b['by'])}], " if "by" in b else ""
        return f"#quote(block: true, {by})[{t(b['quote'])}]"
    if "key-figures" in b:
        cells = ", ".join(
            f"[#text(size: 20pt, weight: \"bold\")[{t(f['value'])}] \\ {t(f['label'])}]"
            for f in b["key-figures"]
        )
        return f"#grid(columns: {len(b['key-figures'])}, gutter: 8pt, {cells})"
    if "profile" in b:
        p = b["profile"]
        return f"*{t(p['name'])}* \\ _{t(p['role'])}_\n\n{t(p['short'] if short and 'short' in p else p['bio'])}"
    if "timeline" in b:
        return "\n".join(f"/ {m['date']}: {t(m['text'])}" for m in b["timeline"])
    if "contact" in b:
        return t(b["contact"])
    if "columns" in b:
        inner = ", ".join("[" + "\n\n".join(block(x, lang) for x in col) + "]" for col in b["columns"])
        return f"#grid(columns: {len(b['columns'])}, gutter: 12pt, {inner})"
    return ""  # images and logos: no text to set


def preamble(lang, title, columns=1):
    direction = "rtl" if lang == "ar" else "ltr"
    return f"""#set document(title: [{title}])
#set page(paper: "a4", margin: 20mm, columns: {columns})
#set text(font: ("Noto Serif", "Noto Naskh Arabic"), size: 10pt, lang: "{lang}", dir: {direction})
#set par(justify: true, leading: 0.55em)
#show heading: set text(font: ("Noto Sans", "Noto Naskh Arabic"), fill: rgb("#14365D"))
"""


def factsheet_blocks(blocks, factsheet):
    """The brochure's blocks the fact sheet uses, in its order; a heading brings the section
    it opens, as in plaquette's fact sheet."""
    by_id = {b.get("id"): i for i, b in enumerate(blocks) if b.get("id")}
    chosen = []
    for wanted in factsheet["use"]:
        i = by_id[wanted]
        chosen.append(blocks[i])
        if "heading" in blocks[i]:
            for b in blocks[i + 1 :]:
                if "heading" in b and b.get("level", 1) <= blocks[i].get("level", 1):
                    break
                chosen.append(b)
    return chosen


def main(content, lang, out):
    content, out = Path(content), Path(out)
    brochure = yaml.safe_load((content / "brochure.yaml").read_text())
    factsheet = yaml.safe_load((content / "factsheet.yaml").read_text())
    centre = yaml.safe_load((content / "centre.yaml").read_text())
    blocks = brochure["blocks"]
    title = markup(local(brochure["title"], lang))

    cover = f"""#align(horizon)[#text(font: "Noto Sans", size: 36pt, weight: "bold")[{markup(local(centre["short-name"], lang))}] \\
#text(font: "Noto Sans", size: 16pt)[{markup(local(centre["full-name"], lang))}] \\
_{markup(local(centre["tagline"], lang))}_]
#pagebreak()
"""
    body = "\n\n".join(block(b, lang) for b in blocks)
    (out / "brochure.typ").write_text(preamble(lang, title) + cover + body + "\n")

    parts = [block(b, lang, short=True) for b in factsheet_blocks(blocks, factsheet)]
    title = markup(local(factsheet["title"], lang))
    (out / "factsheet.typ").write_text(preamble(lang, title, columns=2) + "\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
