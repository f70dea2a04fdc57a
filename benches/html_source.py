"""Writes HTML that sets the same text as plaquette's brochure and fact sheet, for WeasyPrint.

Used by compare.sh: `python3 html_source.py CONTENT_DIR LANG FONTS_DIR OUT_DIR` writes
brochure.html and factsheet.html. The same blocks as typst_source.py, in the same bundled
fonts (loaded with @font-face, never system fonts), sizes and paper, justified and hyphenated
in the content's language; comparable documents, not identical ones (no cover artwork).
"""

import html
import sys
from pathlib import Path

import yaml

from typst_source import MARKUP, factsheet_blocks, local


def markup(text):
    """plaquette's inline markup (**bold**, *italic*, [text](url)) as HTML."""
    out, last = [], 0
    for m in MARKUP.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        bold, italic, label, url, literal = m.groups()
        if bold is not None:
            out.append("<strong>" + markup(bold) + "</strong>")
        elif italic is not None:
            out.append("<em>" + markup(italic) + "</em>")
        elif label is not None:
            out.append(f'<a href="{html.escape(url)}">{markup(label)}</a>')
        else:
            out.append(html.escape(literal))
        last = m.end()
    out.append(html.escape(text[last:]))
    return " ".join("".join(out).split())


def items(values, lang, numbered=False):
    tag = "ol" if numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{markup(local(v, lang))}</li>" for v in values) + f"</{tag}>"


def block(b, lang, short=False):
    """One block as HTML; `short` uses its fact-sheet form where it has one."""
    t = lambda v: markup(local(v, lang))
    if short and "short" in b:
        s = b["short"]
        return items(s, lang) if isinstance(s, list) else f"<p>{t(s)}</p>"
    if "heading" in b:
        level = min(b.get("level", 1), 6)
        return f"<h{level}>{t(b['heading'])}</h{level}>"
    if "paragraph" in b:
        return f"<p>{t(b['paragraph'])}</p>"
    if "list" in b:
        return items(b["list"], lang, b.get("numbered", False))
    if "quote" in b:
        by = f"<footer>{t(b['by'])}</footer>" if "by" in b else ""
        return f"<blockquote><p>{t(b['quote'])}</p>{by}</blockquote>"
    if "key-figures" in b:
        cells = "".join(
            f"<div><strong class=figure>{t(f['value'])}</strong><br>{t(f['label'])}</div>"
            for f in b["key-figures"]
        )
        return f'<div class="grid">{cells}</div>'
    if "profile" in b:
        p = b["profile"]
        text = t(p["short"] if short and "short" in p else p["bio"])
        return f"<p><strong>{t(p['name'])}</strong><br><em>{t(p['role'])}</em></p><p>{text}</p>"
    if "timeline" in b:
        rows = "".join(f"<dt>{html.escape(str(m['date']))}</dt><dd>{t(m['text'])}</dd>" for m in b["timeline"])
        return f"<dl>{rows}</dl>"
    if "contact" in b:
        return f"<p>{t(b['contact'])}</p>"
    if "columns" in b:
        cols = "".join("<div>" + "".join(block(x, lang) for x in col) + "</div>" for col in b["columns"])
        return f'<div class="grid">{cols}</div>'
    return ""  # images and logos: no text to set


FACES = [("Noto Serif", "NotoSerif"), ("Noto Sans", "NotoSans"), ("Noto Naskh Arabic", "NotoNaskhArabic")]
STYLES = [("Regular", "normal", "normal"), ("Bold", "bold", "normal"), ("Italic", "normal", "italic"), ("BoldItalic", "bold", "italic")]


def font_faces(fonts):
    rules = []
    for family, stem in FACES:
        for style, weight, slant in STYLES:
            path = Path(fonts) / f"{stem}-{style}.ttf"
            if path.exists():
                rules.append(
                    f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); '
                    f"font-weight: {weight}; font-style: {slant}; }}"
                )
    return "\n".join(rules)


def page(lang, title, fonts, body, columns=1):
    direction = "rtl" if lang == "ar" else "ltr"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{title}</title>
<style>
{font_faces(fonts)}
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "Noto Serif", "Noto Naskh Arabic"; font-size: 10pt; line-height: 1.35;
       text-align: justify; hyphens: auto; columns: {columns}; column-gap: 12pt; }}
h1, h2, h3 {{ font-family: "Noto Sans", "Noto Naskh Arabic"; color: #14365D; text-align: start; }}
.grid {{ display: flex; gap: 8pt; }} .grid > * {{ flex: 1; }}
.figure {{ font-size: 20pt; }}
.cover {{ font-family: "Noto Sans"; page-break-after: always; padding-top: 90mm; }}
</style></head><body>
{body}
</body></html>
"""


def main(content, lang, fonts, out):
    content, out = Path(content), Path(out)
    brochure = yaml.safe_load((content / "brochure.yaml").read_text())
    factsheet = yaml.safe_load((content / "factsheet.yaml").read_text())
    centre = yaml.safe_load((content / "centre.yaml").read_text())
    blocks = brochure["blocks"]

    cover = f"""<div class="cover"><div style="font-size: 36pt; font-weight: bold">{markup(local(centre["short-name"], lang))}</div>
<div style="font-size: 16pt">{markup(local(centre["full-name"], lang))}</div>
<p><em>{markup(local(centre["tagline"], lang))}</em></p></div>"""
    body = cover + "\n".join(block(b, lang) for b in blocks)
    title = markup(local(brochure["title"], lang))
    (out / "brochure.html").write_text(page(lang, title, fonts, body))

    body = "\n".join(block(b, lang, short=True) for b in factsheet_blocks(blocks, factsheet))
    title = markup(local(factsheet["title"], lang))
    (out / "factsheet.html").write_text(page(lang, title, fonts, body, columns=2))


if __name__ == "__main__":
    main(*sys.argv[1:5])
