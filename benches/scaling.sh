#!/usr/bin/env bash
# How the cost of a build grows with the document: synthetic brochures of about 1, 10 and 100
# pages of text, each built several times by the release binary; prints time and peak memory,
# in all and per page, and the marginal cost of a page between sizes (which should not grow
# when the document does: the cost is linear in pages).
#
#   bash benches/scaling.sh            # 5 runs of each size
#   RUNS=11 bash benches/scaling.sh
#
# The content is generated (deterministic French-like text, justified and hyphenated like the
# real thing) next to a copy of the default centre and brand; needs only python3.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet

python3 - "$work" "$runs" <<'EOF'
import os, re, shutil, statistics, subprocess, sys, time

work, runs = sys.argv[1], int(sys.argv[2])
plaquette = os.path.abspath("target/release/plaquette")
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
WORDS = ("intelligence artificielle recherche données modèles développement écosystème "
         "formation talents partenaires innovation territoire agriculture santé énergie "
         "université laboratoire chercheurs projets applications industrie services "
         "société éthique transformation compétences réseau international région Afrique "
         "avec pour dans entre leurs les des une nouvelle grande durable ouverte").split()


def text(seed, words):
    """Deterministic sentences of `words` words in all."""
    out, state, sentence = [], seed, []
    for i in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        sentence.append(WORDS[state % len(WORDS)])
        if len(sentence) >= 8 + state % 9 or i == words - 1:
            s = " ".join(sentence)
            out.append(s[0].upper() + s[1:] + ".")
            sentence = []
    return " ".join(out)


def content(sections):
    folder = os.path.join(work, f"content-{sections}")
    os.makedirs(os.path.join(folder, "images"))
    for name in ("centre.yaml", "brand.yaml"):
        shutil.copy(os.path.join("content", name), folder)
    shutil.copy("content/images/logo-placeholder.svg", os.path.join(folder, "images"))
    blocks = []
    for s in range(sections):
        blocks.append(f"  - heading: Section {s + 1}\n    id: section-{s + 1}")
        for p in range(3):
            blocks.append(f"  - paragraph: >-\n      {text(s * 10 + p + 1, 95)}")
    with open(os.path.join(folder, "brochure.yaml"), "w") as f:
        f.write("title: Synthetic brochure\nsubject: Scaling benchmark\nlanguages: [fr]\n"
                "edition: 2026-11\nblocks:\n" + "\n".join(blocks) + "\n")
    with open(os.path.join(folder, "factsheet.yaml"), "w") as f:
        f.write("title: Synthetic fact sheet\nsubject: Scaling benchmark\nuse: [section-1]\n")
    return folder


def measure(folder):
    walls, cpus, mems, pages = [], [], [], None
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen([plaquette, "build", "--content", folder, "--out", folder + "/out",
                              "--lang", "fr", "--only", "brochure"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = p.stderr.read().decode()
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(err)
        cpus.append(usage.ru_utime + usage.ru_stime)
        mems.append(usage.ru_maxrss / 1024)
        pages = int(re.search(r"(\d+) pages?", err).group(1))
    return pages, statistics.median(walls), statistics.median(cpus), statistics.median(mems), min(cpus), max(cpus)


rows = []
for sections in (1, 10, 100):
    rows.append(measure(content(sections)))

print(f"Synthetic French brochures, {runs} runs each, medians; CPU is user + system\n")
print(f"{'pages':>6} {'wall':>9} {'CPU':>9} {'CPU min–max':>15} {'memory':>9} {'CPU/page':>10} {'memory/page':>12}")
for pages, wall, cpu, mem, lo, hi in rows:
    print(f"{pages:>6} {wall*1000:>7.1f}ms {cpu*1000:>7.1f}ms {lo*1000:>7.1f}–{hi*1000:<6.1f} {mem:>7.1f}MB "
          f"{cpu*1000/pages:>8.2f}ms {mem/pages:>10.2f}MB")
print()
for (p0, _, c0, m0, *_), (p1, _, c1, m1, *_) in zip(rows, rows[1:]):
    print(f"from {p0} to {p1} pages: each added page costs {(c1-c0)*1000/(p1-p0):.2f} ms of CPU "
          f"and {(m1-m0)*1024/(p1-p0):.0f} KB of memory")
EOF
