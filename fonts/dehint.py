"""Strips TrueType hinting (fpgm, prep, cvt and each glyph's instructions) from a font,
leaving every other table's bytes as they are: `python3 dehint.py IN.ttf OUT.ttf` (fontTools)."""
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
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
font.save(dst, reorderTables=False)
