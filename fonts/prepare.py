"""Prepares an upstream font for embedding: `python3 prepare.py IN.ttf OUT.ttf` (fontTools).

Every byte it removes would otherwise be copied into each PDF's embedded subset:
- TrueType hinting (fpgm, prep, cvt and each glyph's instructions): programs that snap
  outlines to a screen's pixel grid, which PDF viewers and printers do not run;
- name records beyond the font's names, copyright and trademark (designer, vendor, URLs,
  the licence's description: the licence travels as `OFL.txt` beside the fonts);
- glyph names (`post` format 3): the PDF maps glyphs to text with its own ToUnicode maps.
Outlines, advance widths, character maps and the OpenType layout tables (GSUB, GPOS, GDEF)
are left byte for byte as they are. Running it again on its output changes nothing.
"""
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

# Family, style, unique id, full name, version, PostScript name; copyright and trademark.
KEPT_NAMES = {0, 1, 2, 3, 4, 5, 6, 7}

src, dst = sys.argv[1], sys.argv[2]
font = TTFont(src, lazy=True, recalcTimestamp=False)
for tag in ("fpgm", "prep", "cvt ", "DSIG", "hdmx", "LTSH", "VDMX"):
    if tag in font:
        del font[tag]
glyf = font["glyf"]
for name in font.getGlyphOrder():
    g = glyf[name]
    if hasattr(g, "program"):
        g.program = ttProgram.Program()
        g.program.fromBytecode(b"")
maxp = font["maxp"]
for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
              "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"):
    setattr(maxp, field, 0)
maxp.maxZones = 1
names = font["name"]
names.names = [r for r in names.names if r.nameID in KEPT_NAMES and r.platformID == 3]
for record in names.names:
    # The version string named the autohinter whose work was just removed.
    if record.nameID == 5:
        record.string = record.toUnicode().split(";")[0]
font["post"].formatType = 3.0
font.save(dst, reorderTables=False)
