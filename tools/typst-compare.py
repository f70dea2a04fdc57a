#!/usr/bin/env python3
"""Typesetting comparison with Typst: the brochure's running text set by both, measured alike.

Usage: tools/typst-compare.py [OUR_BROCHURE.pdf]

Needs: a Python venv with `typst`, `pyyaml` and `pillow` (this script creates one in a
temporary folder if `TYPST_VENV` is not set; Typst is not a dependency of plaquette), and
poppler's `pdftotext` and `pdftoppm`. Both PDFs are measured with `pdftotext -bbox-layout`:
for every line of the text column that fills the measure, the distance of its right edge from
the column's edge and the gaps between its words over the natural space. Writes
docs/typst-typesetting.png (the same page side by side) and prints the figures.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MM = 72 / 25.4


def fr(text):
    """The French text of a content value given per language or once."""
    return text["fr"] if isinstance(text, dict) else text


def esc(text):
    """Text made literal in Typst markup."""
    for c in "\\#$@<":
        text = text.replace(c, "\\" + c)
    return text


def venv_python():
    venv = os.environ.get("TYPST_VENV") or os.path.join(tempfile.gettempdir(), "plaquette-typst-venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "typst", "pyyaml", "pillow"], check=True)
    return python


def paragraphs():
    """The brochure's headings, paragraphs and list items, markup stripped."""
    import yaml  # noqa: available in the venv

    with open(os.path.join(ROOT, "content", "brochure.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []
    for block in doc["blocks"]:
        if "heading" in block:
            out.append(("heading", fr(block["heading"])))
        elif "paragraph" in block:
            out.append(("par", fr(block["paragraph"])))
        elif "list" in block:
            for item in block["list"]:
                out.append(("item", fr(item)))
        elif "profile" in block:
            out.append(("par", fr(block["profile"]["bio"])))
    return [(k, re.sub(r"\*\*?([^*]+)\*\*?", r"\1", t)) for k, t in out]


def typst_source(items):
    lines = [
        '#set page(width: 210mm, height: 297mm, margin: (left: 66mm, right: 20mm, top: 20mm, bottom: 22mm))',
        '#set text(font: "Noto Serif", size: 10.5pt, lang: "fr", hyphenate: true)',
        "#set par(justify: true, leading: 0.68em, spacing: 15pt)",
    ]
    for kind, text in items:
        if kind == "heading":
            lines.append(f'#text(font: "Noto Sans", weight: "bold", size: 14pt, fill: rgb("#14365D"))[{esc(text)}]\n')
        elif kind == "item":
            lines.append(f"- {esc(text)}\n")
        else:
            lines.append(esc(text) + "\n")
    return "\n".join(lines)


def short_blocks():
    """The fact sheet's blocks (French): the brochure sections it uses, in their short forms."""
    import yaml  # noqa: available in the venv

    root = os.path.join(ROOT, "content")
    brochure = yaml.safe_load(open(os.path.join(root, "brochure.yaml"), encoding="utf-8"))
    uses = yaml.safe_load(open(os.path.join(root, "factsheet.yaml"), encoding="utf-8"))["use"]
    strip = lambda t: re.sub(r"\*\*?([^*]+)\*\*?", r"\1", fr(t))
    blocks, sections, current = brochure["blocks"], {}, None
    for b in blocks:
        if "heading" in b:
            current = b.get("id")
            sections[current] = [b]
        elif current:
            sections[current].append(b)
    out = []
    for section in uses:
        for b in sections.get(section, []):
            if "heading" in b:
                out.append(("heading", strip(b["heading"])))
            elif "paragraph" in b:
                out.append(("par", strip(b.get("short", b["paragraph"]))))
            elif "list" in b:
                out.append(("list", [strip(i) for i in b.get("short", b["list"])]))
            elif "key-figures" in b:
                out.append(("figures", [(fr(f["value"]), strip(f["label"])) for f in b["key-figures"]]))
            elif "profile" in b:
                p = b["profile"]
                out.append(("profile", (strip(p["name"]), strip(p["role"]), strip(p.get("short", p["bio"])))))
            elif "contact" in b:
                out.append(("contact", strip(b["contact"])))
    return out


def typst_factsheet(blocks):
    out = [
        '#set page(paper: "a4", margin: (x: 20mm, top: 52mm, bottom: 22mm), background: place(top, rect(width: 100%, height: 44mm, fill: rgb("#14365D"))))',
        '#set text(font: "Noto Serif", size: 8.6pt, lang: "fr", hyphenate: true, fill: rgb("#1F2328"))',
        "#set par(justify: true, leading: 0.6em, spacing: 10pt)",
        '#show heading: set text(font: "Noto Sans", size: 14.6pt, fill: rgb("#14365D"))',
        '#place(top + left, dy: -38mm, block[#text(font: "Noto Sans", weight: "bold", size: 22pt, fill: white)[Ai Movement] \\ #text(font: "Noto Sans", weight: "bold", size: 10pt, fill: white)[Centre International d’Intelligence Artificielle du Maroc] \\ #text(style: "italic", size: 8.6pt, fill: white)[L’intelligence artificielle au service des nouveaux modèles de développement du Maroc]])',
        "#columns(2, gutter: 8mm)[",
    ]
    box = lambda body: f'#block(fill: rgb("#EEF2F7"), inset: 9pt, width: 100%)[{body}]'
    for kind, value in blocks:
        if kind == "heading":
            out.append(f"= {esc(value)}")
        elif kind == "par":
            out.append(esc(value) + "\n")
        elif kind == "list":
            out.extend(f"- {esc(i)}" for i in value)
            out.append("")
        elif kind == "figures":
            cells = ", ".join(f'[#text(font: "Noto Sans", weight: "bold", size: 22pt, fill: rgb("#E4572E"))[{esc(v)}] \\ #text(font: "Noto Sans", size: 7.3pt, fill: rgb("#5B6470"))[{esc(l)}]]' for v, l in value)
            out.append(box(f"#grid(columns: 2, gutter: 10pt, {cells})"))
        elif kind == "profile":
            name, role, bio = value
            out.append(box(f'#text(font: "Noto Sans", weight: "bold", size: 10.7pt, fill: rgb("#14365D"))[{esc(name)}] \\ #text(font: "Noto Sans", weight: "bold", size: 7.3pt, fill: rgb("#E4572E"))[{esc(role.upper())}] \\ {esc(bio)}'))
        elif kind == "contact":
            out.append(box(f'{esc(value)} \\ #text(font: "Noto Sans", size: 8.6pt, fill: rgb("#5B6470"))[Université Mohammed VI Polytechnique (UM6P) · Rabat, Maroc] \\ #text(font: "Noto Sans", weight: "bold", fill: rgb("#14365D"))[aim.um6p.ma] \\ #text(font: "Noto Sans", weight: "bold", fill: rgb("#14365D"))[contact\\@aim.um6p.ma]'))
    out.append("]")
    return "\n".join(out)


def measure(pdf, column_left, column_right, space):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    xml = re.sub(r'xmlns="[^"]+"', "", xml)
    root = ET.fromstring(xml)
    edges, ratios, lines = [], [], 0
    for line in root.iter("line"):  # noqa: the words' text is read below
        words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iter("word")]
        # Lines of neighbouring columns on one baseline come out as one: keep this column's.
        words = [w for w in words if column_left - 20 <= w[0] and w[1] <= column_right + 12]
        # A list marker hangs in the indent: the gap after it is no word space.
        if words and re.fullmatch(r"•|\d+\.|–", words[0][2]):
            words = words[1:]
        if len(words) < 3 or words[0][0] < column_left - 20 or words[0][0] > column_left + 30:
            continue
        right = words[-1][1]
        if right < column_right - 6:  # a paragraph's last line, or ragged
            continue
        lines += 1
        # Lines ending in punctuation may hang it into the margin (optical alignment):
        # letters are what must align.
        if words[-1][2][-1:].isalpha():
            edges.append(abs(right - column_right))
        ratios.extend((b[0] - a[1]) / space for a, b in zip(words, words[1:]))
    return {
        "lines": lines,
        "edge": max(edges, default=0),
        "spaces": (min(ratios), statistics.median(ratios), max(ratios)) if ratios else None,
    }


def main():
    ours = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "output", "brochure-fr.pdf")
    python = venv_python()
    if os.environ.get("PLAQUETTE_IN_VENV") != "1":
        env = dict(os.environ, PLAQUETTE_IN_VENV="1")
        sys.exit(subprocess.run([python, __file__, ours], env=env).returncode)
    import typst
    from PIL import Image

    work = tempfile.mkdtemp()
    theirs = os.path.join(work, "typst.pdf")
    with open(os.path.join(work, "text.typ"), "w", encoding="utf-8") as f:
        f.write(typst_source(paragraphs()))
    typst.compile(os.path.join(work, "text.typ"), output=theirs, font_paths=[os.path.join(ROOT, "fonts")])
    space = 0.26 * 10.5  # Noto Serif's space, 260/1000 em
    left, right = 66 * MM, (210 - 20) * MM
    for name, pdf in (("plaquette", ours), ("typst", theirs)):
        m = measure(pdf, left, right, space)
        s = m["spaces"]
        spaces = f"{s[0]:.2f} / {s[1]:.2f} / {s[2]:.2f}" if s else "-"
        print(f"{name:10} justified lines {m['lines']:3}  right edge within {m['edge']:.2f} pt  "
              f"word gaps min/median/max {spaces} × natural space")
    pages = []
    for pdf, tag in ((ours, "a"), (theirs, "b")):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "2" if tag == "a" else "1",
                        "-l", "2" if tag == "a" else "1", pdf, os.path.join(work, tag)], check=True)
        png = sorted(p for p in os.listdir(work) if p.startswith(tag) and p.endswith(".png"))[0]
        pages.append(Image.open(os.path.join(work, png)))
    w = sum(p.width for p in pages) + 20
    h = max(p.height for p in pages)
    sheet = Image.new("RGB", (w, h), "white")
    sheet.paste(pages[0], (0, 0))
    sheet.paste(pages[1], (pages[0].width + 20, 0))
    sheet.save(os.path.join(ROOT, "docs", "typst-typesetting.png"))
    print("wrote docs/typst-typesetting.png (left: plaquette, right: Typst)")

    # The fact sheet, set by Typst from the same content and theme.
    sheet_pdf = os.path.join(work, "typst-factsheet.pdf")
    with open(os.path.join(work, "factsheet.typ"), "w", encoding="utf-8") as f:
        f.write(typst_factsheet(short_blocks()))
    typst.compile(os.path.join(work, "factsheet.typ"), output=sheet_pdf, font_paths=[os.path.join(ROOT, "fonts")])
    ours_sheet = os.path.join(os.path.dirname(ours), "factsheet-fr.pdf")
    space = 0.26 * 8.6
    columns = ((20 * MM, (20 + 81) * MM), ((20 + 81 + 8) * MM, (210 - 20) * MM))
    for name, pdf in (("plaquette", ours_sheet), ("typst", sheet_pdf)):
        pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        count = re.search(r"Pages:\s+(\d+)", pages).group(1)
        figures = [measure(pdf, l, r, space) for l, r in columns]
        lines = sum(m["lines"] for m in figures)
        edge = max(m["edge"] for m in figures)
        gaps = [m["spaces"] for m in figures if m["spaces"]]
        lo, hi = min(g[0] for g in gaps), max(g[2] for g in gaps)
        print(f"fact sheet {name:10} pages {count}  justified lines {lines:3}  right edge within {edge:.2f} pt  "
              f"word gaps {lo:.2f}–{hi:.2f} × natural space")
    shots = []
    for pdf, tag in ((ours_sheet, "c"), (sheet_pdf, "d")):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", pdf, os.path.join(work, tag)], check=True)
        png = sorted(p for p in os.listdir(work) if p.startswith(tag) and p.endswith(".png"))[0]
        shots.append(Image.open(os.path.join(work, png)))
    sheet = Image.new("RGB", (sum(p.width for p in shots) + 20, max(p.height for p in shots)), "white")
    sheet.paste(shots[0], (0, 0))
    sheet.paste(shots[1], (shots[0].width + 20, 0))
    sheet.save(os.path.join(ROOT, "docs", "typst-factsheet.png"))
    print("wrote docs/typst-factsheet.png (left: plaquette, right: Typst)")


if __name__ == "__main__":
    main()
