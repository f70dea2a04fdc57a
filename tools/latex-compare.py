#!/usr/bin/env python3
"""Justification against LuaLaTeX: the same paragraphs, the same font and measure, measured alike.

Usage: tools/latex-compare.py [--lang fr|en] [--plaquette BINARY] [CONTENT ...]

Collects the running text (paragraphs that are not leads, list items, timeline entries,
profile biographies) of each CONTENT folder's brochure (default: content/ and the second
fixture, tests/fixtures/northshore/) in one language, and sets it twice at the brochure's body
measure (124 mm, Noto Serif 10/15 pt): by plaquette, from a copy of the first content folder
whose brochure holds only those paragraphs, and by LuaLaTeX with babel and microtype
(protrusion and font expansion, its defaults). Both PDFs are measured with `pdftotext
-bbox-layout`, line by line:

- spaces: the gaps between the words of every justified line (not a paragraph's last) over
  the font's natural space; mean, standard deviation and the lines whose mean is over 1.25;
- change: the mean difference between the mean spaces of adjacent justified lines;
- hyphens: lines ending in a hyphen, of the text or added;
- font expansion and letter-spacing, the largest on a line: plaquette's from `plaquette
  inspect --format json`, LuaLaTeX's expansion from its glyphs' expansion factors (a Lua
  callback writes them; microtype spaces no letters unless asked).

Needs `lualatex` with babel's French, fontspec, geometry and microtype (Debian:
texlive-luatex texlive-latex-recommended texlive-lang-french), poppler's `pdftotext`, PyYAML,
and a release build of plaquette. LaTeX is not a dependency of plaquette: this is a yardstick.
Prints a Markdown table, the one in the README.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MM = 72 / 25.4
LEFT, RIGHT = 66 * MM, (210 - 20) * MM
SIZE, BASELINE = 10.0, 15.0
SPACE = 0.26 * SIZE  # Noto Serif's space: 260/1000 em
HYPHENS = "-\u00ad\u2010"


def text_in(value, lang):
    """A content text in `lang` (or its regional variant), or None."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in (lang, lang + "-US", lang + "-GB", "en" if lang.startswith("en") else lang):
            if key in value:
                return value[key]
    return None


