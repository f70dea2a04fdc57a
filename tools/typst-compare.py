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
            out.append(("heading", block["heading"]))
        elif "paragraph" in block:
            out.append(("par", block["paragraph"]))
        elif "list" in block:
            for item in block["list"]:
                out.append(("item", item))
        elif "profile" in block:
            out.append(("par", block["profile"]["bio"]))
    return [(k, re.sub(r"\*\*?([^*]+)\*\*?", r"\1", t)) for k, t in out]


def typst_source(items):
    esc = lambda t: t.replace("\\", "\\\\").replace("#", "\\#").replace("$", "\\$").replace("@", "\\@").replace("<", "\\<")
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


def measure(pdf, column_left, column_right, space):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    xml = re.sub(r'xmlns="[^"]+"', "", xml)
    root = ET.fromstring(xml)
    edges, ratios, lines = [], [], 0
    for line in root.iter("line"):  # noqa: the words' text is read below
        words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iter("word")]
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


if __name__ == "__main__":
    main()
