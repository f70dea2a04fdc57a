#!/usr/bin/env bash
# Times plaquette against Typst setting the same text, and prints the ratio.
#
#   bash benches/compare.sh            # 11 alternating runs of each
#   RUNS=31 bash benches/compare.sh
#
# Typst comes from its Python package (typst-py), WeasyPrint from its own, both installed into
# a temporary virtual environment that is removed afterwards: neither is a dependency of
# plaquette. benches/typst_source.py and benches/html_source.py write Typst and HTML sources
# holding every block's text of the French brochure and fact sheet, in the same bundled fonts,
# paper and sizes. WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
# libpangoft2-1.0-0); without it, its line is skipped.
#
# Each run is a fresh process. plaquette is measured whole (start-up, reading and checking the
# content, both documents, writing the files); Typst only inside its compile calls, which
# leaves out Python's start-up, so the ratio is, if anything, in Typst's favour. Medians are
# quoted with min–max. CPU time is user + system, of every thread.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "typst==0.15.2" "pyyaml==6.0.3" \
  "weasyprint==70.0"
"$work/venv/bin/python" benches/typst_source.py content fr "$work"
(cd benches && "$work/venv/bin/python" html_source.py ../content fr ../fonts "$work")

"$work/venv/bin/python" - "$work" "$runs" <<'EOF'
import json, os, statistics, subprocess, sys, time

work, runs = sys.argv[1], int(sys.argv[2])
python = os.path.join(work, "venv/bin/python")
plaquette = os.path.abspath("target/release/plaquette")
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")

TYPST = """
import json, sys, time, typst
cpu = wall = 0.0
for doc in ("brochure", "factsheet"):
    c, w = time.process_time(), time.perf_counter()
    typst.compile(f"{doc}.typ", output=f"typst-{doc}.pdf", font_paths=[sys.argv[1]],
                  ignore_system_fonts=True, pdf_standards=["a-2a"], timestamp=1700000000)
    cpu += time.process_time() - c
    wall += time.perf_counter() - w
print(json.dumps({"cpu": cpu, "wall": wall}))
"""

# Both variants: WeasyPrint's plain PDF (untagged, no metadata packet) and its tagged PDF/A-2a,
# what plaquette writes.
WEASYPRINT = """
import json, logging, os, time, weasyprint
logging.getLogger("weasyprint").setLevel(logging.ERROR)
out = {}
for variant in (None, "pdf/a-2a"):
    cpu, sizes = 0.0, []
    for doc in ("brochure", "factsheet"):
        c = time.process_time()
        name = f"weasyprint-{doc}-{variant or 'plain'}.pdf".replace("/", "")
        weasyprint.HTML(f"{doc}.html").write_pdf(name, pdf_variant=variant)
        cpu += time.process_time() - c
        sizes.append(os.path.getsize(name))
    out[variant or "plain"] = {"cpu": cpu, "sizes": sizes}
print(json.dumps(out))
"""


def run(args, cwd=None):
    """Runs `args`; returns its stdout, wall time, CPU time and peak memory (MB)."""
    start = time.perf_counter()
    p = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{args[0]} failed: {err.decode()}")
    return out, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


ours = {"cpu": [], "wall": [], "mem": []}
all_langs = {"wall": [], "cpu": [], "mem": []}
theirs = {"cpu": [], "wall": [], "mem": []}
for _ in range(runs):
    _, wall, cpu, mem = run([plaquette, "build", "--lang", "fr", "--quiet", "--out", f"{work}/out"])
    ours["cpu"].append(cpu); ours["wall"].append(wall); ours["mem"].append(mem)
    out, _, _, mem = run([python, "-c", TYPST, os.path.abspath("fonts")], cwd=work)
    t = json.loads(out)
    theirs["cpu"].append(t["cpu"]); theirs["wall"].append(t["wall"]); theirs["mem"].append(mem)
    _, wall, cpu, mem = run([plaquette, "build", "--quiet", "--out", f"{work}/all"])
    all_langs["wall"].append(wall); all_langs["cpu"].append(cpu); all_langs["mem"].append(mem)
_, _, _, python_mem = run([python, "-c", "import typst"])
try:
    weasyprint = [json.loads(run([python, "-c", WEASYPRINT], cwd=work)[0]) for _ in range(3)]
except SystemExit as e:
    weasyprint = None
    print(f"WeasyPrint not measured: {str(e).splitlines()[-1] if str(e) else 'failed'}\n")


def ms(xs):
    return f"{statistics.median(xs) * 1000:6.1f} ms ({min(xs) * 1000:.1f}–{max(xs) * 1000:.1f})"


def mb(xs):
    return f"{statistics.median(xs):6.1f} MB ({min(xs):.1f}–{max(xs):.1f})"


def kb(path):
    return f"{os.path.getsize(path) / 1000:6.1f} KB"


print(f"French brochure and fact sheet, {runs} alternating runs, median (min–max)\n")
print(f"{'':22}{'plaquette':29}{'Typst ' + '0.15.2':29}ratio")
ratio = statistics.median(theirs["cpu"]) / statistics.median(ours["cpu"])
print(f"{'CPU time':22}{ms(ours['cpu']):29}{ms(theirs['cpu']):29}Typst / plaquette = {ratio:.2f}")
ratio = statistics.median(theirs["wall"]) / statistics.median(ours["wall"])
print(f"{'wall time':22}{ms(ours['wall']):29}{ms(theirs['wall']):29}Typst / plaquette = {ratio:.2f}")
print(f"{'peak memory':22}{mb(ours['mem']):29}{mb(theirs['mem']):29}(Python and typst imported: {python_mem:.1f} MB)")
print(f"{'brochure':22}{kb(f'{work}/out/brochure-fr.pdf'):29}{kb(f'{work}/typst-brochure.pdf')}")
print(f"{'fact sheet':22}{kb(f'{work}/out/factsheet-fr.pdf'):29}{kb(f'{work}/typst-factsheet.pdf')}")
print(f"\nEvery language, both documents (6 PDFs), one process: wall {ms(all_langs['wall'])}, "
      f"CPU {ms(all_langs['cpu'])}, peak {mb(all_langs['mem'])}")
if weasyprint:
    v = weasyprint
    print("\nWeasyPrint 70.0 on the same text (3 runs, CPU of both documents, median (min–max)):")
    for variant in ("plain", "pdf/a-2a"):
        sizes = v[0][variant]["sizes"]
        print(f"  {variant:9} CPU {ms([r[variant]['cpu'] for r in v])}, brochure "
              f"{sizes[0] / 1000:.1f} KB, fact sheet {sizes[1] / 1000:.1f} KB")
EOF