def running_text(folder, lang):
    """The brochure's running text: what is set justified at the body measure."""
    with open(os.path.join(folder, "brochure.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []

    def add(value):
        text = text_in(value, lang)
        if text:
            out.append(" ".join(text.split()))

    def walk(blocks):
        for block in blocks:
            if "paragraph" in block and not block.get("lead"):
                add(block["paragraph"])
            elif "list" in block:
                for item in block["list"]:
                    add(item.get("text", item) if isinstance(item, dict) and "text" in item else item)
            elif "timeline" in block:
                for entry in block["timeline"]:
                    add(entry.get("text"))
            elif "profile" in block:
                add(block["profile"].get("bio"))
            elif "columns" in block:
                for column in block["columns"]:
                    walk(column if isinstance(column, list) else column.get("blocks", []))

    walk(doc["blocks"])
    return out


def latex_escape(text):
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    for c, r in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                 ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\~{}"), ("^", r"\^{}")):
        text = text.replace(c, r)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\textbf{\1}", text)
    return re.sub(r"\*([^*]+)\*", r"\\emph{\1}", text)


# Writes, for every line of the paragraphs, the largest font expansion of its glyphs, as
# LuaTeX stores it (20000 = 2 %), for the expansion column.
LUA = r"""
local out = io.open("expansion.txt", "w")
luatexbase.add_to_callback("post_linebreak_filter", function(head)
  for line in node.traverse_id(node.id("hlist"), head) do
    local most = 0
    for g in node.traverse_id(node.id("glyph"), line.head) do
      local e = math.abs(g.expansion_factor or 0)
      if e > most then most = e end
    end
    out:write(most, "\n")
  end
  return head
end, "plaquette-expansion")
"""


def latex_source(paragraphs, lang):
    babel = {"fr": "french", "en": "english"}[lang]
    fonts = os.path.join(ROOT, "fonts") + "/"
    head = [
        r"\documentclass{article}",
        rf"\usepackage[paperwidth=210mm,paperheight=297mm,left={LEFT / MM:.3f}mm,"
        rf"right=20mm,top=20mm,bottom=22mm]{{geometry}}",
        r"\usepackage{fontspec}",
        rf"\setmainfont{{NotoSerif}}[Path={fonts},Extension=.ttf,UprightFont=*-Regular,"
        r"BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]",
        rf"\usepackage[{babel}]{{babel}}",
        r"\usepackage{microtype}",
        r"\setlength\parindent{0pt}\setlength\parskip{7.5pt}\pagestyle{empty}",
        r"\directlua{dofile('expansion.lua')}",
        r"\begin{document}",
        rf"\fontsize{{{SIZE}}}{{{BASELINE}}}\selectfont",
        # plaquette adds no space after a sentence: neither does LaTeX here, in either language.
        r"\frenchspacing",
    ]
    return "\n".join(head + [latex_escape(p) + "\n" for p in paragraphs] + [r"\end{document}"])


def plaquette_content(paragraphs, lang, template, work):
    """A copy of `template` whose brochure is one section of these paragraphs, in `lang`."""
    folder = os.path.join(work, "content")
    shutil.copytree(template, folder)
    path = os.path.join(folder, "brochure.yaml")
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    languages = doc["languages"]
    code = next((l for l in languages if l.split("-")[0] == lang), languages[0])
    doc["blocks"] = [{"heading": {code: "Texte"}, "id": "texte"}] + [{"paragraph": {code: p}} for p in paragraphs]
    # The fact sheet must fit its page: it gets a section of its own, one short line.
    doc["blocks"] += [{"heading": {code: "Fin"}, "id": "fin"}, {"paragraph": {code: "Fin."}}]
    # The fact sheet draws on the brochure's sections.
    sheet = os.path.join(folder, "factsheet.yaml")
    with open(sheet, encoding="utf-8") as f:
        uses = yaml.safe_load(f)
    uses["use"] = ["fin"]
    with open(sheet, "w", encoding="utf-8") as f:
        yaml.safe_dump(uses, f, allow_unicode=True, sort_keys=False)
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    return folder, code


def lines_of(pdf):
    """Every line of the body column: its words as (left, right, text), top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(re.sub(r'xmlns="[^"]+"', "", xml))
    out = []
    for page, node in enumerate(root.iter("page")):
        for line in node.iter("line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iter("word")]
            # A quote opening a line may hang into the left margin.
            words = [w for w in words if LEFT - 12 <= w[0] and w[1] <= RIGHT + 12]
            if words:
                out.append((page, float(line.get("yMin")), words))
    return out


def measure(pdf):
    justified, hyphens = [], 0
    previous = None
    lines = lines_of(pdf)
    for i, (page, top, words) in enumerate(lines):
        # A paragraph's last line stops short of the measure; every other line reaches it.
        full = words[-1][1] >= RIGHT - 6
        if words[-1][2][-1:] in HYPHENS and full:
            hyphens += 1
        if not full or len(words) < 2:
            previous = None
            continue
        gaps = [(b[0] - a[1]) / SPACE for a, b in zip(words, words[1:])]
        mean = statistics.mean(gaps)
        justified.append((mean, gaps, previous))
        previous = mean
    gaps = [g for _, line, _ in justified for g in line]
    changes = [abs(m - p) for m, _, p in justified if p is not None]
    means = [m for m, _, _ in justified]
    return {
        "lines": len(justified),
        "mean": statistics.mean(gaps),
        "spread": statistics.pstdev(gaps),
        "loose": sum(m > 1.25 for m in means),
        "change": statistics.mean(changes) if changes else 0.0,
        "hyphens": hyphens,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--plaquette", default=os.path.join(ROOT, "target", "release", "plaquette"))
    parser.add_argument("content", nargs="*",
                        default=[os.path.join(ROOT, "content"), os.path.join(ROOT, "tests", "fixtures", "northshore")])
    args = parser.parse_args()
    if not shutil.which("lualatex"):
        sys.exit("lualatex is not installed (Debian: texlive-luatex texlive-latex-recommended texlive-lang-french)")
    paragraphs = [p for folder in args.content for p in running_text(folder, args.lang)]
    work = tempfile.mkdtemp(prefix="plaquette-latex-")

    with open(os.path.join(work, "expansion.lua"), "w") as f:
        f.write(LUA)
    with open(os.path.join(work, "text.tex"), "w", encoding="utf-8") as f:
        f.write(latex_source(paragraphs, args.lang))
    subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", "text.tex"], cwd=work,
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "expansion.txt")) as f:
        expansion = [int(float(x)) / 1_000_000 for x in f.read().split()]

    folder, code = plaquette_content(paragraphs, args.lang, args.content[0], work)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    out = os.path.join(work, "out")
    subprocess.run([args.plaquette, "build", "--content", folder, "--lang", code, "--out", out, "--quiet"],
                   check=True, env=env)
    report = subprocess.run([args.plaquette, "inspect", "--content", folder, "--lang", code, "--format", "json"],
                            capture_output=True, text=True, check=True, env=env).stdout
    ours = next(json.loads(l) for l in report.splitlines() if json.loads(l)["document"].startswith("brochure"))

    rows = [("plaquette", measure(os.path.join(out, f"brochure-{code}.pdf")), ours["expansion_max"], ours["tracking_max"]),
            ("LuaLaTeX", measure(os.path.join(work, "text.pdf")), max(expansion, default=0), 0.0)]
    print(f"{len(paragraphs)} paragraphs ({args.lang}), 124 mm, Noto Serif 10/15 pt; work files in {work}\n")
    print("| setter | justified lines | mean space | spread | lines over 1.25 | adjacent change | hyphens "
          "| expansion max | letter-spacing max |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, m, expanded, letters in rows:
        print(f"| {args.lang} {name} | {m['lines']} | {m['mean']:.2f} | {m['spread']:.2f} | {m['loose']} | "
              f"{m['change']:.2f} | {m['hyphens']} | {expanded * 100:.1f} % | {letters * 100:.1f} % |")


if __name__ == "__main__":
    main()
