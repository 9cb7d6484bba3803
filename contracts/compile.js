// Compiles every contract in src/ with solc-js (standard JSON) and writes <Contract>.abi and <Contract>.bin into the
// output directory (default target/solidity). London EVM, so the code also runs on pre-Shanghai PoA chains.
// Usage: node compile.js [outputDir]
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const srcDir = path.join(__dirname, 'src');
const outDir = path.resolve(process.argv[2] || path.join(__dirname, 'target', 'solidity'));

const sources = {};
for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(srcDir, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'london',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors || [];
for (const p of problems) {
  console.error(p.formattedMessage || p.message);
}
if (problems.some((p) => p.severity === 'error')) {
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of Object.keys(output.contracts)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    const bin = contract.evm.bytecode.object;
    if (!bin) continue; // interfaces and abstract contracts have no bytecode
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
    count++;
  }
}
console.log(`solc ${solc.version()}: ${count} contracts from ${Object.keys(sources).length} files -> ${outDir}`);
